import { SURNAMES } from '../lexicon/surnames.js'
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

/** Per-sentence view the features read; `docNames` are words seen after a given name anywhere in the document. */
export interface FeatureContext {
  words: string[]
  lower: string[]
  shapes: string[]
  gaz: string[]
  surname: boolean[]
  /** A line of a results or prices table: two or more numbers ("Ajax 2 PSV 1", "Wheat 3.10 up 5"). */
  table: boolean
  docNames: ReadonlySet<string>
}

const NUMBER = /^[+-]?\d[\d.,:/-]*$/

/**
 * `hide(i)` drops the name-list facts of word i: training hides them now and then (gazetteer
 * dropout), so the model also learns names from their shape and context, as it must for names no list holds.
 */
export function featureContext(words: string[], docNames: ReadonlySet<string>, hide?: (i: number) => boolean): FeatureContext {
  let numbers = 0
  for (const w of words) if (NUMBER.test(w)) numbers++
  const facts = words.map(wordFacts)
  return {
    words,
    lower: facts.map((f) => f.lower),
    shapes: facts.map((f) => f.shape),
    // hide is called in this order (every word's gaz, then the surnames): training's dropout draws depend on it
    gaz: facts.map((f, i) => (hide?.(i) ? '-' : f.gaz)),
    surname: facts.map((f, i) => f.surname && !hide?.(i)),
    table: numbers >= 2,
    docNames,
  }
}

interface WordFacts {
  lower: string
  shape: string
  gaz: string
  surname: boolean
}

/** What the features know of a word alone, computed once per word (bounded cache; the same strings each time). */
const wordFactCache = new Map<string, WordFacts>()

function wordFacts(w: string): WordFacts {
  let f = wordFactCache.get(w)
  if (f) return f
  f = { lower: w.toLowerCase(), shape: shape(w), gaz: gaz(w), surname: SURNAMES.has(w) }
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

/** Features of the word alone, the same wherever it stands (cached by the tagger per word). */
export function wordFeatures(w: string): string[] {
  const lw = w.toLowerCase()
  const f = [
    'b',
    `w=${w}`,
    `lw=${lw}`,
    `sh=${shape(w)}`,
    `p3=${lw.slice(0, 3)}`,
    `s2=${lw.slice(-2)}`,
    `s3=${lw.slice(-3)}`,
    `s4=${lw.slice(-4)}`,
  ]
  if (w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w)) f.push('allcaps')
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
  if (ctx.docNames.has(words[i]!)) visit(21 /* docname */, 0, '', '', '')
  if (ctx.table) {
    visit(22 /* tbl */, 3, sh, gi, sn)
    visit(23 /* tbl-1 */, 2, lwPrev, sh, '')
    visit(24 /* tbl+1 */, 2, sh, shNext, '')
  }
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
