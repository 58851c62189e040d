import { SURNAMES } from '../lexicon/surnames.js'
import { wordCluster } from '../lexicon/word-clusters.js'
import { DEMONYMS, GIVEN_NAMES, MONTHS, NON_PERSON_HEADS, ROLE_NOUNS, SPEECH_VERBS, TITLE_WORDS, WEEKDAYS } from '../lexicon/index.js'

/** Word shape with runs collapsed: "McDonald" -> "XxXx", "U.S." -> "X.X.", "1996" -> "d". */
export function shape(w: string): string {
  let out = ''
  let last = ''
  for (let i = 0; i < w.length; i++) {
    const code = w.charCodeAt(i)
    let c: string
    if (code >= 65 && code <= 90) c = 'X'
    else if (code >= 97 && code <= 122) c = 'x'
    else if (code >= 48 && code <= 57) c = 'd'
    else if (code < 128) c = w[i]!
    else {
      const ch = w[i]!
      c = ch.toLowerCase() !== ch ? 'X' : ch.toUpperCase() !== ch ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch
    }
    if (c !== last) out += c
    last = c
  }
  return out
}

const gaz = (w: string): string => {
  const bare = w.replace(/\.$/, '')
  if (GIVEN_NAMES.has(w)) return 'given'
  if (TITLE_WORDS.has(w) || TITLE_WORDS.has(bare + '.')) return 'title'
  if (DEMONYMS.has(w)) return 'demonym'
  if (NON_PERSON_HEADS.has(w)) return 'org'
  if (MONTHS.has(w) || WEEKDAYS.has(w)) return 'date'
  const lower = w.toLowerCase()
  if (ROLE_NOUNS.has(lower)) return 'role'
  if (SPEECH_VERBS.has(lower)) return 'speech'
  return '-'
}

/**
 * What the whole document says about its words, for features that look beyond the sentence. Words
 * are keyed as written, all-capitals words by their title-case form ("HISSOU" -> "Hissou").
 */
export interface DocumentFacts {
  /** Words seen directly after a known given name ("Simmons" after "Phil"). */
  names: ReadonlySet<string>
  /** Words that end a run of two or three capitalised words in mid-sentence ("Gusmao" of "Xanana Gusmao"). */
  runEnds: ReadonlySet<string>
  /** Words written capitalised in mid-sentence somewhere (not only where every sentence starts with a capital). */
  capitalisedMid: ReadonlySet<string>
  /** Words written in lowercase somewhere, by their lowercase form ("said", "will"). */
  lowercase: ReadonlySet<string>
}

export const NO_DOCUMENT_FACTS: DocumentFacts = { names: new Set(), runEnds: new Set(), capitalisedMid: new Set(), lowercase: new Set() }

/** Per-sentence view the features read, with the facts of its document. */
export interface FeatureContext {
  words: string[]
  lower: string[]
  shapes: string[]
  gaz: string[]
  surname: boolean[]
  /** Six-bit prefixes of the words' clusters ('-' for a word without one). */
  clusters: string[]
  /** The words as the document facts key them. */
  keys: string[]
  /** A line of a results or prices table: two or more numbers ("Ajax 2 PSV 1", "Wheat 3.10 up 5"). */
  table: boolean
  /** A list rather than prose: two or more commas and hardly a lowercase word ("Akram, Moin Khan, Waqar Younis"). */
  list: boolean
  doc: DocumentFacts
}

const NUMBER = /^[+-]?\d[\d.,:/-]*$/

/**
 * `hide(i)` drops the name-list facts of word i: training hides them now and then (gazetteer
 * dropout), so the model also learns names from their shape and context, as it must for names no list holds.
 */
