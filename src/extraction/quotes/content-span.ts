import { SPEECH_VERBS } from '../lexicon/index.js'
import {
  CLAUSE_OPENERS,
  CLOSE_MARKS,
  FINITE,
  IRREGULAR_PAST,
  OPEN_MARKS,
  PARTICIPLE_CUES,
  SUBORDINATORS,
  THAT_PHRASE_OPENERS,
  TIME_WORDS,
} from '../lexicon/quote-words.js'
import { isCapitalised } from '../stages/tokenize.js'
import type { Span, Token } from '../types.js'
import { isPossessive, lower, isWordToken } from './tokens.js'
import type { SentenceView } from './types.js'

/** Trims punctuation, spaces and quotation marks from both ends of a content span. */
export function trimContent(body: string, span: Span): Span {
  let { start, end } = span
  while (start < end && /[\s,;:“”"‘’«»—–-]/.test(body[start]!)) start++
  while (end > start && /[\s,;:.“”"‘’«»—–-]/.test(body[end - 1]!)) end--
  // '' is a quotation mark in some house styles ("''This isn't tax reform,'' said ...")
  while (body.startsWith("''", start) && end - start > 2) start += 2
  while (end - start > 2 && body.slice(end - 2, end) === "''") end -= 2
  while (end > start && /[\s,;:.]/.test(body[end - 1]!)) end--
  // a closing parenthesis whose opening one is outside the content ("(Forbes says it tracks more.)")
  if (body[end - 1] === ')' && !body.slice(start, end).includes('(')) {
    end--
    while (end > start && /[\s,;:.]/.test(body[end - 1]!)) end--
  }
  return { start, end }
}

/** Whether a clause starts at token `i` (after a comma, a conjunction, a quotation mark, or at "who"). */
export function isClauseStart(toks: Token[], i: number): boolean {
  const prev = toks[i - 1]
  if (lower(toks[i]) === 'who') return true
  return (
    !prev ||
    prev.text === ',' ||
    prev.text === ':' ||
    prev.text === ';' ||
    prev.text === '(' ||
    // a sentence the splitter left joined ('… “hugely disappointing”. He said: …')
    ((prev.text === '.' || prev.text === '!' || prev.text === '?') && isCapitalised(toks[i]?.text ?? '')) ||
    prev.text === '—' ||
    prev.text === '–' ||
    (prev.text === '-' && toks[i - 2]?.text === '-') ||
    // a hyphen with spaces on both sides is a dash ("Inside the mosque - which … - Adel Nefzi said")
    (prev.text === '-' && !!toks[i - 2] && toks[i - 2]!.end < prev.start && prev.end < toks[i]!.start) ||
    CLAUSE_OPENERS.has(lower(prev)) ||
    OPEN_MARKS.has(prev.text) ||
    CLOSE_MARKS.has(prev.text)
  )
}

/** The comma or colon that opens a quotation within `within` tokens after token `j` ("in a statement: “…”"), or -1. */
export const quotationMarkAfter = (toks: Token[], j: number, within: number) =>
  toks.findIndex((t, k) => k > j && k <= j + within && (t.text === ',' || t.text === ':') && OPEN_MARKS.has(toks[k + 1]?.text ?? ''))

/** Index after an optional parenthetical (", through an interpreter,") and time phrase, and "that". */
export function contentStartAfter(toks: Token[], i: number): { index: number; hasThat: boolean } {
  let j = i
  if (toks[j]?.text === ',') {
    const close = toks.findIndex((t, k) => k > j && t.text === ',')
    if (close > 0 && close - j <= 6 && lower(toks[close + 1]) === 'that') j = close + 1
  }
  // "said on Wednesday that", "said in a statement that", "says at a campaign stop in Toledo, Ohio, that"
  const thatAhead = toks.findIndex((t, k) => k >= j && k <= j + 14 && lower(t) === 'that')
  if (
    thatAhead >= 0 &&
    // a programme's quoted title may stand in the phrase ("said on ABC’s “This Week” that")
    toks
      .slice(j, thatAhead)
      .every(
        (t) =>
          (isWordToken(t) || t.text === ',' || t.text === '’s' || t.text === "'s" || OPEN_MARKS.has(t.text) || CLOSE_MARKS.has(t.text)) &&
          !SPEECH_VERBS.has(lower(t)),
      ) &&
    (TIME_WORDS.has(toks[j]!.text) || THAT_PHRASE_OPENERS.has(lower(toks[j])))
  )
    j = thatAhead
  // "said in a statement: “…”", "said on Twitter, “…”": the phrase then a quotation
  const markAhead = quotationMarkAfter(toks, j, 14)
  if (
    markAhead > 0 &&
    (TIME_WORDS.has(toks[j]!.text) || THAT_PHRASE_OPENERS.has(lower(toks[j]))) &&
    toks.slice(j, markAhead).every((t) => (isWordToken(t) || isPossessive(t)) && !SPEECH_VERBS.has(lower(t)))
  )
    return { index: markAhead + 1, hasThat: false }
  if (lower(toks[j]) === 'that') return { index: j + 1, hasThat: true }
  if (toks[j]?.text === ':' || toks[j]?.text === ',') return { index: j + 1, hasThat: false }
  return { index: j, hasThat: false }
}

/** Content between two tokens, trimmed; a trailing attribution's content is a clause of 3+ words, a complement 2+. */
export function contentTo(body: string, v: SentenceView, from: number, to: number, minWords = 2): Span | null {
  if (from >= to) return null
  const s = trimContent(body, { start: v.toks[from]!.start, end: v.toks[to - 1]!.end })
  // words in quotation marks are speech however short ("“I would,” Melanie said")
  const quoted = OPEN_MARKS.has(v.toks[from]!.text) || /^[“"]/.test(body.slice(s.start - 1, s.start))
  return hasWords(body, s, quoted ? 1 : minWords) ? s : null
}

const WHITESPACE_SEPARATED = /\S+/g

/** Whether `span` holds at least `n` whitespace-separated words with a letter (stops counting at n: long spans cost no more). */
function hasWords(body: string, span: Span, n: number): boolean {
  let count = 0
  WHITESPACE_SEPARATED.lastIndex = span.start
  for (let m = WHITESPACE_SEPARATED.exec(body); m && m.index < span.end; m = WHITESPACE_SEPARATED.exec(body)) {
    const word = m.index + m[0].length > span.end ? m[0].slice(0, span.end - m.index) : m[0]
    if (/\p{L}/u.test(word) && ++count >= n) return true
  }
  return count >= n
}

/** End of a reported clause: the sentence end, or a participle that attaches more speech (", arguing that …"). */
export function clauseEnd(toks: Token[], from: number): number {
  // the sentence's clause breaks, found once per sentence: a long sentence with many cues stays linear
  let breaks = CLAUSE_BREAKS.get(toks)
  if (!breaks) CLAUSE_BREAKS.set(toks, (breaks = clauseBreaks(toks)))
  let lo = 0
  let hi = breaks.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (breaks[mid]! <= from + 2) lo = mid + 1
    else hi = mid
  }
  const k = breaks[lo]
  return k !== undefined && k > 0 ? k : toks.length
}

const CLAUSE_BREAKS = new WeakMap<Token[], number[]>()

/** Indexes where more speech attaches to the same subject: ", arguing that …", "… and said she would …". */
function clauseBreaks(toks: Token[]): number[] {
  const out: number[] = []
  toks.forEach((t, i) => {
    const attaches =
      (t.text === ',' &&
        (PARTICIPLE_CUES.has(lower(toks[i + 1])) ||
          (CLOSE_MARKS.has(toks[i + 1]?.text ?? '') && PARTICIPLE_CUES.has(lower(toks[i + 2]))))) ||
      (lower(t) === 'and' && SPEECH_VERBS.has(lower(toks[i + 1])) && toks[i - 1]?.text !== ',') ||
      // "… more intense — and he noted that …"
      ((t.text === '—' || t.text === ';') &&
        lower(toks[i + 1]) === 'and' &&
        toks.slice(i + 2, i + 5).some((x) => SPEECH_VERBS.has(lower(x))))
    if (attaches) out.push(i)
  })
  return out
}

/** A verb that makes the words before it a clause: finite, "-ed" or an irregular past. */
export const isClauseVerb = (t: Token | undefined) =>
  !!t && (FINITE.has(lower(t)) || IRREGULAR_PAST.has(lower(t)) || (/^[a-z]+ed$/.test(t.text) && !/eed$/.test(t.text)))

/**
 * Whether a clause's verb comes within `within` words from token `from`, before any punctuation or
 * subordinator ("the state would pay …", not "the news before the game started").
 */
export function hasClauseVerb(toks: Token[], from: number, within = 8): boolean {
  for (let m = from; m < toks.length && m <= from + within; m++) {
    const t = toks[m]!
    if (!isWordToken(t) && t.text !== '’s' && t.text !== "'s" && t.text !== '-') return false
    if ((SPEECH_VERBS.has(lower(t)) && !isClauseVerb(t)) || SUBORDINATORS.has(lower(t))) return false
    if (isClauseVerb(t)) return true
  }
  return false
}
