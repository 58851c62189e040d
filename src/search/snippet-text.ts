import { stemmer } from 'stemmer'

/** The markers a snippet's matches sit between (parseMarkedSnippet turns them into offsets and HTML). */
export const MATCH_OPEN = '\u0002'
export const MATCH_CLOSE = '\u0003'

/** Words of context a snippet keeps. */
export const SNIPPET_WORDS = 24

const WORD_CHAR = String.raw`[\p{L}\p{N}]`
/** Stepped with exec from a given offset (matchAll would copy the expression on every call). */
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

/** A search's phrases as stems, and the expression that finds the words which could start one. */
interface Searched {
  stems: string[][]
  candidates: RegExp | null
  /** Stems of the words met so far: a text repeats its words, and the texts of a page share them. */
  stemOf: Map<string, string>
}

const searchedOf = new WeakMap<string[][], Searched>()
const NEXT_WORD = new RegExp(`[^\\p{L}\\p{N}]*(${WORD_CHAR}+)`, 'uy')

/** The phrases prepared once for every text they are looked for in. */
function searched(phrases: string[][]): Searched {
  let found = searchedOf.get(phrases)
  if (found) return found
  const stems = phrases.map((p) => p.map((w) => stemmer(fold(w))))
  const prefixes = [...new Set(stems.flat().map((s) => s.slice(0, 3)))].filter(Boolean)
  const candidates = prefixes.length ? new RegExp(`(?<!${WORD_CHAR})(?:${prefixes.map(escapeRegExp).join('|')})${WORD_CHAR}*`, 'giu') : null
  searchedOf.set(phrases, (found = { stems, candidates, stemOf: new Map() }))
  return found
}

const stemIn = (search: Searched, word: string) => {
  let stem = search.stemOf.get(word)
  if (stem === undefined) search.stemOf.set(word, (stem = stemmer(fold(word))))
  return stem
}

/**
 * Where each phrase is in `text`, comparing words by their Porter stem as FTS5's tokenizer does.
 * Stemming keeps a word's first letters, so only the words that begin like a searched stem are
 * found (one regular expression over the text) and stemmed; a phrase's next words are read from there.
 */
function phraseHits(text: string, phrases: string[][]): Hit[] {
  const search = searched(phrases)
  const { candidates } = search
  if (!candidates) return []
  const hits: Hit[] = []
  candidates.lastIndex = 0
  for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
    const stem = stemIn(search, m[0])
    const start = m.index
    search.stems.forEach((stems, phrase) => {
      if (stems[0] !== stem) return
      let end = start + m[0].length
      for (let i = 1; i < stems.length; i++) {
        NEXT_WORD.lastIndex = end
        const next = NEXT_WORD.exec(text)
        if (!next || stemIn(search, next[1]!) !== stems[i]) return
        end = NEXT_WORD.lastIndex
      }
      hits.push({ start, end, phrase })
    })
  }
  return hits
}

/** Where the `count`-th word from offset `from` ends, and how many words there were up to it (fewer at the text's end). */
function wordsFrom(text: string, from: number, count: number): { words: number; end: number } {
  let words = 0
  let end = from
  WORD_SCAN.lastIndex = from
  for (let m = WORD_SCAN.exec(text); m; m = words < count ? WORD_SCAN.exec(text) : null) {
    words++
    end = m.index + m[0].length
  }
  return { words, end }
}

/** Where the `count`-th word before offset `at` starts (the text's start when there are fewer). */
function wordsBefore(text: string, at: number, count: number): number {
  const lookback = Math.max(0, at - count * 40)
  // the starts of the last `count` words between lookback and at, kept in a ring
  const starts: number[] = []
  let seen = 0
  WORD_SCAN.lastIndex = lookback
  for (let m = WORD_SCAN.exec(text); m && m.index < at; m = WORD_SCAN.exec(text)) starts[seen++ % count] = m.index
  if (seen >= count) return starts[seen % count]!
  return lookback === 0 ? 0 : seen > 0 ? starts[0]! : at
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
  // the window each phrase was last counted in: a window's different phrases counted without a set
  const lastWindowOf = new Array<number>(phrases.length).fill(-1)
  // the windows around the first matches are enough to find the best (a common word can match hundreds of times)
  for (const [window, hit] of hits.slice(0, 16).entries()) {
    let from = wordsBefore(text, hit.start, 2)
    let words = wordsFrom(text, from, size)
    // near the end, the window reaches further back so that it still holds `size` words
    if (words.words < size && from > 0) {
      from = wordsBefore(text, hit.start, 2 + size - words.words)
      words = wordsFrom(text, from, size)
    }
    const to = words.end
    let inside = 0
    let phrasesInside = 0
    for (const h of hits) {
      if (h.start < from || h.end > to) continue
      inside++
      if (lastWindowOf[h.phrase] !== window) phrasesInside++
      lastWindowOf[h.phrase] = window
    }
    const score = phrasesInside * 10_000 + inside
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
