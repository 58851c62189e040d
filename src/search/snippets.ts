import { z } from 'zod'
import type { ReadStore, SearchTable } from '../db/read-store.js'
import { escapeHtml } from '../reader/html.js'

export const Snippet = z
  .object({
    text: z
      .string()
      .describe('A few words around the best match, "…" where the text was cut')
      .meta({ examples: ['… Xi Jinping backed Russian President Vladimir Putin in his bid to secure Western security guarantees …'] }),
    highlights: z
      .array(z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }))
      .describe('The matched words: offsets into `text`, end exclusive'),
    html: z
      .string()
      .describe('`text` escaped for HTML with each match in <mark>')
      .meta({ examples: ['… Western security <mark>guarantees</mark> …'] }),
  })
  .describe(
    'Where the search matched, from the full-text index (FTS5 snippet() on SQLite, ts_headline on PostgreSQL); present when the list was searched with `q`',
  )
  .meta({ id: 'Snippet' })
export type Snippet = z.infer<typeof Snippet>

const OPEN = '\u0002'
const CLOSE = '\u0003'
const MARKERS = new RegExp(`([${OPEN}${CLOSE}])`)

/** FTS5's snippet output with control-character markers -> text, match offsets and escaped HTML. */
export function parseMarkedSnippet(marked: string): Snippet {
  let text = ''
  let html = ''
  const highlights: Snippet['highlights'] = []
  let open = -1
  for (const part of marked.split(MARKERS)) {
    if (part === OPEN) {
      open = text.length
      html += '<mark>'
    } else if (part === CLOSE) {
      if (open >= 0) highlights.push({ start: open, end: text.length })
      open = -1
      html += '</mark>'
    } else {
      text += part
      html += escapeHtml(part)
    }
  }
  return { text, highlights, html }
}

/**
 * Snippets of the rows of one page, in one statement (a page holds at most 100 rows), so the cost
 * does not grow with how many rows the search matched.
 */
export async function snippetsOf(db: ReadStore, table: SearchTable, fts: string, seqs: number[]): Promise<Map<number, Snippet>> {
  const out = new Map<number, Snippet>()
  if (seqs.length === 0) return out
  const { sql, params } = db.search.snippets(table, fts, seqs)
  for (const row of await db.all<{ seq: number; s: string | null }>(sql, params)) if (row.s) out.set(row.seq, parseMarkedSnippet(row.s))
  return out
}
