import { OPENING_INVERSION_VERBS } from '../../lexicon/quote-words.js'
import { contentTo } from '../content-span.js'
import { speakerAfter } from '../speaker-phrase.js'
import { lower, span } from '../tokens.js'
import type { QuotePattern } from '../types.js'

/** "Said Ellis: “I don’t get the sense …”": a sentence that opens with the inverted attribution. */
export const openingInversion: QuotePattern<'opening-inversion'> = {
  name: 'opening-inversion',
  describe: '"Said X: CONTENT" / "Added X, CONTENT": a sentence opening with the inverted attribution',
  find: ({ body, v }, i) => {
    const { toks } = v
    if (i !== 0 || !OPENING_INVERSION_VERBS.has(toks[0]?.text ?? '')) return null
    const sp = speakerAfter(toks, 1)
    if (!sp || !/^[:,]$/.test(toks[sp.to]?.text ?? '')) return null
    const content = contentTo(body, v, sp.to + 1, toks.length, 2)
    if (!content) return null
    return {
      content,
      speaker: span(toks, sp),
      cue: lower(toks[0]),
      cueSpan: { start: toks[0]!.start, end: toks[0]!.end },
      via: null,
      pattern: 'opening-inversion',
      confidence: 0.8,
      sentence: v.index,
    }
  },
  examples: {
    positive: [
      {
        text: 'Said Mayor Tom Ellis: “We will rebuild every home.”',
        expect: { content: 'We will rebuild every home', speaker: 'Mayor Tom Ellis', cue: 'said' },
      },
      {
        text: 'Added the coach, “We were simply not good enough today.”',
        expect: { content: 'We were simply not good enough today', speaker: 'the coach', cue: 'added' },
      },
    ],
    negative: ['Said to be the richest man in the county, Jones rarely gives interviews.'],
  },
}
