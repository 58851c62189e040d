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
  return {
    words,
    lower: words.map((w) => w.toLowerCase()),
    shapes: words.map(shape),
    gaz: words.map((w, i) => (hide?.(i) ? '-' : gaz(w))),
    surname: words.map((w, i) => SURNAMES.has(w) && !hide?.(i)),
    table: numbers >= 2,
    docNames,
  }
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

/** Features of token i that depend on its neighbours, the document and the two previous tags. */
export function contextFeatures(ctx: FeatureContext, i: number, prev: string, prev2: string): string[] {
  const { words, lower, shapes, gaz: g } = ctx
  const lw = lower[i]!
  const at = (k: number, arr: string[]) => (k < 0 ? '<s>' : k >= arr.length ? '</s>' : arr[k]!)
  const sn = (k: number) => (ctx.surname[k] ? 'S' : '-')
  const f = [
    `g=${g[i]}`,
    `sn=${sn(i)}|${g[i]}`,
    `sn-1=${at(i - 1, g)}|${sn(i - 1)}|${sn(i)}`,
    `sn+1=${sn(i)}|${sn(i + 1)}|${at(i + 1, shapes)}`,
    `sh3=${at(i - 1, shapes)}|${shapes[i]}|${at(i + 1, shapes)}`,
    `p2=${at(i - 1, lower)}|${at(i + 1, lower)}`,
    `t1=${prev}`,
    `t2=${prev2}|${prev}`,
    `t1w=${prev}|${lw}`,
    `t1sh=${prev}|${shapes[i]}`,
    `lw-1=${at(i - 1, lower)}`,
    `lw+1=${at(i + 1, lower)}`,
    `lw-2=${at(i - 2, lower)}`,
    `lw+2=${at(i + 2, lower)}`,
    `sh-1=${at(i - 1, shapes)}|${shapes[i]}`,
    `sh+1=${shapes[i]}|${at(i + 1, shapes)}`,
    `g-1=${at(i - 1, g)}|${g[i]}`,
    `g+1=${g[i]}|${at(i + 1, g)}`,
    `g-1sh=${at(i - 1, g)}|${shapes[i]}`,
    `first=${i === 0}|${shapes[i]}`,
    `lw-1lw=${at(i - 1, lower)}|${lw}`,
  ]
  if (ctx.docNames.has(words[i]!)) f.push('docname')
  if (ctx.table)
    f.push(`tbl=${shapes[i]}|${g[i]}|${sn(i)}`, `tbl-1=${at(i - 1, lower)}|${shapes[i]}`, `tbl+1=${shapes[i]}|${at(i + 1, shapes)}`)
  return f
}

/** Sparse features of token i given the two previous tags (training uses them whole). */
export function features(ctx: FeatureContext, i: number, prev: string, prev2: string): string[] {
  return [...wordFeatures(ctx.words[i]!), ...contextFeatures(ctx, i, prev, prev2)]
}