export function featureContext(words: string[], doc: DocumentFacts, hide?: (i: number) => boolean): FeatureContext {
  const facts = words.map(wordFacts)
  let numbers = 0
  let commas = 0
  let lowercase = 0
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (NUMBER.test(w)) numbers++
    else if (w === ',' || w === ';') commas++
    else if (facts[i]!.shape.charCodeAt(0) === 120) lowercase++ // 'x'
  }
  return {
    words,
    lower: facts.map((f) => f.lower),
    shapes: facts.map((f) => f.shape),
    // hide is called in this order (every word's gaz, then the surnames): training's dropout draws depend on it
    gaz: facts.map((f, i) => (hide?.(i) ? '-' : f.gaz)),
    surname: facts.map((f, i) => f.surname && !hide?.(i)),
    clusters: facts.map((f) => f.cluster6),
    keys: facts.map((f) => f.key),
    table: numbers >= 2,
    list: commas >= 2 && lowercase * 5 <= words.length,
    doc,
  }
}

interface WordFacts {
  lower: string
  shape: string
  gaz: string
  surname: boolean
  cluster6: string
  key: string
}

const isAllCaps = (w: string) => w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w)

/** How document facts key a word: all-capitals words ("HISSOU") by their title-case form. */
export const documentKey = (w: string) => (isAllCaps(w) && /^\p{L}+$/u.test(w) ? w.charAt(0) + w.slice(1).toLowerCase() : w)

/** What the features know of a word alone, computed once per word (bounded cache; the same strings each time). */
const wordFactCache = new Map<string, WordFacts>()

function wordFacts(w: string): WordFacts {
  let f = wordFactCache.get(w)
  if (f) return f
  f = {
    lower: w.toLowerCase(),
    shape: shape(w),
    gaz: gaz(w),
    surname: SURNAMES.has(w),
    cluster6: wordCluster(w).slice(0, 6) || '-',
    key: documentKey(w),
  }
  if (wordFactCache.size > 50_000) wordFactCache.clear()
  wordFactCache.set(w, f)
  return f
}

/** Words that directly follow a given name in the document ("Simmons" after "Phil"): likely surnames everywhere. */
export function documentSurnames(sentences: string[][]): Set<string> {
  const out = new Set<string>()
  for (const words of sentences) {
    for (let i = 0; i + 1 < words.length; i++) {
      if (GIVEN_NAMES.has(words[i]!) && /^\p{Lu}\p{Ll}/u.test(words[i + 1]!)) out.add(words[i + 1]!)
    }
  }
  return out
}

/** Facts of the whole document for the non-local features (one pass over its sentences). */
export function documentFacts(sentences: string[][]): DocumentFacts {
  const runEnds = new Set<string>()
  const capitalisedMid = new Set<string>()
  const lowercase = new Set<string>()
  // read from the words' cached shapes: "Xx…" is capitalised, "x…" lowercase, a shape without "x" all capitals
  const capital = (sh: string) => sh.charCodeAt(0) === 88 && sh.charCodeAt(1) === 120
  for (const words of sentences) {
    const shapes = words.map((w) => wordFacts(w).shape)
    // a sentence in capitals (a headline) says nothing about which words are capitalised
    const caps = shapes.every((sh, i) => !/[Xx]/.test(sh) || (words[i]!.length > 1 && !sh.includes('x')))
    let run = 0
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!
      const sh = shapes[i]!
      if (sh.charCodeAt(0) === 120) lowercase.add(w)
      const cap = !caps && capital(sh)
      if (cap && i > 0 && !OPENERS.has(words[i - 1]!)) capitalisedMid.add(w)
      run = cap ? run + 1 : 0
      if (run >= 2 && run <= 3 && !(i + 1 < words.length && capital(shapes[i + 1]!)) && i + 1 - run > 0) runEnds.add(w)
    }
  }
  return { names: documentSurnames(sentences), runEnds, capitalisedMid, lowercase }
}

/** Marks after which a capital says nothing (a quotation or bracket opens). */
const OPENERS = new Set(['"', "'", '“', '‘', '('])

const VOWELS = /[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüý]/

/** Consonant/vowel pattern of a word's last four letters ("Kowalski" -> "CCCV"). */
function cvEnd(lw: string): string {
  let out = ''
  for (const ch of lw.slice(-4)) out += VOWELS.test(ch) ? 'V' : /\p{L}/u.test(ch) ? 'C' : '.'
  return out
}

