import type { Sentence, Span, Token } from '../types.js'

/** Names of the attribution patterns of `patterns/` (each pattern's `name`), as quote candidates carry them. */
export type PatternName =
  | 'according-to-leading'
  | 'according-to-parenthetical'
  | 'according-to-trailing'
  | 'quoted-as-saying'
  | 'quotes-as-saying'
  | 'asked-by'
  | 'opening-inversion'
  | 'colon'
  | 'colon-introduction'
  | 'claim-noun'
  | 'saying-phrase'
  | 'trailing-inverted'
  | 'parenthetical'
  | 'trailing'
  | 'question'
  | 'request'
  | 'leading'
  | 'participle'
  | 'coordinated'
  | 'relative'
  | 'asked-question'

/** Where a candidate came from: a pattern, a pattern's speech nested in another quote, or a quotation rule of link-quotations. */
export type CandidateOrigin = PatternName | `${PatternName}-nested` | 'dash-signature' | 'quotation' | 'first-person'

/** A quote as the attribution patterns see it, before its speaker is resolved. */
export interface QuoteCandidate {
  content: Span
  /** The speech segments when the content runs over its attribution ("A,” X said. “B"); else absent. */
  parts?: Span[]
  speaker: Span | null
  /** The text names no speaker on purpose ("Asked whether …, she said": an unnamed interviewer asks); never a running speaker. */
  unnamedSpeaker?: true
  cue: string
  cueSpan: Span | null
  via: string | null
  /** The rule that produced it, for error analysis (not stored). */
  pattern: CandidateOrigin
  confidence: number
  sentence: number
}

/** One sentence as the patterns read it. */
export interface SentenceView {
  toks: Token[]
  sentence: Sentence
  index: number
  /** Paragraph of the sentence before, to know whether this one opens a paragraph. */
  previousParagraph?: number
  /** Offset where this sentence's paragraph ends. */
  paragraphEnd?: number
}

/** What a pattern sees at one token: the text, the sentence, and the quotes found so far in it. */
export interface PatternContext {
  body: string
  v: SentenceView
  /** Quotes already accepted in this sentence (read by the patterns that attach speech to an earlier speaker). */
  found: readonly QuoteCandidate[]
}

/** An example of a pattern: a sentence and the quote expected from it. */
export interface PositiveExample {
  text: string
  /** `speaker` null: the text names no speaker and none may be borrowed from an earlier quote. */
  expect: { content: string; speaker: string | null; cue: string }
}

/**
 * One attribution pattern: tried at each token of a sentence, it yields the quote it recognises
 * there, or null. Its examples are run by tests/unit/quote-patterns.test.ts; `knownFailures` lists
 * negative examples the rules still get wrong (precision bugs to fix, kept visible).
 */
export interface QuotePattern<N extends PatternName = PatternName> {
  name: N
  describe: string
  find: (ctx: PatternContext, i: number) => QuoteCandidate | null
  examples: { positive: PositiveExample[]; negative: string[]; knownFailures?: string[] }
}

/** The quote with one more speech segment: its content now runs to the end of `part`. */
export function extendQuote(q: QuoteCandidate, part: Span): QuoteCandidate {
  return { ...q, parts: [...(q.parts ?? [q.content]), part], content: { start: q.content.start, end: part.end } }
}

/** The candidate when it is of the named pattern, else null: lets one analysis serve a family of patterns. */
export const ofPattern = (q: QuoteCandidate | null, name: PatternName): QuoteCandidate | null => (q?.pattern === name ? q : null)

/**
 * Remembers the last result of a per-token analysis, so the patterns of one family (which share
 * it) do not repeat it at the same token.
 */
export function lastResult<T>(fn: (body: string, v: SentenceView, i: number) => T): (body: string, v: SentenceView, i: number) => T {
  let last: { body: string; v: SentenceView; i: number; value: T } | null = null
  return (body, v, i) => {
    if (last && last.v === v && last.i === i && last.body === body) return last.value
    const value = fn(body, v, i)
    last = { body, v, i, value }
    return value
  }
}
