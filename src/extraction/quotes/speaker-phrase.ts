import { DETERMINERS, GIVEN_NAMES, PHRASE_BREAKERS, SPEECH_VERBS } from '../lexicon/index.js'
import { SURNAMES } from '../lexicon/surnames.js'
import {
  APPROXIMATORS,
  AUX,
  CLAUSE_OPENERS,
  CLOSE_MARKS,
  FINITE,
  IRREGULAR_PAST,
  NP_PREPOSITIONS,
  NUMBER_WORDS,
  OBJECT_PRONOUNS,
  OPEN_MARKS,
  POSTMODIFIER_OPENERS,
  PRONOUN_SPEAKERS,
  SHARE_WORDS,
  SUBJECT_INTRO_WORDS,
  SURVEY_PARTICIPLES,
  TIME_WORDS,
  WH_WORDS,
} from '../lexicon/quote-words.js'
import { isCapitalised } from '../stages/tokenize.js'
import { isClauseStart } from './content-span.js'
import type { Span, Token } from '../types.js'
import { lower, isWordToken, span } from './tokens.js'
import type { QuoteCandidate } from './types.js'

/** Dashes that set off an apposition ("Jo Lee — a teacher from Reno — said"). */
const APPOSITION_DASHES = new Set(['—', '–', '--'])

/** A number as a word or in digits, hyphenated too ("four", "10", "Thirty-one", "40%"). */
const isNumber = (t: Token | undefined) =>
  !!t &&
  (/^\d[\d.,]*%?$/.test(t.text) ||
    lower(t)
      .split('-')
      .every((w) => NUMBER_WORDS.has(w)))

/** A token range from..to (exclusive). */
export interface TokenRange {
  from: number
  to: number
}

/** Start of the core noun phrase ending before token `to` ("Putin’s foreign affairs adviser Yuri Ushakov"). */
export function nounPhraseStart(toks: Token[], to: number): number {
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
    // a hyphen written inside a word ("26-year-old", split by the tokenizer) joins it
    const before = toks[from - 2]
    if (t.text === '-' && before && toks[from] && before.end === t.start && t.end === toks[from]!.start && isWordToken(before)) {
      from--
      continue
    }
    // poll shares: "four in 10 voters", "About half of voters", "more than 4 in 10", "at least 60 percent"
    if (lw === 'in' && words > 0 && isNumber(toks[from]) && isNumber(before)) {
      from--
      continue
    }
    if (lw === 'of' && words > 0 && (SHARE_WORDS.has(lower(before)) || isNumber(before)) && isWordToken(toks[from])) {
      from--
      continue
    }
    if (isNumber(toks[from]) && (APPROXIMATORS.has(lw) || (lw === 'than' && /^(more|fewer|less)$/i.test(before?.text ?? '')))) {
      from -= lw === 'than' ? 2 : 1
      break
    }
    if (isNumber(toks[from]) && lw === 'least' && lower(before) === 'at') {
      from -= 2
      break
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
    // "those surveyed said": a survey's participle closes its head
    const surveyed = words === 0 && SURVEY_PARTICIPLES.has(lw) && DETERMINERS.has(toks[from - 2]?.text ?? '')
    // "A teary-eyed Bush": the participle of a hyphenated adjective is no verb
    const hyphenated = lw.includes('-') || (toks[from - 2]?.text === '-' && toks[from - 2]!.end === t.start)
    if (!isCapitalised(t.text) && /(ed|ing)$/.test(lw) && !/(eed|ling)$/.test(lw) && !surveyed && !hyphenated) break
    from--
    words++
  }
  return from
}

/** Index of the "(" that opens the parenthesis closing just before token `to`, else `to`. */
function parenthesisOpen(toks: Token[], to: number): number {
  const from = Math.max(0, to - 10)
  const open = toks
    .slice(from, to)
    .map((t) => t.text)
    .lastIndexOf('(')
  return open >= 0 ? from + open : to
}

