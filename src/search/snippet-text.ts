import { stemmer } from 'stemmer'

/** The markers a snippet's matches sit between (parseMarkedSnippet turns them into offsets and HTML). */
export const MATCH_OPEN = '\u0002'
export const MATCH_CLOSE = '\u0003'

/** Words of context a snippet keeps. */
export const SNIPPET_WORDS = 24

const WORD_CHAR = String.raw`[\p{L}\p{N}]`
const WORDS = new RegExp(`${WORD_CHAR}+`, 'gu')
/** Stepped with exec from a given offset (matchAll would inherit its lastIndex, so WORDS is never stepped). */
const WORD_SCAN = new RegExp(`${WORD_CHAR}+`, 'gu')
const ANY_WORD = new RegExp(WORD_CHAR, 'u')

/** A word as the full-text indexes compare it: accents removed, lower case. */
const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The phrases a search looks for, from the FTS5 expression src/search/query.ts builds: every quoted
 * run before the excluded part (`(required) NOT (excluded)`), each as its words.
 */
export function searchedPhrases(fts: string): string[][] {
  const wanted = fts.split(' NOT (')[0]!
  return [...wanted.matchAll(/"([^"]*)"/g)].map((m) => m[1]!.split(' ').filter(Boolean)).filter((p) => p.length > 0)
}

interface Hit {
  /** Offsets of the phrase in the text. */
  start: number
  end: number
  phrase: number
}

/**
 * Where each phrase is in `text`, comparing words by their Porter stem as FTS5's tokenizer does.
 * Stemming keeps a word's first letters, so only the words that begin like a searched stem are
 * found (one regular expression over the text) and stemmed; a phrase's next words are read from there.
 */
function phraseHits(text: string, phrases: string[][]): Hit[] {
  const wanted = phrases.map((p) => p.map((w) => stemmer(fold(w))))
  const prefixes = [...new Set(wanted.flat().map((s) => s.slice(0, 3)))].filter(Boolean)
  if (prefixes.length === 0) return []
  const candidates = new RegExp(`(?<!${WORD_CHAR})(?:${prefixes.map(escapeRegExp).join('|')})${WORD_CHAR}*`, 'giu')
  const nextWord = new RegExp(`[^\\p{L}\\p{N}]*(${WORD_CHAR}+)`, 'uy')
  const hits: Hit[] = []
  for (const m of text.matchAll(candidates)) {
    const stem = stemmer(fold(m[0]))
    wanted.forEach((stems, phrase) => {
      if (stems[0] !== stem) return
      let end = m.index + m[0].length
      for (const following of stems.slice(1)) {
        nextWord.lastIndex = end
        const next = nextWord.exec(text)
        if (!next || stemmer(fold(next[1]!)) !== following) return
        end = nextWord.lastIndex
      }
      hits.push({ start: m.index, end, phrase })
    })
  }
  return hits
}

/** Offsets of the words of `text` from `from` on, at most `count` of them. */
function wordsFrom(text: string, from: number, count: number): { start: number; end: number }[] {
  const words: { start: number; end: number }[] = []
  WORD_SCAN.lastIndex = from
  for (let m = WORD_SCAN.exec(text); m && words.length < count; m = WORD_SCAN.exec(text))
    words.push({ start: m.index, end: m.index + m[0].length })
  return words
}

/** Where the `count`-th word before offset `at` starts (the text's start when there are fewer). */
function wordsBefore(text: string, at: number, count: number): number {
  const lookback = Math.max(0, at - count * 40)
  const starts = [...text.slice(lookback, at).matchAll(WORDS)].map((m) => m.index + lookback)
  if (starts.length >= count) return starts[starts.length - count]!
  return lookback === 0 ? 0 : (starts[0] ?? at)
}

/**
 * A window of `size` words of `text` around its best match, the matches between MATCH_OPEN and
 * MATCH_CLOSE, "…" where the text was cut; null when no searched phrase is in `text`. The best
 * window holds the most different phrases, then the most matches, then comes first; it starts two
 * words before its first match, as a reader needs a little lead-in.
 */
export function markedSnippet(text: string, phrases: string[][], size = SNIPPET_WORDS): string | null {
  const hits = phraseHits(text, phrases)
  if (hits.length === 0) return null
  let best: { from: number; to: number; score: number } | null = null
  // the windows around the first matches are enough to find the best (a common word can match hundreds of times)
  for (const hit of hits.slice(0, 16)) {
    let from = wordsBefore(text, hit.start, 2)
    let words = wordsFrom(text, from, size)
    // near the end, the window reaches further back so that it still holds `size` words
    if (words.length < size && from > 0) {
      from = wordsBefore(text, hit.start, 2 + size - words.length)
      words = wordsFrom(text, from, size)
    }
    const to = words.at(-1)!.end
    const inside = hits.filter((h) => h.start >= from && h.end <= to)
    const score = new Set(inside.map((h) => h.phrase)).size * 10_000 + inside.length
    if (!best || score > best.score) best = { from, to, score }
  }
  const { from, to } = best!
  const atStart = !ANY_WORD.test(text.slice(0, from))
  const atEnd = !ANY_WORD.test(text.slice(to))
  let out = atStart ? '' : '…'
  let at = atStart ? 0 : from
  for (const hit of hits) {
    if (hit.start < Math.max(at, from) || hit.end > to) continue
    out += `${text.slice(at, hit.start)}${MATCH_OPEN}${text.slice(hit.start, hit.end)}${MATCH_CLOSE}`
    at = hit.end
  }
  return `${out}${text.slice(at, atEnd ? text.length : to)}${atEnd ? '' : '…'}`
}
