import { z } from 'zod'
import type { ReadStore } from '../read-store.js'
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
  .describe('Where the search matched, from SQLite FTS5 snippet(); present when the list was searched with `q`')
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

/** Words of context FTS5 keeps around the match. */
const SNIPPET_TOKENS = 24

/** The rowid is cast: better-sqlite3 binds a JS number as REAL, and FTS5 then reads the whole doclist instead of seeking (4 ms against 0.1 ms for a word in most articles). */
const SNIPPET_SQL = {
  Article: `SELECT snippet("ArticleFts", -1, char(2), char(3), '…', ${SNIPPET_TOKENS}) AS "s" FROM "ArticleFts" WHERE "ArticleFts" MATCH ? AND rowid = CAST(? AS INTEGER)`,
  Quote: `SELECT snippet("QuoteFts", -1, char(2), char(3), '…', ${SNIPPET_TOKENS}) AS "s" FROM "QuoteFts" WHERE "QuoteFts" MATCH ? AND rowid = CAST(? AS INTEGER)`,
}

/**
 * Snippets of the rows of one page: one FTS5 lookup per row by rowid (a page holds at most 100),
 * so the cost does not grow with how many rows the search matched.
 */
export function snippetsOf(db: ReadStore, table: 'Article' | 'Quote', fts: string, seqs: number[]): Map<number, Snippet> {
  const out = new Map<number, Snippet>()
  for (const seq of seqs) {
    const row = db.get<{ s: string | null }>(SNIPPET_SQL[table], [fts, seq])
    if (row?.s) out.set(seq, parseMarkedSnippet(row.s))
  }
  return out
}
