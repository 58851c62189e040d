import fc from 'fast-check'
import { expect } from 'vitest'
import { budgetOf } from '../../src/extraction/budget.js'
import { readableBody } from '../../src/extraction/pipeline.js'
import { findFurniture } from '../../src/extraction/stages/find-furniture.js'
import { findPersonNames } from '../../src/extraction/stages/find-people.js'
import { findQuotes } from '../../src/extraction/stages/find-quotes.js'
import { linkQuotations } from '../../src/extraction/stages/link-quotations.js'
import { resolvePeople } from '../../src/extraction/stages/resolve-people.js'
import { splitSentences } from '../../src/extraction/stages/split-sentences.js'
import { tagEntities } from '../../src/extraction/stages/tag-entities.js'
import { tokenize } from '../../src/extraction/stages/tokenize.js'
import { extract } from '../../src/extraction/pipeline.js'
import type { Span } from '../../src/extraction/types.js'

/** Words that stress the attribution rules: cues, names, titles, marks. */
const WORDS = [
  'said',
  'says',
  'told',
  'according',
  'to',
  'He',
  'she',
  'Mr.',
  'President',
  'Anna',
  'Lee',
  'the',
  'that',
  ',',
  '.',
  ':',
  '—',
  '(',
  ')',
]
const MARKS = ['"', '“', '”', "''", '‘', '’', '«', '»']

/** Adversarial article bodies: runs of quotation marks, capitalised words, no punctuation, nested speech, random text. */
export const adversarialText = (scale: number) =>
  fc.oneof(
    fc.array(fc.constantFrom(...MARKS, ' ', 'said', 'He', '\n'), { maxLength: 40 * scale }).map((a) => a.join('')),
    fc.array(fc.constantFrom(...WORDS, ...MARKS), { maxLength: 40 * scale }).map((a) => a.join(' ')),
    fc
      .array(fc.constantFrom('Anna', 'Lee', 'Said', 'The', 'Mr', 'Jo', 'Bloggs', 'Of', 'New', 'York'), { maxLength: 60 * scale })
      .map((a) => a.join(' ')),
    fc.array(fc.constantFrom('the', 'mayor', 'plan', 'would', 'fail', 'today', 'and'), { maxLength: 60 * scale }).map((a) => a.join(' ')),
    fc.nat({ max: 30 * scale }).map((n) => Array.from({ length: n }, (_, i) => `Speaker${i % 7} said`).join(' ') + ' the plan works.'),
    fc.string({ unit: 'grapheme', maxLength: 40 * scale }),
    fc.array(fc.string({ maxLength: 30 }), { maxLength: 10 * scale }).map((a) => a.join('\n\n')),
  )

const within = (s: Span, length: number) => {
  expect(s.start).toBeGreaterThanOrEqual(0)
  expect(s.start).toBeLessThanOrEqual(s.end)
  expect(s.end).toBeLessThanOrEqual(length)
}

const ordered = (spans: Span[], disjoint: boolean) => {
  for (let k = 1; k < spans.length; k++) {
    expect(spans[k]!.start).toBeGreaterThanOrEqual(spans[k - 1]!.start)
    if (disjoint) expect(spans[k]!.start).toBeGreaterThanOrEqual(spans[k - 1]!.end)
  }
}

/**
 * Runs every extraction stage on `body` and checks what each promises: spans inside the text,
 * start ≤ end, in order and without overlaps where the stage says so; and the whole pipeline
 * within `budgetMs` (a guard against superlinear blow-ups, not a speed measurement).
 */
export function checkStages(body: string, budgetMs: number): void {
  const n = body.length
  const furniture = findFurniture('', body)
  furniture.forEach((f) => within(f, n))
  ordered(furniture, true)
  const { body: readable } = readableBody({ title: '', body })
  expect(readable.length).toBe(n)
  const sentences = splitSentences(readable)
  sentences.forEach((s) => within(s, n))
  ordered(sentences, true)
  const tokens = tokenize(sentences)
  tokens.forEach((t) => {
    within(t, n)
    const s = sentences[t.sentence]!
    expect(t.start).toBeGreaterThanOrEqual(s.start)
    expect(t.end).toBeLessThanOrEqual(s.end)
  })
  ordered(tokens, true)
  const entities = tagEntities(sentences, tokens)
  entities.forEach((e) => {
    expect(e.from).toBeLessThan(e.to)
    expect(e.to).toBeLessThanOrEqual(tokens.length)
  })
  const people = resolvePeople(readable, tokens, findPersonNames(tokens, entities))
  people.forEach((p) => p.mentions.forEach((m) => within(m, n)))
  const candidates = linkQuotations(readable, sentences, findQuotes(readable, sentences, tokens))
  candidates.forEach((q) => {
    within(q.content, n)
    q.parts?.forEach((p) => within(p, n))
    if (q.speaker) within(q.speaker, n)
  })
  const result = extract({ title: '', body }, budgetOf(budgetMs))
  result.quotes.forEach((q) => {
    within(q, n)
    expect(q.content).toBe(body.slice(q.start, q.end))
    q.parts.forEach((p) => {
      within(p, n)
      expect(p.start).toBeGreaterThanOrEqual(q.start)
      expect(p.end).toBeLessThanOrEqual(q.end)
    })
    if (q.speaker.start !== null) within({ start: q.speaker.start, end: q.speaker.end! }, n)
  })
  result.people.forEach((p) => p.mentions.forEach((m) => within(m, n)))
}
