import { describe, expect, it } from 'vitest'
import { matchDecisions, matchScore, normalizedContent } from '../../src/ingest/quote-decisions.js'

const span = (contentStart: number, contentEnd: number, content = 'x'.repeat(contentEnd - contentStart)) => ({
  contentStart,
  contentEnd,
  content,
})

describe('matching a decision to quotes extracted again', () => {
  it('normalises text: case, punctuation and spacing aside', () => {
    expect(normalizedContent('  “We are READY,”  she ')).toBe('we are ready she')
  })

  it('matches spans that overlap by half of the shorter one, or the same text anywhere', () => {
    expect(matchScore(span(100, 200), span(150, 260))).toBeCloseTo(0.5)
    expect(matchScore(span(100, 200), span(151, 260))).toBe(0)
    expect(matchScore(span(100, 200), span(120, 160))).toBe(1)
    expect(matchScore(span(0, 12, 'We are ready'), span(500, 514, '“we are ready”'))).toBeGreaterThan(1)
    expect(matchScore(span(0, 12, 'We are ready'), span(500, 512, 'We are later'))).toBe(0)
  })

  it('gives each quote the newest decision that matches it, and each decision one quote at most', () => {
    const quotes = [span(0, 40, 'first quote text here'), span(60, 100, 'second quote text'), span(120, 160, 'third')]
    const decisions = [
      { seq: 1, ...span(0, 40, 'first quote text here') },
      { seq: 2, ...span(5, 40, 'first quote text') },
      { seq: 3, ...span(300, 340, 'gone') },
    ]
    const matched = matchDecisions(decisions, quotes)
    expect([...matched].map(([i, d]) => [i, d.seq])).toEqual([[0, 2]])
  })
})
