import {
  DETERMINERS,
  NP_CONTENT_VERBS,
  OBJECT_SPEECH_VERBS,
  PHRASE_BREAKERS,
  SPEECH_VERBS,
  TRAILING_TAIL_STARTERS,
} from '../lexicon/index.js'
import type { Sentence, Span, Token } from '../types.js'
import { isCapitalised } from './tokenize.js'
import { overlaps } from '../spans.js'

/** A quote as the attribution patterns see it, before its speaker is resolved. */
export interface QuoteCandidate {
  content: Span
  /** The speech segments when the content runs over its attribution ("A,” X said. “B"); else absent. */
  parts?: Span[]
  speaker: Span | null
  cue: string
  cueSpan: Span | null
  via: string | null
  pattern: string
  confidence: number
  sentence: number
}

/** The quote with one more speech segment: its content now runs to the end of `part`. */
export function extendQuote(q: QuoteCandidate, part: Span): QuoteCandidate {
  return { ...q, parts: [...(q.parts ?? [q.content]), part], content: { start: q.content.start, end: part.end } }
}

const AUX = new Set([
  'has',
  'have',
  'had',
  'also',
  'was',
  'were',
  'is',
  'are',
  'been',
  'isn’t',
  "isn't",
  'wasn’t',
  "wasn't",
  'not',
  'would',
  'will',
  'had',
  'once',
  'again',
  'later',
  'then',
  'previously',
  'repeatedly',
  'publicly',
  'reportedly',
  'recently',
  'further',
  'earlier',
  'already',
  'often',
  'never',
  'always',
  'first',
  'subsequently',
  'privately',
])
const TIME_WORDS = new Set([
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'today',
  'yesterday',
  'tonight',
  'earlier',
  'later',
])
const PRONOUN_SPEAKERS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'He', 'She', 'They', 'We', 'I', 'It'])
const OPEN_MARKS = new Set(['“', '"', '‘', '«', "''"])
const CLOSE_MARKS = new Set(['”', '"', '’', '»', "''"])

/** Openers of an introductory phrase ("In one tweet Friday, Trump said: …"), which is not content. */
const INTRO_WORDS = new Set([
  'In',
  'On',
  'At',
  'During',
  'After',
  'Before',
  'Speaking',
  'Asked',
  'Back',
  'As',
  'Though',
  'Although',
  'While',
  'When',
  'Since',
  'Writing',
  'Interviewed',
  'Later',
  'Earlier',
  'Separately',
  'Meanwhile',
  'Elsewhere',
  'Appearing',
  'Addressing',
  'Responding',
])

const AMBIGUOUS_CUES = new Set([
  'states',
  'reports',
  'claims',
  'notes',
  'comments',
  'remarks',
  'charges',
  'charged',
  'estimates',
  'estimated',
  'answers',
  'demands',
  'promises',
  'pledges',
  'proposes',
  'posts',
  'posted',
  'calls',
  'indicated',
  'indicates',
  'agreed',
  'agrees',
  'accused',
  'accuses',
])

const WH_WORDS = new Set(['whether', 'if', 'what', 'why', 'how', 'who', 'when', 'where', 'which'])
const QUESTION_VERBS = new Set(['asked', 'asks', 'asking', 'told', 'tells', 'telling'])

/** Finite verbs and auxiliaries: a clause goes on when one follows. */
const FINITE = new Set([
  'is',
  'are',
  'was',
  'were',
  'will',
  'would',
  'could',
  'should',
  'can',
  'may',
  'might',
  'must',
  'has',
  'have',
  'had',
  'does',
  'do',
  'did',
  'paid',
  'says',
  'said',
])

/** Words that open an inverted speaker ("…, said one GOP source in the room"). */
const QUANTIFIERS = new Set(['one', 'two', 'three', 'several', 'many', 'some', 'another', 'other', 'both', 'all'])

/** Verbs whose object is asked to do something ("urges supporters to vote"). */
const REQUEST_VERBS = new Set([
  'urged',
  'urges',
  'urging',
  'told',
  'tells',
  'telling',
  'asked',
  'asks',
  'asking',
  'warned',
  'warns',
  'warning',
])

/** "-ing" forms of reporting verbs, cues after a form of "be": "Clinton is stressing that …". */
const PROGRESSIVE_CUES = new Set([
  'saying',
  'telling',
  'warning',
  'stressing',
  'confirming',
  'promising',
  'arguing',
  'claiming',
  'insisting',
  'suggesting',
  'urging',
  'asking',
  'noting',
  'predicting',
  'vowing',
  'pledging',
  'announcing',
  'declaring',
  'denying',
  'acknowledging',
  'arguing',
  'assuring',
  'reminding',
  'emphasizing',
  'emphasising',
  'telling',
])
const BE_FORMS = new Set(['is', 'are', 'was', 'were', 'isn’t', "isn't", 'wasn’t', "wasn't", 'aren’t', "aren't", 'been'])

const INVERTIBLE_VERBS = new Set([
  'said',
  'says',
  'added',
  'adds',
  'asked',
  'asks',
  'wrote',
  'writes',
  'explained',
  'continued',
  'noted',
  'recalled',
  'replied',
  'insisted',
  'warned',
])

const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? ''
const isWordToken = (t: Token | undefined) => !!t && /^[\p{L}\p{N}]/u.test(t.text)

