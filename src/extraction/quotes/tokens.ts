import { SPEECH_VERBS } from '../lexicon/index.js'
import { BE_FORMS, PROGRESSIVE_CUES } from '../lexicon/quote-words.js'
import { isCapitalised } from '../stages/tokenize.js'
import type { Span, Token } from '../types.js'

/** The token in lower case; '' past either end. */
export const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? ''

/** Whether the token is a word (starts with a letter or digit). */
export const isWordToken = (t: Token | undefined) => !!t && /^[\p{L}\p{N}]/u.test(t.text)

/** Whether the token is a possessive "’s". */
export const isPossessive = (t: Token | undefined) => t?.text === '’s' || t?.text === "'s"

/** Offsets of the token range from..to (exclusive). */
export const span = (toks: Token[], r: { from: number; to: number }): Span => ({ start: toks[r.from]!.start, end: toks[r.to - 1]!.end })

/** "saying" after a form of "be" ("is saying", "was warning"): a progressive reporting verb. */
export const isProgressiveCue = (toks: Token[], i: number) => PROGRESSIVE_CUES.has(lower(toks[i])) && BE_FORMS.has(lower(toks[i - 1]))

/**
 * Whether token `i` is the reporting verb of a plain attribution ("said", "is warning", the
 * headline "Says"): a speech verb in lower case, not a bare "saying" (which opens a saying-phrase).
 */
export function isReportingCue(toks: Token[], i: number): boolean {
  const t = toks[i]!
  const w = lower(t)
  const progressive = isProgressiveCue(toks, i)
  if (w === 'saying' && !progressive) return false
  // headlines write "…, Lindsey Graham Says"
  const headlineCue = (t.text === 'Says' || t.text === 'Said') && i > 0
  return (SPEECH_VERBS.has(w) || progressive) && (!isCapitalised(t.text) || headlineCue)
}

/** The cue of a one-word attribution at token `i`. */
export const wordCue = (toks: Token[], i: number) => ({ cue: lower(toks[i]), cueSpan: { start: toks[i]!.start, end: toks[i]!.end } })
