import { DETERMINERS, PHRASE_BREAKERS, SPEECH_VERBS } from '../../lexicon/index.js'
import { AUX, FINITE, GAP_OPENERS, GAP_VERBS, PRONOUN_SPEAKERS } from '../../lexicon/quote-words.js'
import { clauseEnd, contentTo } from '../content-span.js'
import { isWordToken, lower, span, wordCue } from '../tokens.js'
import type { QuotePattern } from '../types.js'

/**
 * "a plan which Democrats say could hurt Sanders", "what officials say is a breach", "his
 * daughters, who he said were living in Russia": the speaker stands inside a relative or wh-clause
 * and what they said is that clause, its gapped subject being the noun before it. The words after
 * the verb must open a verb phrase (a finite verb or auxiliary), which is what tells
 * "which he says would …" from "which he says often".
 */
export const relative: QuotePattern<'relative'> = {
  name: 'relative',
  describe: '"… which/what X say(s) is/would …": the speaker inside a relative or wh-clause, the clause is what was said',
  find: ({ body, v }, i) => {
    const { toks } = v
    if (!GAP_VERBS.has(lower(toks[i])) || !FINITE.has(lower(toks[i + 1])) || SPEECH_VERBS.has(lower(toks[i + 1]))) return null
    // the subject: a pronoun, or a short noun phrase of words that are no verbs or prepositions
    let from = i
    while (from > 0 && i - from < 4 && (AUX.has(lower(toks[from - 1])) || /^[a-z]+ly$/.test(toks[from - 1]!.text))) from--
    const verbAt = from
    while (
      from > 0 &&
      verbAt - from < 5 &&
      !GAP_OPENERS.has(lower(toks[from - 1])) &&
      isWordToken(toks[from - 1]) &&
      (!PHRASE_BREAKERS.has(lower(toks[from - 1])) || PRONOUN_SPEAKERS.has(toks[from - 1]!.text))
    )
      from--
    const opener = from - 1
    if (from === verbAt || opener < 0 || !GAP_OPENERS.has(lower(toks[opener]))) return null
    const subject = toks.slice(from, verbAt)
    // "that the plan said would …": a determiner right after "that" may be that clause's own subject
    if (lower(toks[opener]) === 'that' && !PRONOUN_SPEAKERS.has(subject[0]!.text) && !DETERMINERS.has(subject[0]!.text)) {
      if (!/^\p{Lu}/u.test(subject[0]!.text)) return null
    }
    const content = contentTo(body, v, opener, clauseEnd(toks, i + 1), 3)
    if (!content) return null
    return {
      content,
      speaker: span(toks, { from, to: verbAt }),
      ...wordCue(toks, i),
      via: null,
      pattern: 'relative',
      confidence: 0.6,
      sentence: v.index,
    }
  },
  examples: {
    positive: [
      {
        text: 'Turnout surged among independents, which Democrats say could help the challenger.',
        expect: { content: 'which Democrats say could help the challenger', speaker: 'Democrats', cue: 'say' },
      },
      {
        text: 'The club has struggled to meet what she said is growing demand for pools and gyms.',
        expect: { content: 'what she said is growing demand for pools and gyms', speaker: 'she', cue: 'said' },
      },
      {
        text: 'He spoke proudly of his two daughters, who he said were living in Berlin.',
        expect: { content: 'who he said were living in Berlin', speaker: 'he', cue: 'said' },
      },
    ],
    negative: ['The plan, which he says often, is simple.', 'It is what they said.', 'That said, the vote was close.'],
  },
}