/** Trims punctuation, spaces and quotation marks from both ends of a content span. */
export function trimContent(body: string, span: Span): Span {
  let { start, end } = span
  while (start < end && /[\s,;:“”"‘’«»—–-]/.test(body[start]!)) start++
  while (end > start && /[\s,;:.“”"‘’«»—–-]/.test(body[end - 1]!)) end--
  // '' is a quotation mark in some house styles ("''This isn't tax reform,'' said ...")
  while (body.startsWith("''", start) && end - start > 2) start += 2
  while (end - start > 2 && body.slice(end - 2, end) === "''") end -= 2
  while (end > start && /[\s,;:.]/.test(body[end - 1]!)) end--
  // keep a closing parenthesis or an abbreviation's period that belongs to the last word
  return { start, end }
}

const NP_PREPOSITIONS = new Set(['of', 'on', 'for', 'at', 'in', 'from'])

/** Start of the core noun phrase ending before token `to` ("Putin’s foreign affairs adviser Yuri Ushakov"). */
function nounPhraseStart(toks: Token[], to: number): number {
  let from = to
  let words = 0
  let inList = false // "The US, Canada, Australia and Britain": commas only to the left of an "and"
  while (from > 0 && words < 12) {
    const t = toks[from - 1]!
    const lw = lower(t)
    if (t.text === '’s' || t.text === "'s") {
      from--
      continue
    }
    const listJoint = isCapitalised(toks[from]?.text ?? '') && isCapitalised(toks[from - 2]?.text ?? '') && words > 0
    if (lw === 'and' && listJoint) {
      inList = true
      from--
      continue
    }
    if (t.text === ',' && listJoint && inList) {
      from--
      continue
    }
    // "Commission on Presidential Debates", "director of the Institute", "a spokeswoman for Hillary Clinton"
    const next = toks[from]
    if (
      NP_PREPOSITIONS.has(lw) &&
      words > 0 &&
      next &&
      (isCapitalised(next.text) || (lw === 'of' && DETERMINERS.has(next.text))) &&
      isWordToken(toks[from - 2]) &&
      !PHRASE_BREAKERS.has(lower(toks[from - 2]))
    ) {
      from--
      continue
    }
    if (!isWordToken(t) || lw === 'that') break
    // a relative clause's speaker: "an architect who said he was stiffed"
    if (words === 0 && lw === 'who') {
      from--
      break
    }
    if (DETERMINERS.has(t.text)) {
      from--
      words++
      // "The minister of the economy": the determiner opens a prepositional complement, go on
      if (NP_PREPOSITIONS.has(lower(toks[from - 1])) && isWordToken(toks[from - 2]) && !PHRASE_BREAKERS.has(lower(toks[from - 2]))) {
        from--
        continue
      }
      break
    }
    if (PHRASE_BREAKERS.has(lw) && !(words === 0 && PRONOUN_SPEAKERS.has(t.text))) break
    if (PRONOUN_SPEAKERS.has(t.text)) {
      if (words === 0) from--
      break
    }
    if (!isCapitalised(t.text) && /(ed|ing)$/.test(lw) && !/(eed|ling)$/.test(lw)) break
    from--
    words++
  }
  return from
}

/**
 * The speaker noun phrase ending just before token `i` ("Putin’s foreign affairs adviser Yuri
 * Ushakov", "The US, Canada, Australia and Britain", "He"), skipping auxiliaries and adverbs
 * ("has also", ", meanwhile,"), and taking in a parenthesis ("Sen. David Perdue (R-Ga.)") or an
 * apposition between commas ("Richard Revesz, director of the institute,"). Null when none.
 */
export function speakerBefore(toks: Token[], i: number): { from: number; to: number } | null {
  let to = i
  for (;;) {
    const prev = toks[to - 1]
    if (prev && (AUX.has(lower(prev)) || /^[a-z]+ly$/.test(prev.text))) {
      to--
      continue
    }
    if (prev?.text === ',' && toks[to - 3]?.text === ',' && /^[a-z]+$/.test(toks[to - 2]?.text ?? '')) {
      to -= 3
      continue
    }
    break
  }
  let end = to
  // "(R-Ga.)" belongs to the name before it
  if (toks[end - 1]?.text === ')') {
    const open = toks
      .slice(Math.max(0, end - 10), end)
      .map((t) => t.text)
      .lastIndexOf('(')
    if (open >= 0) end = Math.max(0, end - 10) + open
  }
  // "NAME, apposition," before the verb: the name is the speaker, the apposition describes it
  if (toks[end - 1]?.text === ',') {
    for (let k = end - 2; k > 0 && end - k < 25; k--) {
      if (toks[k]!.text !== ',') continue
      // the apposition may describe ("director of the institute"), name ("Phil Lovas") or place ("Democrat of California")
      const segment = toks.slice(k + 1, end - 1)
      if (segment.some((t) => SPEECH_VERBS.has(lower(t)) || OPEN_MARKS.has(t.text) || CLOSE_MARKS.has(t.text))) break
      const core = nounPhraseStart(toks, k)
      if (core < k && toks.slice(core, k).some((t) => isCapitalised(t.text))) return { from: core, to: end - 1 }
      break
    }
    return null
  }
  const from = nounPhraseStart(toks, end)
  if (from === end) return null
  // a noun phrase needs a head that can speak: a name, a pronoun or a noun (not a bare adjective or number)
  const head = toks[end - 1]!
  if (!/^\p{L}/u.test(head.text) || TIME_WORDS.has(head.text)) return null
  return { from, to: to === end ? end : to }
}

/** The speaker noun phrase starting at token `i` ("said Smith", "said the company's chief executive"). */
function speakerAfter(toks: Token[], i: number): { from: number; to: number } | null {
  let to = i
  if (DETERMINERS.has(toks[to]?.text ?? '')) to++
  while (to < toks.length && to - i < 8) {
    const t = toks[to]!
    if (t.text === '’s' || t.text === "'s") {
      to++
      continue
    }
    if (!isWordToken(t) || PHRASE_BREAKERS.has(lower(t)) || TIME_WORDS.has(t.text) || WH_WORDS.has(lower(t))) break
    to++
  }
  return to > i && toks.slice(i, to).some((t) => isCapitalised(t.text) || !DETERMINERS.has(t.text)) ? { from: i, to } : null
}

const span = (toks: Token[], r: { from: number; to: number }): Span => ({ start: toks[r.from]!.start, end: toks[r.to - 1]!.end })

const CLAUSE_OPENERS = new Set([
  'that',
  'and',
  'but',
  'or',
  'so',
  'after',
  'before',
  'when',
  'while',
  'because',
  'as',
  'since',
  'although',
  'though',
  'if',
  'once',
  'until',
  'where',
  'whereas',
])

function isClauseStart(toks: Token[], i: number): boolean {
  const prev = toks[i - 1]
  if (lower(toks[i]) === 'who') return true
  return (
    !prev ||
    prev.text === ',' ||
    prev.text === ':' ||
    prev.text === ';' ||
    prev.text === '—' ||
    prev.text === '–' ||
    (prev.text === '-' && toks[i - 2]?.text === '-') ||
    CLAUSE_OPENERS.has(lower(prev)) ||
    OPEN_MARKS.has(prev.text) ||
    CLOSE_MARKS.has(prev.text)
  )
}

/** Index after an optional parenthetical (", through an interpreter,") and time phrase, and "that". */
function contentStartAfter(toks: Token[], i: number): { index: number; hasThat: boolean } {
  let j = i
  if (toks[j]?.text === ',') {
    const close = toks.findIndex((t, k) => k > j && t.text === ',')
    if (close > 0 && close - j <= 6 && lower(toks[close + 1]) === 'that') j = close + 1
  }
  // "said on Wednesday that", "said in a statement that", "says at a campaign stop in Toledo, Ohio, that"
  const thatAhead = toks.findIndex((t, k) => k >= j && k <= j + 14 && lower(t) === 'that')
  if (
    thatAhead >= 0 &&
    toks.slice(j, thatAhead).every((t) => (isWordToken(t) || t.text === ',') && !SPEECH_VERBS.has(lower(t))) &&
    (TIME_WORDS.has(toks[j]!.text) ||
      ['on', 'in', 'at', 'during', 'after', 'last', 'this', 'earlier', 'later', 'that', 'to', 'from', 'before', 'while', 'after'].includes(
        lower(toks[j]),
      ))
  )
    j = thatAhead
  if (lower(toks[j]) === 'that') return { index: j + 1, hasThat: true }
  if (toks[j]?.text === ':' || toks[j]?.text === ',') return { index: j + 1, hasThat: false }
  return { index: j, hasThat: false }
}

interface SentenceView {
  toks: Token[]
  sentence: Sentence
  index: number
  /** Paragraph of the sentence before, to know whether this one opens a paragraph. */
  previousParagraph?: number
  /** Offset where this sentence's paragraph ends. */
  paragraphEnd?: number
}

/** Content between two tokens, trimmed; a trailing attribution's content is a clause of 3+ words, a complement 2+. */
function contentTo(body: string, v: SentenceView, from: number, to: number, minWords = 2): Span | null {
  if (from >= to) return null
  const s = trimContent(body, { start: v.toks[from]!.start, end: v.toks[to - 1]!.end })
  const words = body
    .slice(s.start, s.end)
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w)).length
  // words in quotation marks are speech however short ("“I would,” Melanie said")
  const quoted = OPEN_MARKS.has(v.toks[from]!.text) || /^[“"]/.test(body.slice(s.start - 1, s.start))
  return words >= (quoted ? 1 : minWords) ? s : null
}

/** "According to X, CONTENT." and "CONTENT, according to X." */
function accordingTo(body: string, v: SentenceView): QuoteCandidate[] {
  const { toks } = v
  const out: QuoteCandidate[] = []
  for (let i = 0; i < toks.length - 2; i++) {
    if (lower(toks[i]) !== 'according' || lower(toks[i + 1]) !== 'to') continue
    const sp = speakerAfter(toks, i + 2)
    if (!sp) continue
    const cueSpan = { start: toks[i]!.start, end: toks[i + 1]!.end }
    const base = { speaker: span(toks, sp), cue: 'according to', cueSpan, via: null, sentence: v.index }
    // the source phrase runs to the end of the sentence ("a count by The Associated Press.")
    const rest = toks.slice(sp.to).filter((t) => isWordToken(t))
    const endsSentence =
      toks.slice(sp.to).every((t) => t.text !== ',') &&
      rest.length <= 8 &&
      rest.every((t) => !AUX.has(lower(t)) && !SPEECH_VERBS.has(lower(t)))
    if (i === 0 && toks[sp.to]?.text === ',') {
      const content = contentTo(body, v, sp.to + 1, toks.length)
      if (content) out.push({ ...base, content, pattern: 'according-to-leading', confidence: 0.85 })
    } else if (toks[i - 1]?.text === ',' && toks[sp.to]?.text === ',' && isWordToken(toks[sp.to + 1])) {
      // "He crossed the border after, according to him, the network censured his report."
      const before = contentTo(body, v, 0, i - 1, 1)
      const after = contentTo(body, v, sp.to + 1, toks.length, 2)
      if (before && after)
        out.push(extendQuote({ ...base, content: before, pattern: 'according-to-parenthetical', confidence: 0.75 }, after))
    } else if (toks[i - 1]?.text === ',' || (i > 2 && isWordToken(toks[i - 1]) && endsSentence)) {
      // "…, according to X." and, without the comma, "… by 271 delegates according to a count by AP."
      const content = contentTo(body, v, 0, toks[i - 1]?.text === ',' ? i - 1 : i)
      if (content) out.push({ ...base, content, pattern: 'according-to-trailing', confidence: toks[i - 1]?.text === ',' ? 0.85 : 0.7 })
    }
  }
  return out
}

/** Relayed speech: "CONTENT, CCTV quotes Xi as saying." / "..., Xi was quoted as saying by CCTV." / "CCTV quoted Xi as saying CONTENT". */
function relayed(body: string, v: SentenceView): QuoteCandidate[] {
  const { toks } = v
  const out: QuoteCandidate[] = []
  for (let i = 1; i < toks.length; i++) {
    const w = lower(toks[i])
    if (w === 'quotes' || w === 'quoted') {
      if (lower(toks[i - 1]) === 'was' || lower(toks[i - 1]) === 'were') {
        // X was quoted as saying [by SRC]
        const sp = speakerBefore(toks, i - 1)
        if (!sp || lower(toks[i + 1]) !== 'as' || lower(toks[i + 2]) !== 'saying') continue
        const afterSaying = i + 3
        const by = lower(toks[afterSaying]) === 'by' ? speakerAfter(toks, afterSaying + 1) : null
        const cue = { cue: 'was quoted as saying', cueSpan: { start: toks[i - 1]!.start, end: toks[i + 2]!.end } }
        const via = by ? nameHead(body.slice(span(toks, by).start, span(toks, by).end)) : null
        const content =
          toks[sp.from - 1]?.text === ','
            ? contentTo(body, v, 0, sp.from - 1)
            : contentTo(body, v, contentStartAfter(toks, by ? by.to : afterSaying).index, toks.length)
        if (content)
          out.push({ content, speaker: span(toks, sp), ...cue, via, pattern: 'quoted-as-saying', confidence: 0.85, sentence: v.index })
        continue
      }
      // SRC quotes X as saying
      const src = speakerBefore(toks, i)
      const sp = speakerAfter(toks, i + 1)
      if (!src || !sp || lower(toks[sp.to]) !== 'as' || lower(toks[sp.to + 1]) !== 'saying') continue
      const via = nameHead(body.slice(span(toks, src).start, span(toks, src).end))
      const cue = { cue: `${w} ... as saying`, cueSpan: { start: toks[i]!.start, end: toks[sp.to + 1]!.end } }
      const content =
        toks[src.from - 1]?.text === ','
          ? contentTo(body, v, 0, src.from - 1)
          : contentTo(body, v, contentStartAfter(toks, sp.to + 2).index, toks.length)
      if (content)
        out.push({ content, speaker: span(toks, sp), ...cue, via, pattern: 'quotes-as-saying', confidence: 0.85, sentence: v.index })
    }
  }
  return out
}

/** "CONTENT, X said [Wednesday ...]." and "CONTENT, said X." */
function trailing(body: string, v: SentenceView, i: number): QuoteCandidate | null {
  const { toks } = v
  const tail = toks[i + 1]
  // "…, X said: “…”" and "…, X said that …" introduce what follows: not a trailing attribution
  const introduces =
    !!tail && (tail.text === ':' || lower(tail) === 'that' || (OPEN_MARKS.has(tail.text) && !CLOSE_MARKS.has(toks[i - 1]?.text ?? '')))
  // "As improbable as it may seem, Mr. Clarke said the deal …": an introductory phrase is not the content
  const introduced = INTRO_WORDS.has(toks[0]!.text) && !!tail && isWordToken(tail) && !TIME_WORDS.has(tail.text)
  // "…, Graham told The Huffington Post on Thursday." : the audience of "told" may follow it
  const audience = OBJECT_SPEECH_VERBS.has(lower(toks[i])) && tail && isWordToken(tail) ? speakerAfter(toks, i + 1) : null
  const afterAudience = audience ? toks[audience.to] : undefined
  const audienceOnly =
    !!audience &&
    (!afterAudience ||
      !isWordToken(afterAudience) ||
      TRAILING_TAIL_STARTERS.has(lower(afterAudience)) ||
      TIME_WORDS.has(afterAudience.text))
  const tailOk =
    !introduces &&
    !introduced &&
    (audienceOnly ||
      !tail ||
      (!isWordToken(tail) && tail.text !== '(') ||
      TRAILING_TAIL_STARTERS.has(tail.text) ||
      TRAILING_TAIL_STARTERS.has(lower(tail)))
  const cue = { cue: lower(toks[i]), cueSpan: { start: toks[i]!.start, end: toks[i]!.end } }
  // inverted: ", said X" (news English inverts only plain reporting verbs)
  if (INVERTIBLE_VERBS.has(lower(toks[i])) && (toks[i - 1]?.text === ',' || CLOSE_MARKS.has(toks[i - 1]?.text ?? ''))) {
    // "said Smith", "said the spokesman": a name or a determined noun phrase that ends the clause
    const found = speakerAfter(toks, i + 1)
    const after = found ? toks[found.to] : undefined
    const opens =
      found &&
      ((isCapitalised(toks[found.from]!.text) && !PRONOUN_SPEAKERS.has(toks[found.from]!.text)) ||
        DETERMINERS.has(toks[found.from]!.text) ||
        QUANTIFIERS.has(lower(toks[found.from])))
    const lowerWords = found
      ? toks.slice(found.from, found.to).filter((t) => /^\p{Ll}/u.test(t.text) && !DETERMINERS.has(t.text)).length
      : 0
    const closes =
      !after ||
      ['.', ',', ';', '!', '?', ':'].includes(after.text) ||
      CLOSE_MARKS.has(after.text) ||
      ['who', 'in', 'on', 'at', 'during', 'after', 'when', 'told', 'adding'].includes(lower(after)) ||
      TIME_WORDS.has(after.text)
    const sp = found && opens && closes && lowerWords <= 3 && found.to - found.from <= 7 ? found : null
    let comma = i - 1
    while (comma > 0 && (toks[comma]!.text === ',' || CLOSE_MARKS.has(toks[comma]!.text))) comma--
    if (sp && comma > 0) {
      const content = contentTo(body, v, 0, comma + 1, 3)
      if (content)
        return { content, speaker: span(toks, sp), ...cue, via: null, pattern: 'trailing-inverted', confidence: 0.8, sentence: v.index }
    }
  }
  if (!tailOk) return null
  const sp = speakerBefore(toks, i)
  if (!sp) return null
  const before = toks[sp.from - 1]
  if (!before || !(before.text === ',' || CLOSE_MARKS.has(before.text))) return null
  let end = sp.from - 1
  while (end > 0 && (toks[end - 1]!.text === ',' || CLOSE_MARKS.has(toks[end - 1]!.text))) end--
  // "The plan, he said, would fail." / "During his years in office, Mr. Obama said, a majority …":
  // an attribution in the middle of the clause; the words on both sides are the content
  // after ", X said," a clause may go on ("…, he said, replacing Clinton would be …"), or the
  // sentence may only add circumstances (", looking out on the crowd")
  const next = toks[i + 2]
  const finiteAhead = toks.slice(i + 2, i + 12).some((t) => FINITE.has(lower(t)))
  const continues =
    toks[i + 1]?.text === ',' &&
    isWordToken(next) &&
    !PARTICIPLE_CUES.has(lower(next)) &&
    !['adding', 'referring', 'referencing', 'citing', 'according'].includes(lower(next)) &&
    (!/ing$/.test(lower(next)) || finiteAhead) &&
    (!['and', 'but'].includes(lower(next)) || finiteAhead || OPEN_MARKS.has(toks[i + 3]?.text ?? ''))
  const after = continues ? contentTo(body, v, i + 2, clauseEnd(toks, i + 2), 3) : null
  const introOnly = INTRO_WORDS.has(toks[0]!.text)
  if (after && introOnly)
    return { content: after, speaker: span(toks, sp), ...cue, via: null, pattern: 'parenthetical', confidence: 0.75, sentence: v.index }
  // "Asked to describe the device, O'Neill said, “Not going to go into that.”"
  if (introOnly && toks[i + 1]?.text === ',' && OPEN_MARKS.has(next?.text ?? '')) {
    const quoted = contentTo(body, v, i + 2, toks.length, 1)
    if (quoted)
      return { content: quoted, speaker: span(toks, sp), ...cue, via: null, pattern: 'trailing', confidence: 0.85, sentence: v.index }
  }
  const content = contentTo(body, v, 0, end + (CLOSE_MARKS.has(toks[end]?.text ?? '') ? 1 : 0), after ? 1 : 3)
  if (!content) return null
  if (after)
    return extendQuote(
      { content, speaker: span(toks, sp), ...cue, via: null, pattern: 'parenthetical', confidence: 0.75, sentence: v.index },
      after,
    )
  // a quote split by its attribution: '"Part one," X said, "part two."'
  const quote: QuoteCandidate = {
    content,
    speaker: span(toks, sp),
    ...cue,
    via: null,
    pattern: 'trailing',
    confidence: 0.85,
    sentence: v.index,
  }
  const comma = toks.findIndex((t, k) => k > i && k <= i + 8 && t.text === ',')
  if (
    comma > 0 &&
    OPEN_MARKS.has(toks[comma + 1]?.text ?? '') &&
    toks.slice(i + 1, comma).every((t) => isWordToken(t) || t.text === '’s' || t.text === "'s")
  ) {
    const rest = contentTo(body, v, comma + 1, toks.length)
    if (rest) return extendQuote(quote, rest)
  }
  return quote
}

/** "X said (that) CONTENT", "X told reporters that CONTENT", "X denied CONTENT". */
function leading(body: string, v: SentenceView, i: number): QuoteCandidate | null {
  const { toks } = v
  const verb = lower(toks[i])
  // "He’s claiming that …": the contracted "is" of a progressive
  const contracted = (toks[i - 1]?.text === '’s' || toks[i - 1]?.text === "'s") && PROGRESSIVE_CUES.has(verb)
  let sp = speakerBefore(toks, contracted ? i - 1 : i)
  if (sp && !isClauseStart(toks, sp.from)) {
    // "In a March meeting with the Washington Post Trump said that …": with a strong signal after the
    // verb ("that", a quotation), the name right before it is the speaker
    const strong = lower(toks[i + 1]) === 'that' || OPEN_MARKS.has(toks[i + 1]?.text ?? '')
    let from = sp.to
    while (from > sp.from && sp.to - from < 3 && isCapitalised(toks[from - 1]!.text)) from--
    sp = strong && from < sp.to ? { from, to: sp.to } : null
  }
  if (!sp) return null
  // "Rubio was asked by …": the asker speaks (askedBy)
  if (verb === 'asked' && BE_FORMS.has(lower(toks[i - 1])) && lower(toks[i + 1]) === 'by') return null
  let j = i + 1
  // "says of Clinton, “If she …”"
  if (lower(toks[j]) === 'of' && isCapitalised(toks[j + 1]?.text ?? '')) {
    const comma = toks.findIndex((t, k) => k > j && k <= j + 5 && t.text === ',')
    if (comma > 0) j = comma
  }
  if (OBJECT_SPEECH_VERBS.has(verb)) {
    // "told reporters that", "told a meeting of Pacific Island leaders that", "told me, ''We're …''"
    const that = toks.findIndex((t, k) => k > j && k <= j + 10 && lower(t) === 'that')
    const between = that > 0 ? toks.slice(j, that) : []
    const objectThenThat =
      that > 0 &&
      between.every(
        (t) =>
          (isWordToken(t) && !SPEECH_VERBS.has(lower(t)) && !AUX.has(lower(t))) ||
          t.text === '’s' ||
          t.text === "'s" ||
          OPEN_MARKS.has(t.text) ||
          CLOSE_MARKS.has(t.text),
      )
    const obj = speakerAfter(toks, j)
    const objectThenQuote =
      obj && (toks[obj.to]?.text === ',' || toks[obj.to]?.text === ':') && OPEN_MARKS.has(toks[obj.to + 1]?.text ?? '')
    // "urges supporters to monitor polling places": the request is what was said
    const objectThenTo = obj && lower(toks[obj.to]) === 'to' && REQUEST_VERBS.has(verb)
    // "Trump told the forum he was “totally against the war”": object, then a clause with a pronoun subject
    const pronoun = toks.findIndex(
      (t, k) => k > j && k <= j + 6 && /^(he|she|they|it|we|i)$/i.test(t.text) && !PHRASE_BREAKERS.has(lower(toks[k - 1])),
    )
    const objectThenClause =
      pronoun > 0 &&
      toks.slice(j, pronoun).every((t) => isWordToken(t) && !SPEECH_VERBS.has(lower(t)) && !AUX.has(lower(t)) && lower(t) !== 'to') &&
      !!toks[pronoun + 1] &&
      /^[a-z’']+$/.test(toks[pronoun + 1]!.text)
    // "asked, “You think …?”", "asked Sanders whether …", "told me how …"
    const quoteRightAfter = (toks[j]?.text === ',' || toks[j]?.text === ':') && OPEN_MARKS.has(toks[j + 1]?.text ?? '')
    const wh = toks.findIndex((t, k) => k >= j && k <= j + 6 && WH_WORDS.has(lower(t)))
    const objectThenWh = wh >= 0 && toks.slice(j, wh).every((t) => isWordToken(t) && !SPEECH_VERBS.has(lower(t)) && !AUX.has(lower(t)))
    const speaker = sp
    const complementFrom = (from: number, pattern: string, confidence: number): QuoteCandidate | null => {
      const content = contentTo(body, v, from, clauseEnd(toks, from), 3)
      return content
        ? {
            content,
            speaker: span(toks, speaker),
            cue: verb,
            cueSpan: { start: toks[i]!.start, end: toks[i]!.end },
            via: null,
            pattern,
            confidence,
            sentence: v.index,
          }
        : null
    }
    if (!quoteRightAfter) {
      if (objectThenThat) j = that
      else if (objectThenQuote) j = obj.to
      else if (objectThenWh && QUESTION_VERBS.has(verb)) return complementFrom(wh, 'question', 0.7)
      else if (objectThenClause) return complementFrom(pronoun, 'leading', 0.7)
      else if (objectThenTo) return complementFrom(j, 'request', 0.6)
      else if (!(lower(toks[j]) === 'that' || toks[j]?.text === ':')) return null
    }
  }
  // "said to be", "said so": not a report of what was said
  if (lower(toks[j]) === 'to' || lower(toks[j]) === 'so') return null
  const start = contentStartAfter(toks, j)
  // "Twenty-seven states, led by …", "charged fees": words that are nouns or other verbs as often
  // as reporting verbs report only with "that", a colon or a quotation after them
  if (AMBIGUOUS_CUES.has(verb) && !start.hasThat && toks[j]?.text !== ':' && !OPEN_MARKS.has(toks[start.index]?.text ?? '')) return null
  const npContent = NP_CONTENT_VERBS.has(verb)
  if (!start.hasThat && !npContent && toks[j]?.text !== ':' && !OPEN_MARKS.has(toks[start.index]?.text ?? '')) {
    // bare complement: "He said Moscow’s proposals had ..." needs a clause, not "said on Monday."
    const first = toks[start.index]
    // a complement clause opens with its subject, not with a preposition or a verb
    if (
      !first ||
      !isWordToken(first) ||
      [
        'in',
        'on',
        'at',
        'after',
        'before',
        'during',
        'for',
        'with',
        'by',
        'as',
        'of',
        'about',
        'nothing',
        'yes',
        'no',
        'to',
        'from',
        'into',
        'over',
        'under',
        'through',
        'across',
        'around',
        'against',
        'is',
        'are',
        'was',
        'were',
        'has',
        'have',
        'had',
        'will',
        'would',
        'can',
        'could',
        'should',
        'may',
        'might',
        'must',
        'do',
        'does',
        'did',
        'and',
        'or',
        'but',
      ].includes(lower(first))
    )
      return null
  }
  let to = clauseEnd(toks, start.index)
  if (npContent) {
    // "denied plans to invade Ukraine and has blamed ..." ends at the coordinated verb phrase
    const coord = toks.findIndex((t, k) => k > start.index && lower(t) === 'and' && AUX.has(lower(toks[k + 1])))
    if (coord > 0) to = coord
  }
  const content = contentTo(body, v, start.index, to)
  if (!content) return null
  const cue = { cue: verb, cueSpan: { start: toks[i]!.start, end: toks[i]!.end } }
  const confidence = start.hasThat ? 0.8 : npContent ? 0.6 : 0.7
  return { content, speaker: span(toks, sp), ...cue, via: null, pattern: 'leading', confidence, sentence: v.index }
}

/** "Rubio was asked by moderator Gerard Baker whether …" / "…, “…?”": the asker speaks the question. */
function askedBy(body: string, v: SentenceView): QuoteCandidate[] {
  const { toks } = v
  const out: QuoteCandidate[] = []
  for (let i = 1; i < toks.length - 2; i++) {
    if (lower(toks[i]) !== 'asked' || !BE_FORMS.has(lower(toks[i - 1])) || lower(toks[i + 1]) !== 'by') continue
    const asker = speakerAfter(toks, i + 2)
    if (!asker) continue
    let k = asker.to
    // "host Bill Maher, who is supporting Sanders, …": skip a relative clause between commas
    if (toks[k]?.text === ',' && lower(toks[k + 1]) === 'who') {
      const close = toks.findIndex((t, n) => n > k + 1 && t.text === ',')
      if (close > 0) k = close
    }
    const start = toks[k]?.text === ',' || toks[k]?.text === ':' ? k + 1 : k
    if (!(OPEN_MARKS.has(toks[start]?.text ?? '') || WH_WORDS.has(lower(toks[start])))) continue
    const content = contentTo(body, v, start, toks.length, 2)
    if (content)
      out.push({
        content,
        speaker: span(toks, asker),
        cue: 'asked',
        cueSpan: { start: toks[i - 1]!.start, end: toks[i]!.end },
        via: null,
        pattern: 'asked-by',
        confidence: 0.7,
        sentence: v.index,
      })
  }
  return out
}

/** Multi-word cues ending in "saying": "issued a statement saying", "with X saying", "responded by saying". */
function sayingPhrase(body: string, v: SentenceView, i: number): QuoteCandidate | null {
  const { toks } = v
  let cueFrom = i
  let speakerEnd = i
  const w1 = lower(toks[i - 1])
  if (w1 === 'statement' && lower(toks[i - 2]) === 'a') {
    cueFrom = i - 3 // issued/released a statement saying
    speakerEnd = cueFrom
  } else if (w1 === 'by') {
    cueFrom = i - 2 // responded by saying
    speakerEnd = cueFrom
  }
  let sp = speakerBefore(toks, speakerEnd)
  // "… and began by saying he would …", "… for saying that …": the sentence's subject said it
  if ((!sp || !isClauseStart(toks, sp.from)) && ['by', 'for', 'from'].includes(w1)) {
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
}

/** The name in a described source: "Chinese state broadcaster CCTV" relays as "CCTV". */
export function nameHead(np: string): string {
  const m = np.match(/^(?:[\p{L}’'-]+ )*?\p{Ll}[\p{L}-]* ((?:\p{Lu}[\p{L}.&’'-]*\s?)+)$/u)
  return m ? m[1]!.trim() : np
}

/** End of a reported clause: the sentence end, or a participle that attaches more speech (", arguing that …"). */
function clauseEnd(toks: Token[], from: number): number {
  // ", arguing that …" or "… and said she would …": more speech attached to the same subject
  const k = toks.findIndex(
    (t, i) =>
      i > from + 2 &&
      ((t.text === ',' &&
        (PARTICIPLE_CUES.has(lower(toks[i + 1])) ||
          (CLOSE_MARKS.has(toks[i + 1]?.text ?? '') && PARTICIPLE_CUES.has(lower(toks[i + 2]))))) ||
        (lower(t) === 'and' && SPEECH_VERBS.has(lower(toks[i + 1])) && toks[i - 1]?.text !== ',') ||
        // "… more intense — and he noted that …"
        ((t.text === '—' || t.text === ';') &&
          lower(toks[i + 1]) === 'and' &&
          toks.slice(i + 2, i + 5).some((x) => SPEECH_VERBS.has(lower(x))))),
  )
  return k > 0 ? k : toks.length
}

/** "… and says he will expand the armed forces": a second reporting verb of the same subject. */
function coordinated(body: string, v: SentenceView, i: number, found: QuoteCandidate[]): QuoteCandidate | null {
  const { toks } = v
  if (lower(toks[i - 1]) !== 'and' || !SPEECH_VERBS.has(lower(toks[i]))) return null
  const start = contentStartAfter(toks, i + 1)
  const first = toks[start.index]
  if (
    !first ||
    (!start.hasThat &&
      (!isWordToken(first) || AUX.has(lower(first)) || ['to', 'in', 'on', 'at', 'for', 'of', 'with'].includes(lower(first))))
  )
    return null
  const content = contentTo(body, v, start.index, clauseEnd(toks, start.index), 3)
  if (!content) return null
  const earlier = found.filter((q) => q.speaker && q.content.start <= toks[i]!.start).at(-1)
  const subject =
    earlier?.speaker ??
    (() => {
      const r = sentenceSubject(toks, i)
      return r ? span(toks, r) : null
    })()
  if (!subject) return null
  return {
    content,
    speaker: subject,
    cue: lower(toks[i]),
    cueSpan: { start: toks[i]!.start, end: toks[i]!.end },
    via: null,
    pattern: 'coordinated',
    confidence: 0.65,
    sentence: v.index,
  }
}

const PARTICIPLE_CUES = new Set([
  'saying',
  'adding',
  'noting',
  'arguing',
  'insisting',
  'explaining',
  'claiming',
  'warning',
  'stressing',
  'suggesting',
  'declaring',
  'asserting',
  'acknowledging',
  'conceding',
  'telling',
  'writing',
  'tweeting',
  'recalling',
  'emphasizing',
  'emphasising',
  'promising',
  'vowing',
  'predicting',
])

/** Subject of the sentence: its opening noun phrase, before the first verb ("Rival Hillary Clinton had mocked …"). */
function sentenceSubject(toks: Token[], before: number): { from: number; to: number } | null {
  let k = 0
  // skip an opening adverbial ("In one tweet Friday, ")
  const comma = toks.findIndex((t, i) => i < before && t.text === ',')
  if (comma > 0 && comma < 8 && /^(In|On|At|After|Before|During|Earlier|Later|Last|This|Speaking|Asked|Later)$/.test(toks[0]!.text))
    k = comma + 1
  const from = k
  while (
    k < before &&
    k - from < 10 &&
    (isCapitalised(toks[k]!.text) ||
      DETERMINERS.has(toks[k]!.text) ||
      toks[k]!.text === '’s' ||
      toks[k]!.text === "'s" ||
      (k > from &&
        /^[a-z-]+$/.test(toks[k]!.text) &&
        !AUX.has(lower(toks[k])) &&
        !SPEECH_VERBS.has(lower(toks[k])) &&
        !/(ed|ing)$/.test(toks[k]!.text) &&
        !PHRASE_BREAKERS.has(lower(toks[k]))))
  )
    k++
  return k > from && toks.slice(from, k).some((t) => /^\p{L}/u.test(t.text)) ? { from, to: k } : null
}

/** ", saying CONTENT", ", adding that CONTENT": speech attached to the sentence's subject (or its quote's speaker). */
function participleClause(body: string, v: SentenceView, i: number, found: QuoteCandidate[]): QuoteCandidate | null {
  const { toks } = v
  if (!PARTICIPLE_CUES.has(lower(toks[i])) || toks[i - 1]?.text !== ',') return null
  let j = i + 1
  if (lower(toks[i]) === 'telling') {
    const that = toks.findIndex((t, k) => k > j && k <= j + 8 && lower(t) === 'that')
    if (that < 0) return null
    j = that
  }
  const start = contentStartAfter(toks, j)
  if (
    !start.hasThat &&
    !OPEN_MARKS.has(toks[start.index]?.text ?? '') &&
    !OPEN_MARKS.has(toks[j]?.text ?? '') &&
    lower(toks[i]) !== 'saying'
  )
    return null
  const content = contentTo(body, v, start.index, toks.length)
  if (!content) return null
  const earlier = found.filter((q) => q.speaker && q.content.end <= toks[i]!.start).at(-1)
  const subject =
    earlier?.speaker ??
    (() => {
      const r = sentenceSubject(toks, i)
      return r ? span(toks, r) : null
    })()
  if (!subject) return null
  return {
    content,
    speaker: subject,
    cue: lower(toks[i]),
    cueSpan: { start: toks[i]!.start, end: toks[i]!.end },
    via: null,
    pattern: 'participle',
    confidence: 0.7,
    sentence: v.index,
  }
}

/** "Said Ellis: “I don’t get the sense …”": a sentence that opens with the inverted attribution. */
function openingInversion(body: string, v: SentenceView): QuoteCandidate | null {
  const { toks } = v
  if (!/^(Said|Says|Added|Asked|Wrote)$/.test(toks[0]?.text ?? '')) return null
  const sp = speakerAfter(toks, 1)
  if (!sp || !/^[:,]$/.test(toks[sp.to]?.text ?? '')) return null
  const content = contentTo(body, v, sp.to + 1, toks.length, 2)
  if (!content) return null
  return {
    content,
    speaker: span(toks, sp),
    cue: lower(toks[0]),
    cueSpan: { start: toks[0]!.start, end: toks[0]!.end },
    via: null,
    pattern: 'opening-inversion',
    confidence: 0.8,
    sentence: v.index,
  }
}

/**
 * "PENCE: Well, look, …", "Pat Caddell: Democrat Voters Worried …": a name and a colon opening a
 * paragraph attribute the rest of it (transcripts, headlines).
 */
function colonAttribution(body: string, v: SentenceView): QuoteCandidate | null {
  const { toks, sentence } = v
  const paragraphStart = v.index === 0 || v.previousParagraph !== sentence.paragraph
  if (!paragraphStart) return null
  let k = OPEN_MARKS.has(toks[0]?.text ?? '') ? 1 : 0
  const from = k
  while (k < toks.length && k - from < 5 && (isCapitalised(toks[k]!.text) || PARTICLES_IN_NAMES.has(toks[k]!.text))) k++
  if (k === from || toks[k]?.text !== ':' || DETERMINERS.has(toks[from]!.text) || NOT_SPEAKER_LABELS.has(toks[from]!.text)) return null
  const first = contentTo(body, v, k + 1, toks.length, 3)
  if (!first) return null
  const content = v.paragraphEnd ? trimContent(body, { start: first.start, end: v.paragraphEnd }) : first
  return {
    content,
    speaker: span(toks, { from, to: k }),
    cue: ':',
    cueSpan: { start: toks[k]!.start, end: toks[k]!.end },
    via: null,
    pattern: 'colon',
    confidence: 0.6,
    sentence: v.index,
  }
}

/** Labels that open a paragraph with a colon but are no one's words ("Correction: …"). */
const NOT_SPEAKER_LABELS = new Set([
  'Correction',
  'Corrections',
  'Update',
  'Updated',
  'Note',
  'Editor',
  'Related',
  'Photo',
  'Photos',
  'Source',
  'Sources',
  'Read',
  'Watch',
  'Listen',
  'Video',
  'Disclosure',
  'Clarification',
  'Background',
  'Credit',
  'Caption',
  'Advertisement',
  'Subscribe',
  'Contact',
  'Email',
  'Tags',
  'Topics',
  'Follow',
  'See',
  'Also',
  'Previously',
  'Warning',
  'Spoiler',
  'Transcript',
  'Results',
  'Scores',
  'Standings',
  'Table',
  'Attendance',
])

const PARTICLES_IN_NAMES = new Set(['de', 'van', 'von', 'al', 'bin', 'da'])

const CLAIM_NOUNS = new Set([
  'claim',
  'claims',
  'assertion',
  'statement',
  'argument',
  'warning',
  'promise',
  'pledge',
  'suggestion',
  'insistence',
  'contention',
  'allegation',
  'accusation',
  'admission',
  'remark',
  'remarks',
  'comment',
  'comments',
  'vow',
  'prediction',
  'denial',
])

/** "Donald Trump’s claim that CONTENT": speech reported through a noun, its speaker the possessor. */
function possessiveClaim(body: string, v: SentenceView, i: number): QuoteCandidate | null {
  const { toks } = v
  if (!CLAIM_NOUNS.has(lower(toks[i])) || lower(toks[i + 1]) !== 'that') return null
  const possessive = toks[i - 1]?.text === '’s' || toks[i - 1]?.text === "'s" ? i - 1 : -1
  if (possessive < 1) return null
  const from = nounPhraseStart(toks, possessive)
  if (from === possessive) return null
  const content = contentTo(body, v, i + 2, clauseEnd(toks, i + 2), 3)
  if (!content) return null
  return {
    content,
    speaker: span(toks, { from, to: possessive }),
    cue: lower(toks[i]),
    cueSpan: { start: toks[i]!.start, end: toks[i]!.end },
    via: null,
    pattern: 'claim-noun',
    confidence: 0.55,
    sentence: v.index,
  }
}

const inside = (a: Span, b: Span) => a.start >= b.start && a.end <= b.end

/** Reported speech whose content itself opens with "X said ..." is relayed: "CCTV reported that Xi said ...". */
function unwrapRelay(body: string, q: QuoteCandidate, inner: QuoteCandidate[]): QuoteCandidate {
  if (q.cue !== 'reported' && q.cue !== 'reports') return q
  const relayedQ = inner.find((r) => r.speaker && r.speaker.start === q.content.start)
  if (!relayedQ) return q
  return {
    ...relayedQ,
    via: nameHead(body.slice(q.speaker!.start, q.speaker!.end)),
    confidence: Math.min(q.confidence, relayedQ.confidence),
  }
}

/** Every attributed quote in one sentence: outer attributions, relays, and nested speech. */
export function findSentenceQuotes(body: string, v: SentenceView): QuoteCandidate[] {
  const colon = openingInversion(body, v) ?? colonAttribution(body, v)
  const found: QuoteCandidate[] = [...accordingTo(body, v), ...relayed(body, v), ...askedBy(body, v), ...(colon ? [colon] : [])]
  const taken = (s: Span) => found.some((q) => overlaps(q.content, s) || (q.cueSpan && overlaps(q.cueSpan, s)))
  const candidates: QuoteCandidate[] = []
  v.toks.forEach((t, i) => {
    const w = lower(t)
    const claim = possessiveClaim(body, v, i)
    if (claim) {
      candidates.push(claim)
      return
    }
    const progressive = PROGRESSIVE_CUES.has(w) && BE_FORMS.has(lower(v.toks[i - 1]))
    if (w === 'saying' && !progressive) {
      const q = sayingPhrase(body, v, i)
      if (q) candidates.push(q)
      return
    }
    // headlines write "…, Lindsey Graham Says"
    const headlineCue = (t.text === 'Says' || t.text === 'Said') && i > 0
    if ((!SPEECH_VERBS.has(w) && !progressive) || (isCapitalised(t.text) && !headlineCue)) return
    const q = trailing(body, v, i) ?? leading(body, v, i)
    if (q) candidates.push(q)
  })
  // trailing attributions frame the whole sentence, so they go first; then longest content first,
  // so that speech reported inside another quote is seen as nested
  const rank = (q: QuoteCandidate) => (q.pattern.startsWith('trailing') ? 0 : 1)
  candidates.sort((a, b) => rank(a) - rank(b) || b.content.end - b.content.start - (a.content.end - a.content.start))
  for (const q of candidates) {
    if (q.cueSpan && taken(q.cueSpan)) {
      const outer = found.find((o) => q.cueSpan && inside(q.cueSpan, o.content))
      const explicitSpeech = /^(said|says|saying|by saying)$|saying$/.test(q.cue)
      if (!outer || !explicitSpeech || found.some((f) => f !== outer && overlaps(f.content, q.content))) continue
      const i = found.indexOf(outer)
      const unwrapped = unwrapRelay(body, outer, [q])
      if (unwrapped !== outer) {
        found[i] = unwrapped
        continue
      }
      const content = { start: q.content.start, end: Math.min(q.content.end, outer.content.end) }
      found.push({ ...q, content, confidence: q.confidence - 0.1, pattern: `${q.pattern}-nested` })
      continue
    }
    if (!found.some((f) => overlaps(f.content, q.content))) found.push(q)
  }
  v.toks.forEach((_, i) => {
    const q = participleClause(body, v, i, found) ?? coordinated(body, v, i, found)
    if (q && !found.some((f) => overlaps(f.content, q.content))) found.push(q)
  })
  return found
}

/** Attributed quotes of every sentence. */
export function findQuotes(body: string, sentences: Sentence[], tokens: Token[]): QuoteCandidate[] {
  const bySentence = sentences.map(() => [] as Token[])
  for (const t of tokens) bySentence[t.sentence]!.push(t)
  const paragraphEnds = new Map<number, number>()
  for (const s of sentences) paragraphEnds.set(s.paragraph, s.end)
  return sentences.flatMap((sentence, index) =>
    findSentenceQuotes(body, {
      toks: bySentence[index]!,
      sentence,
      index,
      previousParagraph: sentences[index - 1]?.paragraph,
      paragraphEnd: paragraphEnds.get(sentence.paragraph),
    }),
  )
}
