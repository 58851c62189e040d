import { SPEECH_VERBS } from '../../lexicon/index.js'
import { AUX, NOT_COORDINATED_STARTS } from '../../lexicon/quote-words.js'
import { clauseEnd, contentStartAfter, contentTo } from '../content-span.js'
import { runningSpeaker } from '../speaker-phrase.js'
import { isWordToken, lower, wordCue } from '../tokens.js'
import type { QuotePattern } from '../types.js'

/** "… and says he will expand the armed forces": a second reporting verb of the same subject. */
export const coordinated: QuotePattern<'coordinated'> = {
  name: 'coordinated',
  describe:
    '"X did Y and said CONTENT": a second reporting verb of the same subject (the earlier quote’s speaker, else the sentence subject)',
  find: ({ body, v, found }, i) => {
    const { toks } = v
    if (lower(toks[i - 1]) !== 'and' || !SPEECH_VERBS.has(lower(toks[i]))) return null
    const start = contentStartAfter(toks, i + 1)
    const first = toks[start.index]
    if (!first || (!start.hasThat && (!isWordToken(first) || AUX.has(lower(first)) || NOT_COORDINATED_STARTS.has(lower(first)))))
      return null
    const content = contentTo(body, v, start.index, clauseEnd(toks, start.index), 3)
    if (!content) return null
    const subject = runningSpeaker(found, toks, i, (q) => q.content.start <= toks[i]!.start)
    if (!subject) return null
    return {
      content,
      speaker: subject,
      ...wordCue(toks, i),
      via: null,
      pattern: 'coordinated',
      confidence: 0.65,
      sentence: v.index,
    }
  },
  examples: {
    positive: [
      {
        text: 'The senator voted against the bill and said it would raise taxes for families.',
        expect: { content: 'it would raise taxes for families', speaker: 'The senator', cue: 'said' },
      },
      {
        text: 'The general inspected the troops and warned that the enemy was preparing an attack.',
        expect: { content: 'the enemy was preparing an attack', speaker: 'The general', cue: 'warned' },
      },
    ],
    negative: ['She stood up and said nothing.'],
  },
}
