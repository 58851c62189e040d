import { ABBREVIATIONS, GIVEN_NAMES } from '../lexicon/index.js'
import type { Sentence } from '../types.js'
import { findDateline } from './find-dateline.js'

/** Words that often open a sentence and never are a surname after initials. */
const SENTENCE_STARTERS = new Set(
  'The A An He She It They We I You But And Or So In On At As After Before For If When While This That These Those There His Her Its Their Our Mr Mrs Ms Dr Some Many Most All Other Both Yet Then Now Also However Meanwhile Since Although Though Because What Who Why How Where Under Over Last Next No One Two Three'.split(
    ' ',
  ),
)
const OPENING_QUOTES = new Set(['“', '"', '‘'])
const CLOSING_QUOTES = new Set(['”', '"', '’'])

/** Paragraphs are separated by line breaks; offsets are kept. */
export function splitParagraphs(body: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  const re = /[^\r\n]+/g
  for (const m of body.matchAll(re)) {
    const text = m[0]
    const lead = text.length - text.trimStart().length
    const trail = text.length - text.trimEnd().length
    if (text.trim()) out.push({ start: m.index + lead, end: m.index + text.length - trail })
  }
  return out
}

function wordBefore(text: string, i: number): string {
  let j = i
  while (j > 0 && /[\p{L}\p{N}.'’-]/u.test(text[j - 1]!)) j--
  return text.slice(j, i)
}

/**
 * Whether the period at `i` ends a sentence. Not after an abbreviation ("Mr.", "U.S."), an initial
 * ("John F. Kennedy"), or a given name directly followed by a capitalised word: a given name
 * almost never ends a sentence, so "Alexei. Navalny." is a name with a stray period.
 */
function periodEndsSentence(text: string, i: number, nextWord: string): boolean {
  const word = wordBefore(text, i)
  const bare = word.replace(/\.$/, '')
  if (ABBREVIATIONS.has(bare) || ABBREVIATIONS.has(word)) return false
  if (/^\p{Lu}$/u.test(bare)) return false
  if (/^(\p{L}\.)+\p{L}$/u.test(bare)) {
    if (!/^\p{Lu}/u.test(nextWord)) return false
    // a person's initials before the surname ("P.W. Botha", "W.N.F. Chandraratne") end no sentence
    return !(/^(\p{Lu}\.){1,3}\p{Lu}$/u.test(bare) && /^\p{Lu}\p{Ll}/u.test(nextWord) && !SENTENCE_STARTERS.has(nextWord))
  }
  if (
    GIVEN_NAMES.has(bare) &&
    !/\p{Lu}[\p{L}.'’-]*\s+$/u.test(text.slice(0, i - word.length)) &&
    /^\p{Lu}\p{Ll}+/u.test(nextWord) &&
    !/^(He|She|It|They|We|I|The|But|And)$/.test(nextWord)
  )
    return false
  return true
}

/** The closing quotation mark right after the end punctuation at `i` (before `j`). */
const closedByMark = (text: string, i: number, j: number) => /[”"]|''/.test(text.slice(i + 1, j))

/**
 * A clause that only attributes the quotation before it and ends the sentence: a name of up to four
 * capitalised words or "the" and up to four words, a reporting verb, then at most a short tail
 * ("at a press conference", "on Twitter", "told ABC News") up to the end of the sentence; or any
 * past-tense verb that ends it ("Hannity pressed.", "Trump fumed."): in that slot, a manner of saying.
 */
const ATTRIBUTION_CLAUSE =
  /^(?:(?:\p{Lu}[\p{L}.'’-]*\s+){1,4}|[Tt]he\s+(?:[\p{L}’'-]+\s+){1,4})(?:(?:said|says|asked|asks|wrote|writes|added|adds|replied|told|tweeted|recalled|explained|continued|insisted|shouted|yelled|declared)(?:\s+(?:at|in|on|during|after|to|of|told|via|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|earlier|later|last|this)\b[^.!?“”"\n]{0,60}|\s+(?:\p{Lu}[\p{L}.'’-]*\s*){1,4})?|\p{Ll}{3,}ed)(?:[.!?](?=\s|$)|\s*$)/u

/**
 * Splits the body into sentences, never inside a quotation that closes in the same paragraph, so a
 * multi-sentence quote stays with its attribution.
 */
export function splitSentences(body: string): Sentence[] {
  const sentences: Sentence[] = []
  splitParagraphs(body).forEach((para, paragraph) => {
    // a dateline ("MOSCOW (AP) —") opens the story but is not part of its first sentence
    const dateline = paragraph === 0 ? (findDateline(body.slice(para.start, para.end))?.length ?? 0) : 0
    const p = { start: para.start + dateline, end: para.end }
    const text = body.slice(p.start, p.end)
    const straight = (text.match(/"|''/g) ?? []).length
    const curlyBalanced = (text.match(/“/g) ?? []).length === (text.match(/”/g) ?? []).length
    const trackQuotes = straight % 2 === 0 && curlyBalanced
    let inQuote = false
    let start = 0
    const push = (end: number) => {
      const raw = text.slice(start, end)
      const lead = raw.length - raw.trimStart().length
      const s = raw.trim()
      if (s) sentences.push({ start: p.start + start + lead, end: p.start + start + lead + s.length, text: s, paragraph })
      start = end
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!
      if (trackQuotes && (ch === '“' || ch === '”' || ch === '"' || (ch === "'" && text[i + 1] === "'"))) {
        inQuote = ch === '“' ? true : ch === '”' ? false : !inQuote
        if (ch === "'") i++
        continue
      }
      if (ch !== '.' && ch !== '!' && ch !== '?') continue
      // a sentence ending inside a quotation ends with it: ‘… even for him.” She says …’
      if (inQuote && !(text[i + 1] === '”' || text[i + 1] === '"' || text.startsWith("''", i + 1))) continue
      let j = i + 1
      while (j < text.length && (/[.!?)\]]/.test(text[j]!) || CLOSING_QUOTES.has(text[j]!) || text.startsWith("''", j))) {
        if (text[j] === '"' || text[j] === '”' || text[j] === "'") inQuote = false
        j += text.startsWith("''", j) ? 2 : 1
      }
      if (j < text.length && !/\s/.test(text[j]!)) continue
      let k = j
      while (k < text.length && /\s/.test(text[k]!)) k++
      if (k >= text.length) break
      const next = text.slice(k).match(/^[^\s]+/)?.[0] ?? ''
      const nextStart = next.replace(/^(?:[“"‘(]|'')+/, '')
      if (!/^[\p{Lu}\p{N}]/u.test(nextStart) && !OPENING_QUOTES.has(next[0]!) && !next.startsWith("''")) continue
      if (ch === '.' && !periodEndsSentence(text, i, nextStart)) continue
      // “Is this a priority?” Ann Lee said at a press conference. — a quoted sentence closed by its
      // mark and followed by a bare attribution clause ends with that clause, not before it
      if (closedByMark(text, i, j) && ATTRIBUTION_CLAUSE.test(text.slice(k))) continue
      push(j)
    }
    push(text.length)
  })
  return sentences
}
