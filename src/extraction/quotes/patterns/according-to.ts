import { SPEECH_VERBS } from '../../lexicon/index.js'
import { AUX, FINITE, NOT_SOURCE_NOUNS, SENTENCE_CONJUNCTIONS } from '../../lexicon/quote-words.js'
import type { Token } from '../../types.js'
import { contentTo } from '../content-span.js'
import { speakerAfter } from '../speaker-phrase.js'
import { isWordToken, lower, span } from '../tokens.js'
import { extendQuote, lastResult, ofPattern, type QuoteCandidate, type QuotePattern, type SentenceView } from '../types.js'

/**
 * Index of the comma that ends a sentence-opening source phrase whose head ends at `from`, or -1:
 * the words up to it are a noun phrase's complements (no speech verb, no finite verb outside a
 * relative clause), at most 30 tokens.
 */
function leadingSourceEnd(toks: Token[], from: number): number {
  let relative = false
  for (let k = from; k < toks.length && k - from <= 30; k++) {
    const t = toks[k]!
    if (t.text === ',') return k
    if (['who', 'that', 'which'].includes(lower(t))) relative = true
    const inPhrase = isWordToken(t) || ['’s', "'s", '/', '-', '&', '(', ')', '.'].includes(t.text)
    if (!inPhrase || SPEECH_VERBS.has(lower(t)) || (!relative && FINITE.has(lower(t)))) return -1
  }
  return -1
}

/** "According to X, CONTENT.", "CONTENT, according to X." and "A, according to X, B." at token `i` ("according"). */
const accordingToAt = lastResult((body: string, v: SentenceView, i: number): QuoteCandidate | null => {
  const { toks } = v
  if (i >= toks.length - 2 || lower(toks[i]) !== 'according' || lower(toks[i + 1]) !== 'to') return null
  const sp = speakerAfter(toks, i + 2)
  // "according to plan", "according to schedule": a norm followed, no one's words
  if (!sp || (sp.to - sp.from === 1 && NOT_SOURCE_NOUNS.has(lower(toks[sp.from])))) return null
  const cueSpan = { start: toks[i]!.start, end: toks[i + 1]!.end }
  const base = { speaker: span(toks, sp), cue: 'according to', cueSpan, via: null, sentence: v.index }
  // the source phrase runs to the end of the sentence ("a count by The Associated Press.")
  const rest = toks.slice(sp.to).filter((t) => isWordToken(t))
  const endsSentence =
    toks.slice(sp.to).every((t) => t.text !== ',') &&
    rest.length <= 8 &&
    rest.every((t) => !AUX.has(lower(t)) && !SPEECH_VERBS.has(lower(t)))
  const opensSentence = i === 0 || (i === 1 && SENTENCE_CONJUNCTIONS.has(lower(toks[0])))
  // "According to early results of exit polls conducted for AP by Edison Research, …": a long source
  // phrase (prepositions, participles, a relative clause) runs to the first comma
  const sourceEnd = opensSentence ? leadingSourceEnd(toks, sp.to) : -1
  if (sourceEnd > 0) {
    const content = contentTo(body, v, sourceEnd + 1, toks.length)
    // a short source phrase names the source whole ("aides close to the senator"), a long one by its head
    const speaker = sourceEnd - sp.from <= 8 ? span(toks, { from: sp.from, to: sourceEnd }) : base.speaker
    return content ? { ...base, speaker, content, pattern: 'according-to-leading', confidence: 0.85 } : null
  } else if (toks[i - 1]?.text === ',' && toks[sp.to]?.text === ',' && isWordToken(toks[sp.to + 1])) {
    // "He crossed the border after, according to him, the network censured his report."
    const before = contentTo(body, v, 0, i - 1, 1)
    const after = contentTo(body, v, sp.to + 1, toks.length, 2)
    return before && after
      ? extendQuote({ ...base, content: before, pattern: 'according-to-parenthetical', confidence: 0.75 }, after)
      : null
  } else if (toks[i - 1]?.text === ',' || (i > 2 && isWordToken(toks[i - 1]) && endsSentence)) {
    // "…, according to X." and, without the comma, "… by 271 delegates according to a count by AP."
    const content = contentTo(body, v, 0, toks[i - 1]?.text === ',' ? i - 1 : i)
    return content ? { ...base, content, pattern: 'according-to-trailing', confidence: toks[i - 1]?.text === ',' ? 0.85 : 0.7 } : null
  }
  return null
})

export const accordingToLeading: QuotePattern<'according-to-leading'> = {
  name: 'according-to-leading',
  describe: '"According to X, CONTENT." at the start of a sentence',
  find: ({ body, v }, i) => ofPattern(accordingToAt(body, v, i), 'according-to-leading'),
  examples: {
    positive: [
      {
        text: 'According to the ministry, talks with the union will resume next week.',
        expect: { content: 'talks with the union will resume next week', speaker: 'the ministry', cue: 'according to' },
      },
      {
        text: 'According to Finance Minister Rosa Delgado, the budget deficit will shrink this year.',
        expect: { content: 'the budget deficit will shrink this year', speaker: 'Finance Minister Rosa Delgado', cue: 'according to' },
      },
      {
        // a long source phrase with prepositions and a participle runs to the comma
        text: 'According to early results of a survey conducted for the council by Lane Research, most residents want more buses.',
        expect: { content: 'most residents want more buses', speaker: 'early results', cue: 'according to' },
      },
      {
        text: 'But according to aides close to the senator, she will run again next year.',
        expect: { content: 'she will run again next year', speaker: 'aides close to the senator', cue: 'according to' },
      },
    ],
    negative: [
      'The match went according to plan.',
      'According to plan, the bridge opens in May.',
      // a finite verb before the comma: the source phrase is a clause, not a noun phrase
      'According to the mayor the bridge was closed, but it reopened at noon.',
    ],
  },
}

export const accordingToParenthetical: QuotePattern<'according-to-parenthetical'> = {
  name: 'according-to-parenthetical',
  describe: '"A, according to X, B.": the source inside the sentence, content on both sides',
  find: ({ body, v }, i) => ofPattern(accordingToAt(body, v, i), 'according-to-parenthetical'),
  examples: {
    positive: [
      {
        text: 'The strike, according to union leader Tom Hale, will last three days.',
        expect: {
          content: 'The strike, according to union leader Tom Hale, will last three days',
          speaker: 'union leader Tom Hale',
          cue: 'according to',
        },
      },
      {
        text: 'Ticket prices, according to the club, will not rise next season.',
        expect: { content: 'Ticket prices, according to the club, will not rise next season', speaker: 'the club', cue: 'according to' },
      },
    ],
    negative: ['The strike, according to union leader Tom Hale.'],
  },
}

export const accordingToTrailing: QuotePattern<'according-to-trailing'> = {
  name: 'according-to-trailing',
  describe: '"CONTENT, according to X." (also without the comma when the source ends the sentence)',
  find: ({ body, v }, i) => ofPattern(accordingToAt(body, v, i), 'according-to-trailing'),
  examples: {
    positive: [
      {
        text: 'The factory will close in March, according to the company.',
        expect: { content: 'The factory will close in March', speaker: 'the company', cue: 'according to' },
      },
      {
        text: 'Unemployment fell to 4 percent in June according to the Labor Department.',
        expect: { content: 'Unemployment fell to 4 percent in June', speaker: 'the Labor Department', cue: 'according to' },
      },
    ],
    negative: [
      'Everything went according to the plans of the organisers, who were delighted.',
      'The match went according to plan.',
      'Fares went up in January, according to schedule.',
    ],
  },
}
