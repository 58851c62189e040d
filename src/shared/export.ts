import { Readable } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'

export const exportFormat = z
  .enum(['csv', 'ndjson'])
  .optional()
  .describe(
    'ndjson: one JSON object per line (JSON Lines); csv: RFC 4180 with a header row. Without it, the Accept header chooses (text/csv or application/x-ndjson), else ndjson',
  )

/** What an export route answers with (strict-requests.ts refuses an Accept header that allows neither). */
export const EXPORT_TYPES = ['application/x-ndjson', 'text/csv']

/** The format asked for: `format=`, else the Accept header's preference, else JSON Lines. */
export const formatOf = (req: FastifyRequest & { query: { format?: 'csv' | 'ndjson' } }): 'csv' | 'ndjson' =>
  req.query.format ?? (req.headers.accept && req.accepts().type(EXPORT_TYPES) === 'text/csv' ? 'csv' : 'ndjson')

/** Rows an export reads per query: small enough to keep memory flat, large enough to amortise the query. */
export const EXPORT_BATCH = 500

/** Text a spreadsheet would run as a formula (OWASP, CSV injection): =, +, -, @, a tab or a carriage return first. */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, a comma or a line break; quotes doubled.
 * Text that a spreadsheet would take for a formula is kept as text, as OWASP advises: a single
 * quote before it, and the cell quoted. Numbers are values, and stay as they are.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text =
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)
  const quoted = `"${text.replace(/"/g, '""')}"`
  if (typeof value === 'string' && FORMULA_START.test(text)) return `"'${quoted.slice(1)}`
  return /[",\r\n]/.test(text) ? quoted : text
}

export const csvLine = (fields: unknown[]) => `${fields.map(csvField).join(',')}\r\n`

/** A CSV column: its header and how to read it from an exported object. */
export type CsvColumns<T> = [header: string, read: (row: T) => unknown][]

/**
 * Every row of `batches` as CSV or JSON Lines, pulled by the response as the client reads it: one
 * batch in memory at a time, and the event loop is yielded between batches so other requests go on.
 * Once `stop` is aborted (the server is shutting down) the export ends after the batch it is
 * writing with a last line that says so, never as a file that merely looks complete.
 */
export function exportStream<T>(
  batches: AsyncIterable<T[]> | Iterable<T[]>,
  format: 'csv' | 'ndjson',
  columns: CsvColumns<T>,
  stop?: AbortSignal,
): Readable {
  async function* lines() {
    if (format === 'csv') yield csvLine(columns.map(([header]) => header))
    let rows = 0
    for await (const batch of batches) {
      let chunk = ''
      for (const row of batch) chunk += format === 'csv' ? csvLine(columns.map(([, read]) => read(row))) : `${JSON.stringify(row)}\n`
      rows += batch.length
      if (chunk) yield chunk
      if (stop?.aborted) {
        yield cutShortTrailer(format, rows)
        return
      }
      await nextTurn()
    }
  }
  return Readable.from(lines(), { objectMode: false, highWaterMark: 64 * 1024 })
}

/**
 * The last line of an export the server stopped before its end: in JSON Lines an object with an
 * `error` (a problem, RFC 9457), in CSV a row whose first field starts with `#error`.
 */
export function cutShortTrailer(format: 'csv' | 'ndjson', rows: number): string {
  const detail = `the export was cut short after ${rows} rows: the server is shutting down; run it again`
  if (format === 'csv') return csvLine([`#error: ${detail}`])
  return `${JSON.stringify({ error: { type: 'about:blank', title: 'Service Unavailable', status: 503, detail } })}\n`
}

/** Headers of an export answer: the media type and a file name for browsers saving it. */
export function sendExport(reply: FastifyReply, name: string, format: 'csv' | 'ndjson', stream: Readable): void {
  void reply
    .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.${format === 'csv' ? 'csv' : 'jsonl'}"`)
    .send(stream)
}

/** Walks a keyset-paginated list to its end, one batch per call of `page`. */
export async function* keysetBatches<T, K>(
  page: (after: K | null) => Promise<T[]>,
  keyOf: (row: T) => K,
  size = EXPORT_BATCH,
): AsyncGenerator<T[]> {
  let after: K | null = null
  for (;;) {
    const rows = await page(after)
    if (rows.length === 0) return
    yield rows.slice(0, size)
    if (rows.length <= size) return
    after = keyOf(rows[size - 1]!)
  }
}

/** The OpenAPI description of an export route. */
export const EXPORT_DESCRIPTION = (thing: string, list: string) =>
  `Every ${thing} the filters of ${list} match, in the list's order, streamed: not limited to a page, in constant memory on the server. \`format=ndjson\` (default) gives one JSON object per line, the list's objects; \`format=csv\` a header row and one row per ${thing} (RFC 4180: fields with commas, quotes or line breaks are quoted; text starting with =, +, -, @, a tab or a carriage return, which a spreadsheet would run as a formula, starts with a single quote \`'\` and is quoted). Rows are read in batches of ${EXPORT_BATCH} by keyset, so an export running while articles are ingested may include some of the new ones.`

/** The 200 answer of an export route, in both formats (the body is streamed, never serialised from a schema). */
export const exportResponse = (description: string) =>
  z
    .string()
    .describe(description)
    .meta({ examples: ['{"id":"4427f5d134f73434",…}\n'] })
