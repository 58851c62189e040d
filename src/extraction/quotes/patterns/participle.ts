import { OPEN_MARKS, PARTICIPLE_CUES } from '../../lexicon/quote-words.js'
import { contentStartAfter, contentTo } from '../content-span.js'
import { runningSpeaker } from '../speaker-phrase.js'
import { lower, wordCue } from '../tokens.js'
import type { QuotePattern } from '../types.js'

/** ", saying CONTENT", ", adding that CONTENT": speech attached to the sentence's subject (or its quote's speaker). */
export const participle: QuotePattern<'participle'> = {
  name: 'participle',
  describe: '"…, saying/adding that/arguing that CONTENT": speech attached to the speaker of an earlier quote, else the sentence subject',
  find: ({ body, v, found }, i) => {
    const { toks } = v
    if (!PARTICIPLE_CUES.has(lower(toks[i])) || toks[i - 1]?.text !== ',') return null
    let j = i + 1
    if (lower(toks[i]) === 'telling') {
      const that = toks.findIndex((t, k) => k > j && k <= j + 8 && lower(t) === 'that')
      if (that < 0) return null
      j = that
    }
    const start = contentStartAfter(toks, j)
    if (
      !start.hasThat &&
      !OPEN_MARKS.has(toks[start.index]?.text ?? '') &&
      !OPEN_MARKS.has(toks[j]?.text ?? '') &&
      lower(toks[i]) !== 'saying'
    )
      return null
    const content = contentTo(body, v, start.index, toks.length)
    if (!content) return null
    const subject = runningSpeaker(found, toks, i, (q) => q.content.end <= toks[i]!.start)
    if (!subject) return null
    return {
      content,
      speaker: subject,
      ...wordCue(toks, i),
      via: null,
      pattern: 'participle',
      confidence: 0.7,
      sentence: v.index,
    }
  },
  examples: {
    positive: [
      {
        text: 'The minister defended the plan, saying it would create thousands of jobs.',
        expect: { content: 'it would create thousands of jobs', speaker: 'The minister', cue: 'saying' },
      },
      {
        text: 'Ms. Reyes said the deal was fair, adding that both sides had made concessions.',
        expect: { content: 'both sides had made concessions', speaker: 'Ms. Reyes', cue: 'adding' },
      },
    ],
    negative: ['He left the room, saying nothing.'],
  },
}
