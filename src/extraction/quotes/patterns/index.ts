import type { QuotePattern } from '../types.js'
import { accordingToLeading, accordingToParenthetical, accordingToTrailing } from './according-to.js'
import { askedBy } from './asked-by.js'
import { askedQuestion } from './asked-question.js'
import { claimNoun } from './claim-noun.js'
import { colon } from './colon.js'
import { colonIntroduction } from './colon-introduction.js'
import { coordinated } from './coordinated.js'
import { leading, question, request } from './leading.js'
import { openingInversion } from './opening-inversion.js'
import { participle } from './participle.js'
import { quotedAsSaying, quotesAsSaying } from './relayed.js'
import { relative } from './relative.js'
import { sayingPhrase } from './saying-phrase.js'
import { parenthetical, trailing, trailingInverted } from './trailing.js'

/*
 * The attribution patterns in the order they apply; order is precedence. A sentence is read in
 * three passes (see findSentenceQuotes):
 * 1. frames: each group runs over the tokens on its own, the first pattern of the group that
 *    matches at a token wins, and every result is kept (groups in this order);
 * 2. cues: at each token the first matching pattern wins; the results then compete for the words
 *    left (trailing attributions first, then longest content, nested speech kept);
 * 3. attached speech: at each token the first matching pattern wins, given the quotes found so far.
 */
export const FRAME_PATTERNS = [
  [accordingToLeading, accordingToParenthetical, accordingToTrailing],
  [quotedAsSaying, quotesAsSaying],
  [askedBy, askedQuestion],
  [openingInversion, colon],
  [colonIntroduction],
] as const satisfies readonly (readonly QuotePattern[])[]

export const CUE_PATTERNS = [
  claimNoun,
  sayingPhrase,
  trailingInverted,
  parenthetical,
  trailing,
  question,
  request,
  leading,
  relative,
] as const satisfies readonly QuotePattern[]

export const ATTACHED_PATTERNS = [participle, coordinated] as const satisfies readonly QuotePattern[]

/** Every pattern, in the order of application. */
export const PATTERNS: readonly QuotePattern[] = [...FRAME_PATTERNS.flat(), ...CUE_PATTERNS, ...ATTACHED_PATTERNS]
