import { z } from 'zod'
import { BadRequestError } from '../errors.js'
import { queryNumber } from './params.js'

export const Total = z
  .object({
    value: z
      .number()
      .int()
      .min(0)
      .meta({ examples: [1] }),
    relation: z
      .enum(['eq', 'gte'])
      .describe('eq: exactly `value` results; gte: at least `value` (counting stopped at the cap, TOTAL_COUNT_CAP)'),
  })
  .describe('How many results the filter has in all pages, counted up to a cap')
  .meta({ id: 'Total' })
export type Total = z.infer<typeof Total>

/** A count of at most `cap` + 1 rows as a total: past the cap, "at least cap". */
export const totalOf = (counted: number, cap: number): Total =>
  counted > cap ? { value: cap, relation: 'gte' } : { value: counted, relation: 'eq' }

export const Page = z
  .object({
    limit: z
      .number()
      .int()
      .min(1)
      .max(100)
      .meta({ examples: [20] }),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next page; null on the last page')
      .meta({ examples: ['WyJxdW90ZXMiLCIyMDIxLTEyLTE1VDAwOjAwOjAwLjAwMCswMDowMCIsOF0'] }),
    total: Total,
    ranking: z
      .enum(['exact', 'recent-window'])
      .optional()
      .describe(
        'On relevance-sorted searches: exact when every match was ranked; recent-window when the search alone matched more than SEARCH_RANK_WINDOW articles and only that many, the most recently stored, were ranked',
      ),
  })
  .meta({ id: 'Page' })

export const limitParam = queryNumber(z.number().int().min(1).max(100).default(20)).describe('Page size, 1–100')
export const cursorParam = z.string().min(1).max(512).optional().describe('Opaque cursor from page.nextCursor of the previous page')

/** A keyset position: the sort value of the last row and its tie-breaking key. */
export type CursorValue = [string | number | null, string | number]

/**
 * What each position of a cursor may hold. A cursor is checked against its listing's key before
 * any query sees it: a forged one with a value of the wrong type or range is a 400 on every
 * database, where PostgreSQL would refuse to compare it (a 500) and SQLite compare it anyway.
 */
export const cursorKey = {
  /** A stored instant, in the one form both databases give it ("2021-12-15T08:30:00.000+00:00"). */
  instant: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/)
    .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 23) === s.slice(0, 23)),
  /** A row's sequence number. */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** A count a list is ranked by. */
  count: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** A relevance score or a confidence: any finite number. */
  score: z.number(),
  /** A name, id or slug. */
  text: z.string().max(1_000),
}
export type CursorKey = readonly [z.ZodType<CursorValue[0]>, z.ZodType<CursorValue[1]>]

export function encodeCursor(sort: string, value: CursorValue): string {
  return Buffer.from(JSON.stringify([sort, ...value])).toString('base64url')
}

/** Decodes a cursor made for the same sort order, holding a key of the listing's `shape`; anything else is a 400 naming `cursor`. */
export function decodeCursor<S extends CursorKey>(
  cursor: string | undefined,
  sort: string,
  shape: S,
): [z.output<S[0]>, z.output<S[1]>] | null {
  if (cursor === undefined) return null
  const bad = () =>
    new BadRequestError('cursor is not valid for this listing (use page.nextCursor as given)', { in: 'query', name: 'cursor' })
  let raw: unknown
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw bad()
  }
  if (!Array.isArray(raw) || raw.length !== 3 || raw[0] !== sort) throw bad()
  const value = shape[0].safeParse(raw[1])
  const tie = shape[1].safeParse(raw[2])
  if (!value.success || !tie.success) throw bad()
  return [value.data as z.output<S[0]>, tie.data as z.output<S[1]>]
}

/** Splits the fetched `limit + 1` rows into a page and the cursor of the next one. */
export function paginate<T>(rows: T[], limit: number, sort: string, keyOf: (row: T) => CursorValue, total: Total) {
  const data = rows.slice(0, limit)
  const nextCursor = rows.length > limit ? encodeCursor(sort, keyOf(data.at(-1)!)) : null
  return { data, page: { limit, nextCursor, total } }
}

/**
 * A page of a list ranked in memory (every item computed, then ordered): the items after the
 * cursor's key, with an exact total.
 */
export function pageOfRanked<T>(
  items: T[],
  opts: {
    keyOf: (item: T) => CursorValue
    shape: CursorKey
    ascending: boolean
    sort: string
    cursor: string | undefined
    limit: number
  },
) {
  const compareKeys = (x: CursorValue, y: CursorValue) => {
    const order = (a: unknown, b: unknown) =>
      (a as string | number) < (b as string | number) ? -1 : (a as string | number) > (b as string | number) ? 1 : 0
    const c = order(x[0], y[0]) || order(x[1], y[1])
    return opts.ascending ? c : -c
  }
  const after = decodeCursor(opts.cursor, opts.sort, opts.shape)
  const ranked = items.map((item) => ({ item, key: opts.keyOf(item) })).sort((x, y) => compareKeys(x.key, y.key))
  const from = after ? ranked.findIndex((r) => compareKeys(r.key, after) > 0) : 0
  const rows = from < 0 ? [] : ranked.slice(from, from + opts.limit + 1)
  const page = paginate(rows, opts.limit, opts.sort, (r) => r.key, { value: items.length, relation: 'eq' })
  return { data: page.data.map((r) => r.item), page: page.page }
}

/** The answer of a filter that cannot match anything. */
export const emptyPage = (limit: number) => ({ data: [], page: { limit, nextCursor: null, total: { value: 0, relation: 'eq' as const } } })
