import { z } from 'zod'
import { BadRequestError } from '../errors.js'
import { QueryError, parseSearch } from '../search/query.js'

/**
 * `from`/`to`: a date (2021-12-15) or a date-time with offset; `to` as a date includes that whole
 * day. A day the month does not have (2021-02-30) is refused, where Date would roll it over.
 */
const isDate = (s: string) => z.iso.date().safeParse(s).success || z.iso.datetime({ offset: true }).safeParse(s).success

/**
 * A number in the query string as people write it, in decimal digits ("20", "0.5", "-3"): "0x10",
 * "1e3", " 7" or an empty value are refused, where Number() would read them as 16, 1000, 7 and 0.
 * `schema` checks the number (and holds the default), and is what the OpenAPI document shows.
 */
export const queryNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value
    if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value)
    ctx.addIssue({ code: 'custom', message: `expected a number in decimal digits, got '${value}'` })
    return z.NEVER
  }, schema)
export const dateParam = z
  .string()
  .max(40)
  .refine(isDate, { message: 'expected an ISO 8601 date (2021-12-15) or date-time (2021-12-15T08:00:00Z)' })
  .describe('ISO 8601 date (2021-12-15) or date-time (2021-12-15T08:00:00Z)')

function dateBound(value: string | undefined, end: boolean): Date | undefined {
  if (!value) return undefined
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00Z`)
    return end ? new Date(d.getTime() + 86_400_000 - 1) : d
  }
  return new Date(value)
}

/** `from`..`to` as instants; a range that ends before it starts is a 400 rather than an empty page. */
export function dateRange(from: string | undefined, to: string | undefined): { from?: Date; to?: Date } {
  const range = { from: dateBound(from, false), to: dateBound(to, true) }
  if (range.from && range.to && range.from > range.to) {
    throw new BadRequestError(`'from' (${from}) is after 'to' (${to})`, { in: 'query', name: 'from' })
  }
  return range
}

/** `q` as an FTS5 expression through the search mini-grammar (search/query.ts); nothing to look for is a 400 naming `q`. */
export function ftsQuery(q: string): string {
  try {
    return parseSearch(q).fts
  } catch (err) {
    if (err instanceof QueryError) throw new BadRequestError(err.message, { in: 'query', name: 'q' })
    throw err
  }
}

/** Undated articles (and their quotes) are listed under this date: after every dated one, newest first. */
export const UNDATED_LISTED_AT = new Date('0001-01-01T00:00:00.000Z')

/** SQLite stores Prisma DateTimes as ISO text with "+00:00"; raw comparisons use the same form. */
export const sqlDate = (d: Date) => d.toISOString().replace('Z', '+00:00')

/** A stored date (ISO text, "+00:00") -> ISO 8601 with "Z" for responses; null stays null. */
export const isoOrNull = (stored: string | null) => {
  if (stored === null) return null
  // the form sqlDate writes ("2021-12-15T00:00:00.000+00:00") needs no parsing; anything else goes through Date
  return stored.length === 29 && stored.endsWith('+00:00') ? `${stored.slice(0, 23)}Z` : new Date(stored).toISOString()
}

export const idParam = z.string().min(1).max(200)

/** A number of things: never negative. */
export const count = z.number().int().min(0)

/** A character offset into an article body. */
export const offset = z.number().int().min(0)

/** Detail routes take no query parameters; any given is named in a 400 like on the lists. */
export const NoQuery = z.strictObject({})

export const qParam = z.string().trim().min(1).max(500)

/** Full-text `q` of the article and quote lists, with its grammar for the OpenAPI reader. */
export const searchParam = qParam.describe(
  'Full-text search. Words are all required, in any order; `"two words"` is a phrase; `a OR b` either; `-word` or `-"a phrase"` excludes. Matching ignores case and accents and finds word forms (said/saying). Nothing else is syntax: punctuation is ignored.',
)
