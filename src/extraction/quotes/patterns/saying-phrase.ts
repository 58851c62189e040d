import { DETERMINERS } from '../../lexicon/index.js'
import { MESSAGE_NOUNS, SUBJECT_SAYING_PREPOSITIONS, TIME_WORDS } from '../../lexicon/quote-words.js'
import type { Token } from '../../types.js'
import { contentStartAfter, contentTo, isClauseStart } from '../content-span.js'
import { sentenceSubject, speakerBefore } from '../speaker-phrase.js'
import { isProgressiveCue, lower, span } from '../tokens.js'
import type { QuotePattern } from '../types.js'

/**
 * Index of the verb of "VERB a (ADJ) MESSAGE (DAY) saying" ending before token `i`: a document or
 * post carries the words of its sender ("released a joint statement Wednesday saying"); else null.
 */
function messageBefore(toks: Token[], i: number): number | null {
  let k = i - 1
  if (TIME_WORDS.has(toks[k]?.text ?? '')) k--
  if (!MESSAGE_NOUNS.has(lower(toks[k]))) return null
  for (let d = k - 1; d >= Math.max(1, k - 3); d--) {
    if (DETERMINERS.has(toks[d]!.text) || lower(toks[d]) === 'a' || lower(toks[d]) === 'an')
      return /^[a-z]+$/.test(toks[d - 1]!.text) ? d - 1 : null
    if (!/^[a-z-]+$/.test(toks[d]!.text)) return null
  }
  return null
}

/** Multi-word cues ending in "saying": "issued a statement saying", "with X saying", "responded by saying". */
export const sayingPhrase: QuotePattern<'saying-phrase'> = {
  name: 'saying-phrase',
  describe: '"issued a statement saying …", "with X saying …", "responded by saying …": cues ending in a bare "saying"',
  find: ({ body, v }, i) => {
    const { toks } = v
    if (lower(toks[i]) !== 'saying' || isProgressiveCue(toks, i)) return null
    let cueFrom = i
    let speakerEnd = i
    const w1 = lower(toks[i - 1])
    // "issued a statement saying", "released a joint statement Wednesday saying", "sent a letter saying"
    const message = messageBefore(toks, i)
    if (message !== null) {
      cueFrom = message
      speakerEnd = cueFrom
    } else if (w1 === 'by') {
      cueFrom = i - 2 // responded by saying
      speakerEnd = cueFrom
    }
    let sp = speakerBefore(toks, speakerEnd)
    // "… and began by saying he would …", "… for saying that …": the sentence's subject said it
    if ((!sp || !isClauseStart(toks, sp.from)) && SUBJECT_SAYING_PREPOSITIONS.has(w1)) {
      sp = sentenceSubject(toks, i - 1)
      cueFrom = i - 1
    }
    if (!sp) return null
    const withClause = lower(toks[sp.from - 1]) === 'with'
    if (cueFrom === i && !withClause) return null
    const start = contentStartAfter(toks, i + 1)
    const content = contentTo(body, v, start.index, toks.length)
    if (!content) return null
    const cue = withClause
      ? 'saying'
      : toks
          .slice(cueFrom, i + 1)
          .map((t) => t.text)
          .join(' ')
    return {
      content,
      speaker: span(toks, sp),
      cue,
      cueSpan: { start: toks[cueFrom]!.start, end: toks[i]!.end },
      via: null,
      pattern: 'saying-phrase',
      confidence: 0.75,
      sentence: v.index,
    }
  },
  examples: {
    positive: [
      {
        text: 'The town released a joint statement Wednesday saying the comments were unfounded.',
        expect: { content: 'the comments were unfounded', speaker: 'The town', cue: 'released a joint statement Wednesday saying' },
      },
      {
        text: 'The company issued a statement saying it would cooperate fully with investigators.',
        expect: { content: 'it would cooperate fully with investigators', speaker: 'The company', cue: 'issued a statement saying' },
      },
      {
        text: 'The talks ended with the union saying it would strike on Monday.',
        expect: { content: 'it would strike on Monday', speaker: 'the union', cue: 'saying' },
      },
      {
        text: 'The president responded by saying the sanctions were unjust and illegal.',
        expect: { content: 'the sanctions were unjust and illegal', speaker: 'The president', cue: 'responded by saying' },
      },
    ],
    negative: [
      'Saying goodbye is never easy for the players.',
      'There is no saying what the markets will do next.',
      // a message with nothing reported in it
      'She sent a letter saying nothing.',
    ],
  },
}
