import { attributeSpeakers, pronounMentions } from './stages/attribute-speakers.js'
import { findFurniture, maskSpans } from './stages/find-furniture.js'
import { findQuotes } from './stages/find-quotes.js'
import { linkQuotations } from './stages/link-quotations.js'
import { findPersonNames } from './stages/find-people.js'
import { referredGenders } from './stages/refer-gender.js'
import { resolvePeople } from './stages/resolve-people.js'
import { speakerPeople } from './stages/speaker-names.js'
import { splitSentences } from './stages/split-sentences.js'
import { tagEntities } from './stages/tag-entities.js'
import { tokenize } from './stages/tokenize.js'
import type { ArticleText, Extraction, FurnitureSpan } from './types.js'
import { unlimitedBudget, type Budget } from './budget.js'

/** Bumped whenever extraction output changes, so stored articles can be re-extracted (`--reextract`). */
export const EXTRACTOR_VERSION = 'rules-8+perceptron-2'

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
 */
export function extract(doc: ArticleText, budget: Budget = unlimitedBudget): Extraction {
  const { body, furniture } = readableBody(doc)
  budget.check()
  const sentences = splitSentences(body)
  const tokens = tokenize(sentences)
  budget.check()
  const entities = tagEntities(sentences, tokens, budget)
  const named = resolvePeople(body, tokens, findPersonNames(tokens, entities))
  budget.check()
  const found = findQuotes(body, sentences, tokens, budget)
  const candidates = uniqueBySpan(linkQuotations(body, sentences, found))
  const people = speakerPeople(body, named, candidates)
  budget.check()
  // from the text alone: pronoun speakers resolved below are no evidence of a person's gender
  const genders = referredGenders(body, sentences, people)
  const organizations = entities
    .filter((e) => e.type === 'ORG')
    .map((e) => ({ start: tokens[e.from]!.start, end: tokens[e.to - 1]!.end, text: body.slice(tokens[e.from]!.start, tokens[e.to - 1]!.end) }))
  const quotes = attributeSpeakers({ body, people, sentences, organizations, genders: genders.map((g) => g.pronoun) }, candidates)
  return {
    furniture,
    sentences,
    people: pronounMentions(people, quotes).map((p, i) => ({ ...p, gender: genders[i]! })),
    quotes: quotes.map((q) => ({ ...q, content: doc.body.slice(q.start, q.end) })),
  }
}