/**
 * The speaker noun phrase ending just before token `i` ("Putin’s foreign affairs adviser Yuri
 * Ushakov", "The US, Canada, Australia and Britain", "He"), skipping auxiliaries and adverbs
 * ("has also", ", meanwhile,"), and taking in a parenthesis ("Sen. David Perdue (R-Ga.)") or an
 * apposition between commas ("Richard Revesz, director of the institute,"). Null when none.
 */
export function speakerBefore(toks: Token[], i: number): TokenRange | null {
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
    // "Priebus later Thursday told", "Smith on Monday said": a time between the subject and its verb
    if (prev && TIME_WORDS.has(prev.text) && /^\p{Lu}/u.test(prev.text) && to - 1 > 0) {
      const before = toks[to - 2]!
      to -= ['on', 'later', 'earlier', 'late', 'early'].includes(before.text) ? 2 : 1
      continue
    }
    break
  }
  // "(R-Ga.)" belongs to the name before it, also when a comma follows it ("Sen. Jo Reed (D-R.I.), said")
  if (toks[to - 1]?.text === ',' && toks[to - 2]?.text === ')' && parenthesisOpen(toks, to - 1) < to - 1) to--
  const end = toks[to - 1]?.text === ')' ? parenthesisOpen(toks, to) : to
  // "NAME, apposition," or "NAME — apposition —" before the verb: the name is the speaker, the
  // apposition describes it. An apposition may hold commas of its own ("Jo Lee, 21, a student from
  // Reno, Nevada, said"), so while the nearest noun phrase is a description ("a student from Reno")
  // earlier separators are tried: the first phrase that starts with a name wins, else the nearest
  const separator = toks[end - 1]?.text
  if (separator === ',' || (separator !== undefined && APPOSITION_DASHES.has(separator))) {
    let nearest: TokenRange | null = null
    for (let k = end - 2; k > 0 && end - k < 40; k--) {
      const t = toks[k]!
      if (t.text !== ',' && !APPOSITION_DASHES.has(t.text)) continue
      if (separator !== ',' && t.text !== separator) continue
      // the apposition may describe ("director of the institute"), name ("Phil Lovas") or place ("Democrat of California")
      const segment = toks.slice(k + 1, end - 1)
      if (segment.some((s) => SPEECH_VERBS.has(lower(s)) || OPEN_MARKS.has(s.text) || CLOSE_MARKS.has(s.text))) break
      // "Sen. Tom Baker (R-Ohio), another veteran, said": the parenthesis belongs to the name
      const nameEnd = toks[k - 1]?.text === ')' ? parenthesisOpen(toks, k) : k
      const core = nounPhraseStart(toks, nameEnd)
      const named = core < nameEnd && toks.slice(core, nameEnd).some((s) => isCapitalised(s.text))
      if (!named) continue
      // a subject opens its clause: in "Jo Lee, 34, of Leeds, England, said" the phrase "Leeds"
      // follows "of" and is part of the apposition, the name before it is the subject
      if (!isClauseStart(toks, core)) continue
      const startsWithName = isCapitalised(toks[core]!.text) && !DETERMINERS.has(toks[core]!.text)
      if (startsWithName) return { from: core, to: end - 1 }
      nearest ??= { from: core, to: end - 1 }
    }
    if (nearest) return nearest
    // "One pastor backing the senator, Jo Whiting of Grace Church, said": a description, then the name
    const comma = toks
      .slice(Math.max(0, end - 12), end - 1)
      .map((t) => t.text)
      .lastIndexOf(',')
    const nameFrom = comma >= 0 ? Math.max(0, end - 12) + comma + 1 : -1
    const name = nameFrom >= 0 ? toks.slice(nameFrom, end - 1) : []
    const namedSegment =
      name.length > 0 &&
      isCapitalised(name[0]!.text) &&
      !DETERMINERS.has(name[0]!.text) &&
      !PRONOUN_SPEAKERS.has(name[0]!.text) &&
      isCapitalised(name[1]?.text ?? '') &&
      name.every((t) => isWordToken(t) || t.text === '.') &&
      !name.some((t) => SPEECH_VERBS.has(lower(t)) || AUX.has(lower(t)))
    return namedSegment ? { from: nameFrom, to: end - 1 } : null
  }
  const from = nounPhraseStart(toks, end)
  if (from === end) return null
  // a noun phrase needs a head that can speak: a name, a pronoun or a noun (not a bare adjective or number)
  const head = toks[end - 1]!
  // a poll share may end in a number ("more than 4 in 10 said")
  const share = isNumber(head) && lower(toks[end - 2]) === 'in' && isNumber(toks[end - 3])
  if ((!/^\p{L}/u.test(head.text) && !share) || TIME_WORDS.has(head.text)) return null
  return { from, to: to === end ? end : to }
}

