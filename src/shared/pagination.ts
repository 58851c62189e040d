import { z } from 'zod'
import { BadRequestError } from '../errors.js'

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
  })
  .meta({ id: 'Page' })

export const limitParam = z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1–100')
export const cursorParam = z.string().min(1).max(512).optional().describe('Opaque cursor from page.nextCursor of the previous page')

/** A keyset position: the sort value of the last row and its tie-breaking key. */
export type CursorValue = [string | number | null, string | number]

const CursorShape = z.tuple([z.union([z.string(), z.number(), z.null()]), z.union([z.string(), z.number()])])

export function encodeCursor(sort: string, value: CursorValue): string {
  return Buffer.from(JSON.stringify([sort, ...value])).toString('base64url')
}

/** Decodes a cursor made for the same sort order; anything else is a 400 naming `cursor`. */
export function decodeCursor(cursor: string | undefined, sort: string): CursorValue | null {
  if (cursor === undefined) return null
  const bad = () =>
    new BadRequestError('cursor is not valid for this listing (use page.nextCursor as given)', { in: 'query', name: 'cursor' })
  let raw: unknown
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw bad()
  }
  if (!Array.isArray(raw) || raw[0] !== sort) throw bad()
  const parsed = CursorShape.safeParse(raw.slice(1))
  if (!parsed.success) throw bad()
  return parsed.data
}

/** Splits the fetched `limit + 1` rows into a page and the cursor of the next one. */
export function paginate<T>(rows: T[], limit: number, sort: string, keyOf: (row: T) => CursorValue) {
  const data = rows.slice(0, limit)
  const nextCursor = rows.length > limit ? encodeCursor(sort, keyOf(data.at(-1)!)) : null
  return { data, page: { limit, nextCursor } }
}

/** The answer of a filter that cannot match anything. */
export const emptyPage = (limit: number) => ({ data: [], page: { limit, nextCursor: null } })
