import { CLAIM_NOUNS } from '../../lexicon/quote-words.js'
import { clauseEnd, contentTo } from '../content-span.js'
import { nounPhraseStart } from '../speaker-phrase.js'
import { isPossessive, lower, span, wordCue } from '../tokens.js'
import type { QuotePattern } from '../types.js'

/** "Donald Trump’s claim that CONTENT": speech reported through a noun, its speaker the possessor. */
export const claimNoun: QuotePattern<'claim-noun'> = {
  name: 'claim-noun',
  describe: '"X’s claim that CONTENT": speech reported through a noun (claim, warning, promise …), its speaker the possessor',
  find: ({ body, v }, i) => {
    const { toks } = v
    if (!CLAIM_NOUNS.has(lower(toks[i])) || lower(toks[i + 1]) !== 'that') return null
    const possessive = isPossessive(toks[i - 1]) ? i - 1 : -1
    if (possessive < 1) return null
    const from = nounPhraseStart(toks, possessive)
    if (from === possessive) return null
    const content = contentTo(body, v, i + 2, clauseEnd(toks, i + 2), 3)
    if (!content) return null
    return {
      content,
      speaker: span(toks, { from, to: possessive }),
      ...wordCue(toks, i),
      via: null,
      pattern: 'claim-noun',
      confidence: 0.55,
      sentence: v.index,
    }
  },
  examples: {
    positive: [
      {
        text: 'The minister dismissed Senator Ruth Cole’s claim that the election had been rigged by officials.',
        expect: { content: 'the election had been rigged by officials', speaker: 'Senator Ruth Cole', cue: 'claim' },
      },
      {
        text: 'Voters remember the governor’s promise that taxes would not rise this year.',
        expect: { content: 'taxes would not rise this year', speaker: 'the governor', cue: 'promise' },
      },
    ],
    negative: ['The claim that the election was rigged has been rejected by the courts.'],
  },
}
