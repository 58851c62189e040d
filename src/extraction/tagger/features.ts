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
  docNames: ReadonlySet<string>
}

export function featureContext(words: string[], docNames: ReadonlySet<string>): FeatureContext {
  return { words, lower: words.map((w) => w.toLowerCase()), shapes: words.map(shape), gaz: words.map(gaz), docNames }
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

/** Sparse features of token i given the two previous tags. */
export function features(ctx: FeatureContext, i: number, prev: string, prev2: string): string[] {
  const { words, lower, shapes, gaz: g } = ctx
  const w = words[i]!
  const lw = lower[i]!
  const at = (k: number, arr: string[], pad: string) => (k < 0 ? '<s>' : k >= arr.length ? '</s>' : arr[k] ?? pad)
  const f = [
    'b',
    `w=${w}`,
    `lw=${lw}`,
    `sh=${shapes[i]}`,
    `p3=${lw.slice(0, 3)}`,
    `s2=${lw.slice(-2)}`,
    `s3=${lw.slice(-3)}`,
    `s4=${lw.slice(-4)}`,
    `g=${g[i]}`,
    `t1=${prev}`,
    `t2=${prev2}|${prev}`,
    `t1w=${prev}|${lw}`,
    `t1sh=${prev}|${shapes[i]}`,
    `lw-1=${at(i - 1, lower, '')}`,
    `lw+1=${at(i + 1, lower, '')}`,
    `lw-2=${at(i - 2, lower, '')}`,
    `lw+2=${at(i + 2, lower, '')}`,
    `sh-1=${at(i - 1, shapes, '')}|${shapes[i]}`,
    `sh+1=${shapes[i]}|${at(i + 1, shapes, '')}`,
    `g-1=${at(i - 1, g, '')}|${g[i]}`,
    `g+1=${g[i]}|${at(i + 1, g, '')}`,
    `g-1sh=${at(i - 1, g, '')}|${shapes[i]}`,
    `first=${i === 0}|${shapes[i]}`,
    `lw-1lw=${at(i - 1, lower, '')}|${lw}`,
  ]
  if (ctx.docNames.has(w)) f.push('docname')
  if (w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w)) f.push('allcaps')
  return f
}