/**
 * A subject described by what follows its head, from the start of its clause to the verb at `i`:
 * "People briefed on the talks say", "A person familiar with the plan says", "Friends of Mr. Lee
 * who have seen him say", "Thirty-one percent of those surveyed say". News English names unnamed
 * sources and groups this way; the head is a short noun phrase, the postmodifier opens with a
 * preposition, an adjective like "familiar", a participle ("briefed") or "who", and holds no
 * verb of its own outside a relative clause. Null when the words before the verb are not so.
 */
export function postmodifiedSubject(toks: Token[], i: number): TokenRange | null {
  let to = i
  while (to > 0 && (AUX.has(lower(toks[to - 1])) || /^[a-z]+ly$/.test(toks[to - 1]!.text))) to--
  let from = to
  while (from > 0 && to - from < 18) {
    const t = toks[from - 1]!
    if (/^[,;:—–(]$/.test(t.text) || OPEN_MARKS.has(t.text) || CLOSE_MARKS.has(t.text)) break
    if (CLAUSE_OPENERS.has(lower(t)) || lower(t) === 'that') break
    from--
  }
  if (to - from < 3 || to - from >= 18) return null
  const participle = (t: Token) => /^[a-z]+ed$/.test(t.text) && !/eed$/.test(t.text)
  const opener = toks.findIndex((t, k) => k > from && k < to && (POSTMODIFIER_OPENERS.has(lower(t)) || participle(t)))
  if (opener < 0 || opener - from > 5) return null
  const head = toks.slice(from, opener)
  const rest = toks.slice(opener, to)
  const wordLike = (t: Token) => isWordToken(t) || t.text === '-' || t.text === '’s' || t.text === "'s" || t.text === '%'
  if (!head.every(wordLike) || !rest.every((t) => wordLike(t) || t.text === '.')) return null
  // the head is a noun phrase: no verb, gerund or adverb ("Her campaign quickly blasted out …")
  if (head.some((t) => PHRASE_BREAKERS.has(lower(t)) || SPEECH_VERBS.has(lower(t)) || /^[a-z]+(ed|ing|ly)$/.test(t.text))) return null
  // a participle modifies the head only before a preposition or at the end ("briefed on", "those surveyed"), not "tried to"
  const after = lower(toks[opener + 1])
  // or a day ("A report published Wednesday says")
  if (
    participle(toks[opener]!) &&
    opener + 1 < to &&
    !/^(on|in|at|by|for|about|with|from)$/.test(after) &&
    !TIME_WORDS.has(toks[opener + 1]!.text)
  )
    return null
  // "Aides to Clinton", "close to the campaign", not "to calm"; "two of whom" is no subject
  if (lower(toks[opener]) === 'to' && !(isCapitalised(toks[opener + 1]?.text ?? '') || DETERMINERS.has(toks[opener + 1]?.text ?? '')))
    return null
  if (rest.some((t) => /^(whom|which|whose)$/.test(lower(t)))) return null
  if (PRONOUN_SPEAKERS.has(head[0]!.text)) return null
  // a verb after the head belongs to a relative clause ("who have seen him"), else the phrase is a clause
  const relative = rest.findIndex((t) => lower(t) === 'who')
  const verbAt = rest.findIndex((t) => SPEECH_VERBS.has(lower(t)) || FINITE.has(lower(t)) || AUX.has(lower(t)))
  if (verbAt >= 0 && (relative < 0 || verbAt < relative)) return null
  if (rest.slice(relative + 1).some((t) => SPEECH_VERBS.has(lower(t)))) return null
  return { from, to }
}

/** The speaker noun phrase starting at token `i` ("said Smith", "said the company's chief executive"). */
export function speakerAfter(toks: Token[], i: number): TokenRange | null {
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

/** Subject of the sentence: its opening noun phrase, before the first verb ("Rival Hillary Clinton had mocked …"). */
export function sentenceSubject(toks: Token[], before: number): TokenRange | null {
  let k = 0
  // an opening conjunction ("But a few days later, …")
  if (/^(?:But|And|Yet|So)$/.test(toks[0]?.text ?? '')) k = 1
  // skip an opening adverbial ("In one tweet Friday, ", "Hastily politicizing the tragedy, ")
  const comma = toks.findIndex((t, i) => i > k && i < before && t.text === ',')
  const opener = toks[k]?.text ?? ''
  // an adverb or participle that is no name ("Hastily politicizing …", not "Kelly responded …")
  const participial =
    /^\p{Lu}\p{Ll}+(?:ly|ing)$/u.test(opener) &&
    !GIVEN_NAMES.has(opener) &&
    !SURNAMES.has(opener) &&
    /^\p{Ll}/u.test(toks[k + 1]?.text ?? '') &&
    !AUX.has(lower(toks[k + 1])) &&
    !SPEECH_VERBS.has(lower(toks[k + 1]))
  const adverbial = SUBJECT_INTRO_WORDS.has(opener) || participial
  if (comma > 0 && comma - k < (SUBJECT_INTRO_WORDS.has(opener) ? 8 : 16) && adverbial) k = comma + 1
  // "A few minutes later they …", "Two days later, Trump …": a time before the subject
  const later = /^(?:a|A|few|several|two|three|four|five|\d+|minutes|hours|days|weeks|months|years|few|moments?)$/
  let t = k
  while (t < before && t - k < 4 && later.test(toks[t]!.text)) t++
  if (t > k && /^(?:later|earlier|ago)$/.test(toks[t]?.text ?? '')) k = toks[t + 1]?.text === ',' ? t + 2 : t + 1
  const from = k
  if (PRONOUN_SPEAKERS.has(toks[k]?.text ?? '') && k < before) return { from, to: k + 1 }
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
        !IRREGULAR_PAST.has(lower(toks[k])) &&
        !FINITE.has(lower(toks[k])) &&
        !/(ed|ing)$/.test(toks[k]!.text) &&
        !PHRASE_BREAKERS.has(lower(toks[k]))))
  )
    k++
  // "Trump cast the blame …": after a name, lower-case words holding a determiner are its verb and object
  const lastName = toks.slice(from, k).findLastIndex((t) => isCapitalised(t.text) && !DETERMINERS.has(t.text))
  const tail = toks.slice(from + lastName + 1, k)
  // ("Now the firm employs …": a determiner right after the capital opens the noun phrase instead)
  if (
    lastName >= 0 &&
    tail.length > 1 &&
    !DETERMINERS.has(tail[0]!.text) &&
    tail.some((t) => DETERMINERS.has(t.text) || OBJECT_PRONOUNS.has(lower(t)))
  )
    k = from + lastName + 1
  return k > from && toks.slice(from, k).some((t) => /^\p{L}/u.test(t.text)) ? { from, to: k } : null
}

/** The name in a described source: "Chinese state broadcaster CCTV" relays as "CCTV". */
export function nameHead(np: string): string {
  const m = np.match(/^(?:[\p{L}’'-]+ )*?\p{Ll}[\p{L}-]* ((?:\p{Lu}[\p{L}.&’'-]*\s?)+)$/u)
  return m ? m[1]!.trim() : np
}

/**
 * Who speaks in an attached clause ("…, adding that", "… and said"): the speaker of the latest
 * quote already found before it, else the subject of the sentence before token `i`.
 */
export function runningSpeaker(
  found: readonly QuoteCandidate[],
  toks: Token[],
  i: number,
  isBefore: (q: QuoteCandidate) => boolean,
): Span | null {
  const earlier = found.filter((q) => q.speaker && isBefore(q)).at(-1)
  if (earlier?.speaker) return earlier.speaker
  const subject = sentenceSubject(toks, i)
  return subject ? span(toks, subject) : null
}
