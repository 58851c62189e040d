import { attributeSpeakers, pronounMentions } from './stages/attribute-speakers.js'
import { findFurniture, maskSpans } from './stages/find-furniture.js'
import { findQuotes } from './stages/find-quotes.js'
import { linkQuotations } from './stages/link-quotations.js'
import { findPersonNames } from './stages/find-people.js'
import { resolvePeople } from './stages/resolve-people.js'
import { splitSentences } from './stages/split-sentences.js'
import { tagEntities } from './stages/tag-entities.js'
import { tokenize } from './stages/tokenize.js'
import type { ArticleText, Extraction, FurnitureSpan } from './types.js'
import { unlimitedBudget, type Budget } from './budget.js'
import { calibrateQuotes, shippedCalibration, type Calibration } from './calibration.js'
import { extractorVersion } from './version.js'

/**
 * Stored on every article, so `newsdesk ingest --reextract` finds the ones extracted by other rules.
 * Read from version.json beside the fingerprint of the output it names: tests/unit/extractor-version.test.ts
 * fails when the output changes and this does not (`npm run extraction:fingerprint` bumps it).
 */
export const EXTRACTOR_VERSION = extractorVersion().version

/** One quote per content span: when two attributions yield the same words, the surer one stays. */
export function uniqueBySpan<T extends { content: { start: number; end: number }; confidence: number }>(quotes: T[]): T[] {
  const best = new Map<string, T>()
  for (const q of quotes) {
    const key = `${q.content.start}:${q.content.end}`
    const seen = best.get(key)
    if (!seen || q.confidence > seen.confidence) best.set(key, q)
  }
  return quotes.filter((q) => best.get(`${q.content.start}:${q.content.end}`) === q)
}

/** The body as every stage reads it: page furniture blanked out (same length, same offsets). */
export function readableBody(doc: ArticleText): { body: string; furniture: FurnitureSpan[] } {
  const furniture = findFurniture(doc.title, doc.body)
  return { body: maskSpans(doc.body, furniture), furniture }
}

/**
 * Article text in, people and quotes out: pure, no I/O. With a `budget`, extraction past its
 * deadline throws `ExtractionTimeout` (checked between stages and at every sentence of the long ones).
 * Quote confidences are calibrated last (calibration.ts); `calibration` null keeps the raw ones.
 */
export function extract(
  doc: ArticleText,
  budget: Budget = unlimitedBudget,
  calibration: Calibration | null = shippedCalibration(),
): Extraction {
  const { body, furniture } = readableBody(doc)
  budget.check()
  const sentences = splitSentences(body)
  const tokens = tokenize(sentences)
  budget.check()
  const entities = tagEntities(sentences, tokens, budget)
  const people = resolvePeople(body, tokens, findPersonNames(tokens, entities))
  budget.check()
  const found = findQuotes(body, sentences, tokens, budget)
  const candidates = uniqueBySpan(linkQuotations(body, sentences, found))
  budget.check()
  const quotes = attributeSpeakers({ body, people, sentences }, candidates)
  return {
    furniture,
    sentences,
    people: pronounMentions(people, quotes),
    quotes: calibrateQuotes(quotes, calibration).map((q) => ({ ...q, content: doc.body.slice(q.start, q.end) })),
  }
}
