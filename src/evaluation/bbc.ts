import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PeopleDoc } from './people.js'
import type { GoldQuote, QuoteDoc } from './quotes.js'

/** One line of our own BBC annotation (docs/annotation.md): offsets into the article body, text not copied. */
export interface BbcGoldLine {
  id: string
  file: string
  title: string
  quotes: (GoldQuote & { speakerType: string; kind: string })[]
  people: string[]
  personMentions: { text: string; start: number; end: number }[]
}

/** The annotated text: the file after its title line, without the blank lines that follow it. */
export function bbcBody(fileText: string): string {
  const text = fileText.replace(/\r\n/g, '\n')
  return text.slice(text.indexOf('\n') + 1).replace(/^\n+/, '')
}

export const isBbcGold = (first: Record<string, unknown>) => typeof first.file === 'string' && !('text' in first)

/** Reads the gold lines with their article bodies from `articlesDir` (../shared/data/articles/bbc). */
export function loadBbcGold(lines: BbcGoldLine[], articlesDir: string): { quoteDocs: QuoteDoc[]; peopleDocs: PeopleDoc[] } {
  const docs = lines.map((line) => ({ line, text: bbcBody(readFileSync(join(articlesDir, line.file), 'utf8')) }))
  for (const { line, text } of docs) {
    for (const q of line.quotes)
      if (text.slice(q.contentStart, q.contentEnd) !== q.content) throw new Error(`${line.id}: quote offsets do not match ${line.file}`)
  }
  return {
    quoteDocs: docs.map(({ line, text }) => ({ id: line.id, text, headline: line.title, quotes: line.quotes })),
    peopleDocs: docs.map(({ line, text }) => ({ id: line.id, text, people: line.people, personMentions: line.personMentions })),
  }
}
