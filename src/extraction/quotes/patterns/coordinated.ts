import { OBJECT_SPEECH_VERBS, SPEECH_VERBS } from '../../lexicon/index.js'

import { AUX, COORDINATORS, NOT_COORDINATED_STARTS } from '../../lexicon/quote-words.js'
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
    // "… and said", "… but told", "…, then says": the same subject goes on speaking
    if (!COORDINATORS.has(lower(toks[i - 1])) || !SPEECH_VERBS.has(lower(toks[i]))) return null
    // a bare "then" must follow a comma or "and" ("then says" may begin a time clause)
    if (lower(toks[i - 1]) === 'then' && !(toks[i - 2]?.text === ',' || lower(toks[i - 2]) === 'and')) return null
    let j = i + 1
    // "but told the Herald on Monday that …": the audience before "that"
    if (OBJECT_SPEECH_VERBS.has(lower(toks[i]))) {
      const that = toks.findIndex((t, k) => k > j && k <= j + 10 && lower(t) === 'that')
      if (that > 0 && toks.slice(j, that).every((t) => isWordToken(t) && !SPEECH_VERBS.has(lower(t)) && !AUX.has(lower(t)))) j = that
    }
    const start = contentStartAfter(toks, j)
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
        // the subject after an opening time phrase or participial phrase
        text: 'A few minutes later they reversed themselves and said they would register voters at the door.',
        expect: { content: 'they would register voters at the door', speaker: 'they', cue: 'said' },
      },
      {
        text: 'Hastily politicizing the attack, Governor Pratt cast the blame on his rivals and said the threat was growing.',
        expect: { content: 'the threat was growing', speaker: 'Governor Pratt', cue: 'said' },
      },
      {
        text: 'The general inspected the troops and warned that the enemy was preparing an attack.',
        expect: { content: 'the enemy was preparing an attack', speaker: 'The general', cue: 'warned' },
      },
      {
        text: 'He endorsed the mayor, but told the Herald on Monday that he expected a close race.',
        expect: { content: 'he expected a close race', speaker: 'He', cue: 'told' },
      },
      {
        text: 'The spokesman refused to answer questions but said there was no meeting planned.',
        expect: { content: 'there was no meeting planned', speaker: 'The spokesman', cue: 'said' },
      },
      {
        text: 'The coach praised his players, then said the referee had cost them the match.',
        expect: { content: 'the referee had cost them the match', speaker: 'The coach', cue: 'said' },
      },
    ],
    negative: ['She stood up and said nothing.', 'They were tired, but told to keep walking.'],
  },
}
