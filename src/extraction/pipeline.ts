import { attributeSpeakers, pronounMentions } from './stages/attribute-speakers.js'
import { findFurniture, maskSpans } from './stages/find-furniture.js'
import { findQuotes } from './stages/find-quotes.js'
import { linkQuotations } from './stages/link-quotations.js'
import { findPersonNames } from './stages/find-people.js'
import { referredGenders } from './stages/refer-gender.js'
import { personEvidence } from './stages/person-evidence.js'
import { resolvePeople } from './stages/resolve-people.js'
import { speakerPeople } from './stages/speaker-names.js'
import { splitSentences } from './stages/split-sentences.js'
import { tagEntities, type EntitySpan } from './stages/tag-entities.js'
import { tokenize } from './stages/tokenize.js'
import type { ArticleText, ExtractedQuote, Extraction, FurnitureSpan, Sentence, Token } from './types.js'
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

const partsOverlap = (a: ExtractedQuote, b: ExtractedQuote) => a.parts.some((p) => b.parts.some((o) => p.start < o.end && o.start < p.end))

/**
 * Speech reported inside reported speech ("Ushakov said Xi responded by saying that …"): the inner
 * quote, its speaker and its cue all lie inside the outer quote's words, and someone else speaks.
 * Both are true reports, and both stay.
 */
export const nestedIn = (inner: ExtractedQuote, outer: ExtractedQuote) =>
  inner.speaker.start !== null &&
  inner.cueSpan !== null &&
  inner.speaker.name !== outer.speaker.name &&
  outer.parts.some((p) => p.start <= inner.speaker.start! && inner.end <= p.end && p.start <= inner.cueSpan!.start)

/**
 * One report per stretch of speech: where two quotes share words (an outer attribution that
 * swallowed the next one, nested speech, a continuation that repeats a part), the weaker goes. A
 * quote whose words hold another quote's attribution is the weaker one (its span ran past where
 * the speech ended); else the less confident, then the longer.
 */
export function withoutOverlaps(quotes: ExtractedQuote[]): ExtractedQuote[] {
  const swallows = (q: ExtractedQuote) =>
    quotes.some(
      (o) =>
        o !== q && o.cueSpan !== null && !nestedIn(o, q) && q.parts.some((p) => p.start <= o.cueSpan!.start && o.cueSpan!.end <= p.end),
    )
  const ranked = quotes
    .map((q) => ({ q, weak: swallows(q) }))
    .sort((a, b) => Number(a.weak) - Number(b.weak) || b.q.confidence - a.q.confidence || a.q.end - a.q.start - (b.q.end - b.q.start))
  const kept = new Set<ExtractedQuote>()
  for (const { q } of ranked) if (![...kept].some((k) => partsOverlap(k, q) && !nestedIn(k, q) && !nestedIn(q, k))) kept.add(q)
  return quotes.filter((q) => kept.has(q))
}

/**
 * The tagger's organisation names that "it" and "the firm" may refer back to: capitalised words
 * only, and a lone word that opens a sentence only when written in capitals ("EU"), as a
 * capitalised common word there ("Even") is no name.
 */
function organizationNames(body: string, sentences: Sentence[], tokens: Token[], entities: EntitySpan[]) {
  const starts = new Set(sentences.map((s) => s.start))
  return entities.flatMap((e) => {
    if (e.type !== 'ORG') return []
    let to = e.to
    while (to > e.from && !/^\p{Lu}/u.test(tokens[to - 1]!.text)) to--
    if (to === e.from) return []
    const first = tokens[e.from]!
    if (to - e.from === 1 && starts.has(first.start) && !/^\p{Lu}{2,}$/u.test(first.text)) return []
    return [{ start: first.start, end: tokens[to - 1]!.end, text: body.slice(first.start, tokens[to - 1]!.end) }]
  })
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
  const named = resolvePeople(body, tokens, findPersonNames(tokens, entities))
  budget.check()
  const found = findQuotes(body, sentences, tokens, budget)
  const candidates = uniqueBySpan(linkQuotations(body, sentences, found))
  const people = speakerPeople(body, named, candidates)
  budget.check()
  // from the text alone: pronoun speakers resolved below are no evidence of a person's gender
  const genders = referredGenders(body, sentences, people)
  const evidence = personEvidence(body, sentences, tokens, entities, people)
  const organizations = organizationNames(body, sentences, tokens, entities)
  const quotes = withoutOverlaps(
    attributeSpeakers({ body, people, sentences, organizations, genders: genders.map((g) => g.pronoun) }, candidates),
  )
  return {
    furniture,
    sentences,
    people: pronounMentions(people, quotes).map((p, i) => ({ ...p, gender: genders[i]!, evidence: evidence[i]! })),
    quotes: calibrateQuotes(quotes, calibration).map((q) => ({ ...q, content: doc.body.slice(q.start, q.end) })),
  }
}
