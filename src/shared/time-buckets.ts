export type Interval = 'day' | 'week' | 'month'

const DAY = 86_400_000

/** The start of the UTC day, ISO week (Monday) or calendar month holding `t`. */
export function bucketStart(t: Date, interval: Interval): Date {
  const day = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate())
  if (interval === 'day') return new Date(day)
  if (interval === 'month') return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1))
  const sinceMonday = (t.getUTCDay() + 6) % 7
  return new Date(day - sinceMonday * DAY)
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: Date, interval: Interval): Date {
  if (interval === 'day') return new Date(start.getTime() + DAY)
  if (interval === 'week') return new Date(start.getTime() + 7 * DAY)
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))
}

/** Every bucket start from the bucket holding `from` to the one holding `to`, in order; null past `max` buckets. */
export function bucketStarts(from: Date, to: Date, interval: Interval, max: number): Date[] | null {
  const starts: Date[] = []
  for (let s = bucketStart(from, interval); s <= to; s = nextBucketStart(s, interval)) {
    if (starts.length === max) return null
    starts.push(s)
  }
  return starts
}

/** The index of the bucket holding `t` among `starts` (sorted), or -1 outside them all. */
export function bucketIndex(starts: Date[], end: Date, t: Date): number {
  const ms = t.getTime()
  if (starts.length === 0 || ms < starts[0]!.getTime() || ms >= end.getTime()) return -1
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]!.getTime() <= ms) lo = mid
    else hi = mid - 1
  }
  return lo
}
