import { describe, expect, it } from 'vitest'
import { extractWithPatterns } from '../../src/extraction/quotes/explain.js'
import { PATTERNS } from '../../src/extraction/quotes/patterns/index.js'
import type { PatternName } from '../../src/extraction/quotes/types.js'

/** Quotes of one text produced by the named pattern (or its nested form), run through the full extraction. */
const quotesOf = (text: string, name: PatternName) =>
  extractWithPatterns({ title: '', body: text }).filter((q) => q.pattern === name || q.pattern === `${name}-nested`)

describe('quote-attribution patterns: every pattern’s examples through extract()', () => {
  it('names each pattern once, with at least two positive and one negative example', () => {
    expect(new Set(PATTERNS.map((p) => p.name)).size).toBe(PATTERNS.length)
    for (const p of PATTERNS) {
      expect(p.examples.positive.length, p.name).toBeGreaterThanOrEqual(2)
      expect(p.examples.negative.length, p.name).toBeGreaterThanOrEqual(1)
    }
  })

  for (const p of PATTERNS) {
    describe(p.name, () => {
      it.each(p.examples.positive)('finds $expect.content ← $expect.speaker in: $text', ({ text, expect: want }) => {
        // a speaker the text does not name must stay unknown, not be borrowed from another quote
        const speakerOf = (q: ReturnType<typeof quotesOf>[number]) =>
          q.speaker.text ?? (q.speaker.name === 'unknown' ? null : `borrowed: ${q.speaker.name}`)
        const got = quotesOf(text, p.name).map((q) => ({ content: q.content, speaker: speakerOf(q), cue: q.cue }))
        expect(got).toContainEqual(want)
      })
      it.each(p.examples.negative)('finds no quote in: %s', (text) => {
        expect(quotesOf(text, p.name)).toEqual([])
      })
      // precision bugs kept visible: when one is fixed, this fails and the example moves to `negative`
      it.each(p.examples.knownFailures ?? [])('still (wrongly) finds a quote in: %s', (text) => {
        expect(quotesOf(text, p.name)).not.toEqual([])
      })
    })
  }
})
