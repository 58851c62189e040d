import {
  CONTEXT_TEMPLATES,
  featureContext,
  features,
  visitContextFeatures,
  wordFeatures,
  type DocumentFacts,
  type FeatureContext,
  type FeatureVisitor,
} from './features.js'

/** A trained model: tag names and, per feature, one weight per tag. */
export interface TaggerModel {
  version: string
  tags: string[]
  weights: Record<string, number[]>
}

type Weights = Map<string, Float64Array | number[]>

/** Scores of a word's own features, summed once per model and word (bounded cache). */
const wordScoreCache = new WeakMap<Weights, Map<string, Float64Array>>()

function wordScores(weights: Weights, tags: number, word: string): Float64Array {
  let cache = wordScoreCache.get(weights)
  if (!cache) wordScoreCache.set(weights, (cache = new Map<string, Float64Array>()))
  let scores = cache.get(word)
  if (scores) return scores
  scores = new Float64Array(tags)
  for (const feat of wordFeatures(word)) {
    const w = weights.get(feat)
    if (w) for (let t = 0; t < tags; t++) scores[t]! += w[t]!
  }
  if (cache.size > 50_000) cache.clear()
  cache.set(word, scores)
  return scores
}

type Row = Float64Array | number[]

/**
 * The weights of each context template reached by its parts rather than by the whole feature string:
 * `p2=a|b` is `two.get('a').get('b')` of the p2 template. Decoding builds no strings this way; a value
 * holding '|' itself is filed under every split, so a lookup finds exactly what the string would.
 */
interface TemplateIndex {
  plain: Row | undefined // the feature without '=' ('docname')
  one: Map<string, Row>
  two: Map<string, Map<string, Row>>
  three: Map<string, Map<string, Map<string, Row>>>
}

const templateIndexes = new WeakMap<Weights, TemplateIndex[]>()
const templateIds = new Map<string, number>(CONTEXT_TEMPLATES.map((name, id) => [name, id]))

/** Per context template (by its index in CONTEXT_TEMPLATES), the weights of its features by their parts. */
function templateIndex(weights: Weights): TemplateIndex[] {
  const cached = templateIndexes.get(weights)
  if (cached) return cached
  const index = CONTEXT_TEMPLATES.map((): TemplateIndex => ({ plain: undefined, one: new Map(), two: new Map(), three: new Map() }))
  const template = (name: string) => index[templateIds.get(name) ?? -1]
  const child = <V>(m: Map<string, V>, key: string, make: () => V): V => {
    let v = m.get(key)
    if (!v) m.set(key, (v = make()))
    return v
  }
  for (const [feature, row] of weights) {
    const eq = feature.indexOf('=')
    const t = template(eq < 0 ? feature : feature.slice(0, eq))
    if (!t) continue // a feature of the word alone
    if (eq < 0) {
      t.plain = row
      continue
    }
    const value = feature.slice(eq + 1)
    t.one.set(value, row)
    const pipes: number[] = []
    for (let k = value.indexOf('|'); k >= 0; k = value.indexOf('|', k + 1)) pipes.push(k)
    for (const [x, p] of pipes.entries()) {
      child(t.two, value.slice(0, p), () => new Map<string, Row>()).set(value.slice(p + 1), row)
      for (const q of pipes.slice(x + 1)) {
        const second = child(t.three, value.slice(0, p), () => new Map<string, Map<string, Row>>())
        child(second, value.slice(p + 1, q), () => new Map<string, Row>()).set(value.slice(q + 1), row)
      }
    }
  }
  templateIndexes.set(weights, index)
  return index
}

function lookup(t: TemplateIndex, n: 0 | 1 | 2 | 3, a: string, b: string, c: string): Row | undefined {
  if (n === 0) return t.plain
  if (n === 1) return t.one.get(a)
  if (n === 2) return t.two.get(a)?.get(b)
  return t.three.get(a)?.get(b)?.get(c)
}