/** Features of the word alone, the same wherever it stands (cached by the tagger per word). */
export function wordFeatures(w: string): string[] {
  const lw = w.toLowerCase()
  const cluster = wordCluster(w)
  const f = [
    'b',
    `w=${w}`,
    `lw=${lw}`,
    `sh=${shape(w)}`,
    `p2=${lw.slice(0, 2)}`,
    `p3=${lw.slice(0, 3)}`,
    `p4=${lw.slice(0, 4)}`,
    `s1=${lw.slice(-1)}`,
    `s2=${lw.slice(-2)}`,
    `s3=${lw.slice(-3)}`,
    `s4=${lw.slice(-4)}`,
    `cv=${cvEnd(lw)}`,
    `len=${Math.min(w.length, 12)}`,
  ]
  if (cluster)
    f.push(`c4=${cluster.slice(0, 4)}`, `c6=${cluster.slice(0, 6)}`, `c10=${cluster.slice(0, 10)}`, `c20=${cluster.slice(0, 20)}`)
  else f.push('c=none')
  if (/[^\p{ASCII}]/u.test(w)) f.push('nonascii')
  if (isAllCaps(w)) f.push('allcaps')
  return f
}

/** Names of the context feature templates; visitors receive an index into this list. */
export const CONTEXT_TEMPLATES = [
  'g',
  'sn',
  'sn-1',
  'sn+1',
  'sh3',
  'p2',
  't1',
  't2',
  't1w',
  't1sh',
  'lw-1',
  'lw+1',
  'lw-2',
  'lw+2',
  'sh-1',
  'sh+1',
  'g-1',
  'g+1',
  'g-1sh',
  'first',
  'lw-1lw',
  'docname',
  'tbl',
  'tbl-1',
  'tbl+1',
  'c-1',
  'c+1',
  'c-1c',
  'docend',
  'doccap',
  'tblc',
  'tblrank',
  'lst',
] as const

/**
 * Receives one context feature as its template (an index into CONTEXT_TEMPLATES) and 0-3 parts: the feature string is the name,
 * then `=` and the parts joined by `|` (`sn-1=given|-|S`). The tagger looks parts up without building it.
 */
export type FeatureVisitor = (template: number, n: 0 | 1 | 2 | 3, a: string, b: string, c: string) => void

