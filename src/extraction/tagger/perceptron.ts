import { contextFeatures, featureContext, features, wordFeatures, type FeatureContext } from './features.js'

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

/** Greedy left-to-right decoding with the previous two tags as features. */
export function tagSentence(
  model: { tags: string[]; weights: Weights },
  ctx: FeatureContext,
  opts: { cacheWords?: boolean } = { cacheWords: true },
): string[] {
  const out: string[] = []
  const scores = new Float64Array(model.tags.length)
  for (let i = 0; i < ctx.words.length; i++) {
    const own = opts.cacheWords ? wordScores(model.weights, scores.length, ctx.words[i]!) : null
    if (own) scores.set(own)
    else scores.fill(0)
    const feats = own
      ? contextFeatures(ctx, i, out[i - 1] ?? '<s>', out[i - 2] ?? '<s>')
      : features(ctx, i, out[i - 1] ?? '<s>', out[i - 2] ?? '<s>')
    for (const feat of feats) {
      const w = model.weights.get(feat)
      if (!w) continue
      for (let t = 0; t < scores.length; t++) scores[t]! += w[t]!
    }
    // the best tag among those allowed here: an I- tag must continue an entity of its type
    const prevType = out[i - 1]?.slice(2)
    let best = -1
    for (let t = 0; t < scores.length; t++) {
      const tag = model.tags[t]!
      if (tag.startsWith('I-') && tag.slice(2) !== prevType) continue
      if (best < 0 || scores[t]! > scores[best]!) best = t
    }
    out.push(model.tags[best]!)
  }
  return out
}

/** Averaged perceptron training (lazy averaging); deterministic for a given seed. */
export function trainPerceptron(
  data: { words: string[]; tags: string[]; docNames: ReadonlySet<string> }[],
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
      const ctx = featureContext(s.words, s.docNames, drop > 0 ? () => random() < drop : undefined)
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
