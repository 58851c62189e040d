import { SPEECH_VERBS } from '../../lexicon/index.js'
import { ASKED_INTRODUCERS, BE_FORMS, RELATIVE_OPENERS, WH_WORDS } from '../../lexicon/quote-words.js'
import { contentTo } from '../content-span.js'
import { speakerAfter } from '../speaker-phrase.js'
import { isWordToken, lower, span, wordCue } from '../tokens.js'
import type { QuotePattern } from '../types.js'

/** Words that open what was asked: an indirect question, a topic ("asked about"), a request ("asked to"). */
const QUESTION_OPENERS = new Set([...WH_WORDS, 'about'])

/**
 * "Asked whether the plan would work, the minister said …", "…, she said when asked which
 * candidate she backs": a reduced clause reports the question of an interviewer the text does not
 * name (or names with "by"). The question is a quote of its own; its speaker stays unnamed rather
 * than borrowing the answerer's. It ends at the comma where the answering clause begins.
 */
export const askedQuestion: QuotePattern<'asked-question'> = {
  name: 'asked-question',
  describe: '"Asked whether/what/about …, X said": the question of an unnamed (or "by"-named) interviewer',
  find: ({ body, v }, i) => {
    const { toks } = v
    if (lower(toks[i]) !== 'asked') return null
    const prev = lower(toks[i - 1])
    const reduced = i === 0 || toks[i - 1]?.text === ',' || ASKED_INTRODUCERS.has(prev)
    if (!reduced || BE_FORMS.has(prev) || (prev === 'being' && BE_FORMS.has(lower(toks[i - 2])))) return null
    let k = i + 1
    let asker = null
    if (lower(toks[k]) === 'by') {
      asker = speakerAfter(toks, k + 1)
      if (!asker) return null
      k = asker.to
    }
    // "Asked specifically what …", "Asked on Fox News who leads the party"
    const opener = toks.findIndex((t, n) => n >= k && n <= k + 6 && (QUESTION_OPENERS.has(lower(t)) || lower(t) === 'to'))
    if (opener < 0 || toks.slice(k, opener).some((t) => !isWordToken(t))) return null
    if (lower(toks[opener]) === 'to' && (!asker || !/^[a-z]+$/.test(toks[opener + 1]?.text ?? ''))) return null
    // the question ends at the comma that a reporting clause follows ("…, Clinton said she …"), else the sentence
    // ("Asked whether the firm, which friends called miserable, failed, he said …"); without a
    // reporting verb after any comma, the first comma not opening a relative clause
    const commas = toks.flatMap((t, n) => (n > opener + 1 && t.text === ',' ? [n] : []))
    const beforeReport = commas.find((n) => toks.slice(n + 1, n + 8).some((t) => SPEECH_VERBS.has(lower(t))))
    const plain = commas.find((n) => !RELATIVE_OPENERS.has(lower(toks[n + 1])))
    const end = beforeReport ?? (i === 0 ? plain : undefined) ?? toks.length
    const content = contentTo(body, v, opener, end, 3)
    if (!content) return null
    return {
      content,
      speaker: asker ? span(toks, asker) : null,
      ...(asker ? {} : { unnamedSpeaker: true as const }),
      ...wordCue(toks, i),
      via: null,
      pattern: 'asked-question',
      confidence: 0.6,
      sentence: v.index,
    }
  },
  examples: {
    positive: [
      {
        text: 'Asked whether the bridge would reopen this year, the mayor said she could not promise it.',
        expect: { content: 'whether the bridge would reopen this year', speaker: null, cue: 'asked' },
      },
      {
        text: 'Asked by the host to name a single achievement, the senator paused.',
        expect: { content: 'to name a single achievement', speaker: 'the host', cue: 'asked' },
      },
      {
        text: '“You bet I would,” the governor said when asked if he would close the border.',
        expect: { content: 'if he would close the border', speaker: null, cue: 'asked' },
      },
    ],
    negative: ['She was asked to leave the room.', 'Asked to leave, he refused.', 'The voters asked for more time.'],
  },
}
