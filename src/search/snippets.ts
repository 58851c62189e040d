import { z } from 'zod'
import type { ReadStore, SearchTable } from '../db/read-store.js'
import { escapeHtml } from '../reader/html.js'
import { MATCH_CLOSE, MATCH_OPEN, markedSnippet, searchedPhrases } from './snippet-text.js'

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
    'Where the search matched (words compared by their Porter stem, as the index does); present when the list was searched with `q`',
  )
  .meta({ id: 'Snippet' })
export type Snippet = z.infer<typeof Snippet>

const OPEN = MATCH_OPEN
const CLOSE = MATCH_CLOSE
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

/** The text each searchable table's snippets are cut from, and the one tried first. */
const SNIPPET_TEXT = {
  Article: `SELECT "seq", "body" AS "text", "title" AS "fallback" FROM "Article" WHERE "seq" `,
  Quote: `SELECT "seq", "content" AS "text", NULL AS "fallback" FROM "Quote" WHERE "seq" `,
}

/**
 * Snippets of the rows of one page: their texts in one statement, the window around the matches
 * cut here (src/search/snippet-text.ts). FTS5's snippet() and PostgreSQL's ts_headline both
 * tokenise every text again inside the database, at 0.1–2.5 ms a row; this reads each text once
 * and stems only the words that could match. An article matched by its title alone gets a snippet
 * of its title.
 */
export async function snippetsOf(db: ReadStore, table: SearchTable, fts: string, seqs: number[]): Promise<Map<number, Snippet>> {
  const out = new Map<number, Snippet>()
  if (seqs.length === 0) return out
  const phrases = searchedPhrases(fts)
  const rows = await db.all<{ seq: number; text: string; fallback: string | null }>(
    `${SNIPPET_TEXT[table]}${db.sql.inJsonArray('integer')}`,
    [JSON.stringify(seqs)],
  )
  for (const row of rows) {
    const marked = markedSnippet(row.text, phrases) ?? (row.fallback === null ? null : markedSnippet(row.fallback, phrases))
    if (marked) out.set(row.seq, parseMarkedSnippet(marked))
  }
  return out
}