/** Calls `visit` with each feature of token i that depends on its neighbours, the document and the two previous tags. */
export function visitContextFeatures(ctx: FeatureContext, i: number, prev: string, prev2: string, visit: FeatureVisitor): void {
  const { words, lower, shapes, gaz: g, surname } = ctx
  const n = words.length
  // neighbours, or the sentence boundaries '<s>' / '</s>'
  const lw = lower[i]!
  const lwPrev = i > 0 ? lower[i - 1]! : '<s>'
  const lwPrev2 = i > 1 ? lower[i - 2]! : '<s>'
  const lwNext = i + 1 < n ? lower[i + 1]! : '</s>'
  const lwNext2 = i + 2 < n ? lower[i + 2]! : '</s>'
  const sh = shapes[i]!
  const shPrev = i > 0 ? shapes[i - 1]! : '<s>'
  const shNext = i + 1 < n ? shapes[i + 1]! : '</s>'
  const gi = g[i]!
  const gPrev = i > 0 ? g[i - 1]! : '<s>'
  const gNext = i + 1 < n ? g[i + 1]! : '</s>'
  const sn = surname[i] ? 'S' : '-'
  const snPrev = surname[i - 1] ? 'S' : '-'
  const snNext = surname[i + 1] ? 'S' : '-'
  visit(0 /* g */, 1, gi, '', '')
  visit(1 /* sn */, 2, sn, gi, '')
  visit(2 /* sn-1 */, 3, gPrev, snPrev, sn)
  visit(3 /* sn+1 */, 3, sn, snNext, shNext)
  visit(4 /* sh3 */, 3, shPrev, sh, shNext)
  visit(5 /* p2 */, 2, lwPrev, lwNext, '')
  visit(6 /* t1 */, 1, prev, '', '')
  visit(7 /* t2 */, 2, prev2, prev, '')
  visit(8 /* t1w */, 2, prev, lw, '')
  visit(9 /* t1sh */, 2, prev, sh, '')
  visit(10 /* lw-1 */, 1, lwPrev, '', '')
  visit(11 /* lw+1 */, 1, lwNext, '', '')
  visit(12 /* lw-2 */, 1, lwPrev2, '', '')
  visit(13 /* lw+2 */, 1, lwNext2, '', '')
  visit(14 /* sh-1 */, 2, shPrev, sh, '')
  visit(15 /* sh+1 */, 2, sh, shNext, '')
  visit(16 /* g-1 */, 2, gPrev, gi, '')
  visit(17 /* g+1 */, 2, gi, gNext, '')
  visit(18 /* g-1sh */, 2, gPrev, sh, '')
  visit(19 /* first */, 2, i === 0 ? 'true' : 'false', sh, '')
  visit(20 /* lw-1lw */, 2, lwPrev, lw, '')
  const { doc, clusters } = ctx
  const key = ctx.keys[i]!
  if (doc.names.has(key)) visit(21 /* docname */, 0, '', '', '')
  const cPrev = i > 0 ? clusters[i - 1]! : '<s>'
  const cNext = i + 1 < n ? clusters[i + 1]! : '</s>'
  visit(25 /* c-1 */, 2, cPrev, sh, '')
  visit(26 /* c+1 */, 2, sh, cNext, '')
  visit(27 /* c-1c */, 2, cPrev, clusters[i]!, '')
  const upper = sh.charCodeAt(0) === 88 // 'X'
  if (upper) {
    if (doc.runEnds.has(key)) visit(28 /* docend */, 1, i === 0 ? 'first' : 'mid', '', '')
    visit(29 /* doccap */, 3, doc.capitalisedMid.has(key) ? 'C' : '-', doc.lowercase.has(lw) ? 'L' : '-', i === 0 ? 'first' : 'mid')
  }
  if (ctx.table) {
    visit(22 /* tbl */, 3, sh, gi, sn)
    visit(23 /* tbl-1 */, 2, lwPrev, sh, '')
    visit(24 /* tbl+1 */, 2, sh, shNext, '')
    visit(30 /* tblc */, 2, clusters[i]!, shNext, '')
    // a ranked line ("1. Michael Johnson (U.S.) 19.32") or a score line ("Ajax 2 PSV 1")
    visit(31 /* tblrank */, 3, shapes[0]!, sh, shNext)
  }
  if (ctx.list)
    visit(32 /* lst */, 3, sh, lwPrev === ',' || lwPrev === ';' ? 'sep' : shPrev, lwNext === ',' || lwNext === ';' ? 'sep' : shNext)
}

/** The feature string `visitContextFeatures` describes by its parts. */
export function featureString(template: number, n: 0 | 1 | 2 | 3, a: string, b: string, c: string): string {
  const name = CONTEXT_TEMPLATES[template]!
  return n === 0 ? name : n === 1 ? `${name}=${a}` : n === 2 ? `${name}=${a}|${b}` : `${name}=${a}|${b}|${c}`
}

/** Features of token i that depend on its neighbours, the document and the two previous tags. */
export function contextFeatures(ctx: FeatureContext, i: number, prev: string, prev2: string): string[] {
  const f: string[] = []
  visitContextFeatures(ctx, i, prev, prev2, (template, n, a, b, c) => f.push(featureString(template, n, a, b, c)))
  return f
}

/** Sparse features of token i given the two previous tags (training uses them whole). */
export function features(ctx: FeatureContext, i: number, prev: string, prev2: string): string[] {
  return [...wordFeatures(ctx.words[i]!), ...contextFeatures(ctx, i, prev, prev2)]
}
