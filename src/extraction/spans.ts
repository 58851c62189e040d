import type { Sentence, Span } from './types.js'

/** Whether two offset ranges share at least one character. */
export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end

/** Index of the sentence holding `offset`, or -1 (binary search: sentences are in text order and do not overlap). */
export function sentenceAt(sentences: Sentence[], offset: number): number {
  let lo = 0
  let hi = sentences.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = sentences[mid]!
    if (offset < s.start) hi = mid - 1
    else if (offset >= s.end) lo = mid + 1
    else return mid
  }
  return -1
}

/** Index of the first item whose `start` is at least `offset` in a list sorted by start (its length when none). */
export function firstStartingAt<T extends { start: number }>(sorted: readonly T[], offset: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]!.start < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * A fixed set of spans that answers "does any of them overlap this span?" in O(log n): the spans
 * sorted by start with the running maximum of their ends.
 */
export class SpanIndex {
  private readonly sorted: Span[]
  private readonly maxEnd: number[]
  constructor(spans: Iterable<Span | null | undefined>) {
    this.sorted = [...spans].filter((s): s is Span => !!s && s.end > s.start).sort((a, b) => a.start - b.start)
    let max = -Infinity
    this.maxEnd = this.sorted.map((s) => (max = Math.max(max, s.end)))
  }
  /** Whether a span of the set shares a character with `s`. */
  overlapsAny(s: Span): boolean {
    const k = firstStartingAt(this.sorted, s.end) - 1
    return k >= 0 && this.maxEnd[k]! > s.start
  }
}
