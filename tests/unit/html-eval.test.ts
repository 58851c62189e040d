import { describe, expect, it } from 'vitest'
import {
  htmlToText,
  mean,
  normaliseMeta,
  sameDate,
  sameText,
  sameTitle,
  shingleScore,
  shingles,
  splitPages,
  tokenize,
} from '../../src/evaluation/html.js'

describe('shingle scoring', () => {
  it('tokenizes into lowercase words', () => {
    expect(tokenize('The Café’s 2 cats, sleeping!')).toEqual(['the', 'café', 's', '2', 'cats', 'sleeping'])
  })

  it('never splits a word at a soft hyphen or a zero-width space', () => {
    expect(tokenize('Vladi\u00admir Pu\u200btin')).toEqual(['vladimir', 'putin'])
  })

  it('builds a multiset of 4-word shingles, one shingle for a short text', () => {
    expect(shingles(['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd'])).toEqual(
      new Map([
        ['a b c d', 2],
        ['b c d a', 1],
        ['c d a b', 1],
        ['d a b c', 1],
      ]),
    )
    expect(shingles(['a', 'b'])).toEqual(new Map([['a b', 1]]))
    expect(shingles([])).toEqual(new Map())
  })

  it('scores precision and recall on shingles', () => {
    const gold = 'one two three four five six seven eight'
    expect(shingleScore(gold, gold)).toEqual({ precision: 1, recall: 1, f1: 1 })
    // prediction = first half of gold: 2 shingles, both right; gold has 5
    const half = shingleScore('one two three four five', gold)
    expect(half.precision).toBe(1)
    expect(half.recall).toBeCloseTo(2 / 5)
    expect(half.f1).toBeCloseTo((2 * 0.4) / 1.4)
    expect(shingleScore('', gold)).toEqual({ precision: 0, recall: 0, f1: 0 })
    expect(shingleScore('', '')).toEqual({ precision: 1, recall: 1, f1: 1 })
  })

  it('counts repeated shingles only as often as the gold has them', () => {
    const s = shingleScore('a b c d a b c d', 'a b c d')
    expect(s.precision).toBeCloseTo(1 / 5)
    expect(s.recall).toBe(1)
  })
})

describe('gold text and metadata', () => {
  it('turns HTML into text without merging words across blocks or keeping scripts', () => {
    expect(htmlToText('<div><p>One<b>two</b></p><p>three</p><script>x()</script><ul><li>four</li></ul></div>')).toBe('Onetwo three four')
  })

  it('matches metadata after normalisation', () => {
    expect(normaliseMeta('By  Jane DOE.')).toBe('jane doe')
    expect(sameText('Jane Doe', 'By Jane Doe')).toBe(true)
    expect(sameText(null, 'Jane Doe')).toBe(false)
    expect(sameDate(new Date('2015-07-24T04:36:09Z'), '2015-07-24T05:36:09+01:00')).toBe(true)
    expect(sameDate(new Date('2015-07-24T04:36:10Z'), '2015-07-24T05:36:09+01:00')).toBe(false)
    expect(sameDate(new Date('2015-07-24T23:00:00Z'), '2015-07-24')).toBe(true)
    expect(sameDate(null, '2015-07-24')).toBe(false)
  })

  it('forgives a site suffix the gold title keeps, nothing else', () => {
    expect(sameTitle('How to Build a Terrarium', 'How to Build a Terrarium | eHow')).toBe(true)
    expect(sameTitle('Budget passes', 'Budget passes - Metro Daily')).toBe(true)
    expect(sameTitle('Budget passes', 'Budget passes easily')).toBe(false)
    expect(sameTitle('Budget', 'Budget passes - Metro Daily')).toBe(false)
    expect(sameTitle(null, 'Budget')).toBe(false)
  })

  it('holds out every fifth page by name', () => {
    const { dev, heldOut } = splitPages(['j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'])
    expect(heldOut).toEqual(['e', 'j'])
    expect(dev).toHaveLength(8)
    expect(mean([1, 2, 3])).toBe(2)
    expect(mean([])).toBe(0)
  })
})