/** Greedy left-to-right decoding with the previous two tags as features. */
export function tagSentence(
  model: { tags: string[]; weights: Weights },
  ctx: FeatureContext,
  opts: { cacheWords?: boolean } = { cacheWords: true },
): string[] {
  const out: string[] = []
  const T = model.tags.length
  const scores = new Float64Array(T)
  // cached words imply fixed weights (decoding): context features then go through the template index
  const index = opts.cacheWords ? templateIndex(model.weights) : null
  const add = (w: Row | undefined) => {
    if (w) for (let t = 0; t < T; t++) scores[t]! += w[t]!
  }
  const inside = model.tags.map((tag) => tag.startsWith('I-'))
  const types = model.tags.map((tag) => tag.slice(2)) // '' for O
  let prevType: string | undefined // none before the first word
  const visit: FeatureVisitor = index ? (template, n, a, b, c) => add(lookup(index[template]!, n, a, b, c)) : () => undefined
  for (let i = 0; i < ctx.words.length; i++) {
    const prev = out[i - 1] ?? '<s>'
    const prev2 = out[i - 2] ?? '<s>'
    if (index) {
      scores.set(wordScores(model.weights, T, ctx.words[i]!))
      visitContextFeatures(ctx, i, prev, prev2, visit)
    } else {
      scores.fill(0)
      for (const feat of features(ctx, i, prev, prev2)) add(model.weights.get(feat))
    }
    // the best tag among those allowed here: an I- tag must continue an entity of its type
    let best = -1
    for (let t = 0; t < T; t++) {
      if (inside[t] && types[t] !== prevType) continue
      if (best < 0 || scores[t]! > scores[best]!) best = t
    }
    out.push(model.tags[best]!)
    prevType = types[best]
  }
  return out
}

/** Averaged perceptron training (lazy averaging); deterministic for a given seed. */
export function trainPerceptron(
  data: { words: string[]; tags: string[]; doc: DocumentFacts }[],
  tags: string[],
  opts: { epochs: number; seed: number; gazetteerDropout?: number; log?: (s: string) => void },
): TaggerModel {
  const T = tags.length
  const index = new Map(tags.map((t, i) => [t, i]))
  const weights = new Map<string, Float64Array>()
  const totals = new Map<string, Float64Array>()
  const stamps = new Map<string, Float64Array>()
  let clock = 0
  const row = (m: Map<string, Float64Array>, f: string) => {
    let r = m.get(f)
    if (!r) m.set(f, (r = new Float64Array(T)))
    return r
  }
  const update = (f: string, t: number, delta: number) => {
    const w = row(weights, f)
    const tot = row(totals, f)
    const st = row(stamps, f)
    tot[t]! += (clock - st[t]!) * w[t]!
    st[t] = clock
    w[t]! += delta
  }
  let seed = opts.seed
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const order = data.map((_, i) => i)
  const model = { tags, weights }
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    let errors = 0
    let total = 0
    for (const k of order) {
      const s = data[k]!
      const drop = opts.gazetteerDropout ?? 0
      const ctx = featureContext(s.words, s.doc, drop > 0 ? () => random() < drop : undefined)
      const guess = tagSentence(model, ctx, { cacheWords: false })
      for (let i = 0; i < s.words.length; i++) {
        clock++
        total++
        if (guess[i] === s.tags[i]) continue
        errors++
        // the features that produced the guess (its own history), as in a greedy tagger's training
        for (const f of features(ctx, i, guess[i - 1] ?? '<s>', guess[i - 2] ?? '<s>')) {
          update(f, index.get(s.tags[i]!)!, 1)
          update(f, index.get(guess[i]!)!, -1)
        }
      }
    }
    opts.log?.(`epoch ${epoch + 1}: token accuracy ${(1 - errors / total).toFixed(4)}`)
  }
  const averaged: Record<string, number[]> = {}
  for (const [f, w] of weights) {
    const tot = totals.get(f)!
    const st = stamps.get(f)!
    const avg = Array.from(w, (v, t) => Math.round(((tot[t]! + (clock - st[t]!) * v) / clock) * 1000) / 1000)
    if (avg.some((v) => Math.abs(v) >= 0.002)) averaged[f] = avg
  }
  return { version: '', tags, weights: averaged }
}
