/**
 * Hierarchical word clusters learned from unlabelled text, a cheap stand-in for Brown clusters:
 * each word is described by the words around it (one and two to the left and right; frequent
 * words by themselves, rare ones by their shape), weighted by positive PMI (sparse vectors); the
 * words are grouped by spherical k-means, and the groups are joined into one binary tree by Ward
 * merges. A word's cluster is its group's path in the tree as a bit string ("0110..."), so
 * prefixes of it are coarser clusters, as with Brown clusters. Words that occur in the same places
 * share prefixes: surnames from any language fall together because they stand after given names
 * and before "said".
 *
 * Deterministic: the same sentences in the same order give the same clusters.
 */

export interface ClusterOptions {
  /** Words seen fewer times are left out. */
  minCount: number
  /** How many frequent lowercase words describe contexts by themselves. */
  contextWords: number
  /** Flat clusters under the tree. */
  clusters: number
  /** Longest bit string. */
  depth: number
  /** Most words kept (the most frequent). */
  maxWords: number
  seed: number
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  minCount: 4,
  contextWords: 1000,
  clusters: 320,
  depth: 32,
  maxWords: 60_000,
  seed: 20261207,
}

/** A coarse class for a context word outside the frequent list. */
function contextClass(w: string): string {
  if (/^\p{Lu}/u.test(w)) return w.length > 1 && w === w.toUpperCase() ? '<CAPS>' : '<Cap>'
  if (/^\p{Ll}/u.test(w)) return '<low>'
  if (/^\p{N}/u.test(w)) return '<num>'
  return '<punct>'
}

const isWord = (w: string) => /^\p{L}/u.test(w)

/** Word -> bit string for every word of the sentences seen at least `minCount` times. */
export function buildWordClusters(sentences: Iterable<string[]>, options: Partial<ClusterOptions> = {}): Map<string, string> {
  const opts = { ...DEFAULT_CLUSTER_OPTIONS, ...options }
  const all: string[][] = []
  const counts = new Map<string, number>()
  const lowerCounts = new Map<string, number>()
  for (const s of sentences) {
    all.push(s)
    for (const w of s) {
      counts.set(w, (counts.get(w) ?? 0) + 1)
      const l = w.toLowerCase()
      lowerCounts.set(l, (lowerCounts.get(l) ?? 0) + 1)
    }
  }
  const byFrequency = <K extends string>(m: Map<K, number>) =>
    [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const vocab = byFrequency(counts)
    .filter(([w, c]) => c >= opts.minCount && isWord(w))
    .slice(0, opts.maxWords)
    .map(([w]) => w)
  const wordId = new Map(vocab.map((w, i) => [w, i]))
  const frequent = new Set(
    byFrequency(lowerCounts)
      .slice(0, opts.contextWords)
      .map(([w]) => w),
  )

  // co-occurrence counts: context feature = slot (-2, -1, +1, +2) and word or class
  const featureId = new Map<string, number>()
  const cooc = vocab.map(() => new Map<number, number>())
  const featureTotals: number[] = []
  let total = 0
  const ctx = (s: string[], j: number) => {
    if (j < 0) return '<s>'
    if (j >= s.length) return '</s>'
    const l = s[j]!.toLowerCase()
    return frequent.has(l) ? l : contextClass(s[j]!)
  }
  for (const s of all) {
    for (let i = 0; i < s.length; i++) {
      const id = wordId.get(s[i]!)
      if (id === undefined) continue
      for (const [slot, j] of [
        ['L1', i - 1],
        ['R1', i + 1],
        ['L2', i - 2],
        ['R2', i + 2],
      ] as const) {
        const key = `${slot}:${ctx(s, j)}`
        let f = featureId.get(key)
        if (f === undefined) {
          featureId.set(key, (f = featureTotals.length))
          featureTotals.push(0)
        }
        cooc[id]!.set(f, (cooc[id]!.get(f) ?? 0) + 1)
        featureTotals[f]!++
        total++
      }
    }
  }

  // positive PMI, kept sparse: a word is described by the contexts it favours, normalised to unit length
  const F = featureTotals.length
  const wordTotals = vocab.map((_, id) => [...cooc[id]!.values()].reduce((x, y) => x + y, 0))
  const words: Sparse[] = vocab.map((_, id) => {
    const entries = [...cooc[id]!]
      .map(([f, c]) => [f, Math.log((c * total) / (wordTotals[id]! * featureTotals[f]!))] as const)
      .filter(([, pmi]) => pmi > 0)
      .sort((x, y) => x[0] - y[0])
    const values = Float64Array.from(entries, ([, v]) => v)
    const norm = Math.hypot(...values) || 1
    return { ids: Int32Array.from(entries, ([f]) => f), values: values.map((v) => v / norm) }
  })

  let state = opts.seed >>> 0 || 1
  const random = () => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 4294967296
  }
  // flat clusters first (k-means), then a tree over them by Ward merges, as Brown's merges would build it
  const weight = vocab.map((w) => Math.log(1 + counts.get(w)!))
  const k = Math.min(opts.clusters, vocab.length)
  const { assignment, centroids } = kMeans(words, F, k, weight, random)
  const paths = treePaths(centroids, F, assignment, k, weight)
  const bits = new Map<string, string>()
  vocab.forEach((w, i) => bits.set(w, paths[assignment[i]!]!.slice(0, opts.depth) || '0'))
  return bits
}

interface Sparse {
  ids: Int32Array
  values: Float64Array
}

/** Sparse word . dense row j of `dense` (F columns). */
function dot(w: Sparse, dense: Float64Array, F: number, j: number): number {
  let s = 0
  const o = j * F
  for (let x = 0; x < w.ids.length; x++) s += w.values[x]! * dense[o + w.ids[x]!]!
  return s
}

function normalise(v: Float64Array): void {
  let n = 0
  for (let d = 0; d < v.length; d++) n += v[d]! * v[d]!
  n = Math.sqrt(n)
  if (n > 0) for (let d = 0; d < v.length; d++) v[d]! /= n
}

/** Spherical k-means; seeded with k-means++ over the words (deterministic through `random`). */
function kMeans(
  words: Sparse[],
  F: number,
  k: number,
  weight: number[],
  random: () => number,
): { assignment: Int32Array; centroids: Float64Array } {
  const n = words.length
  const centroids = new Float64Array(k * F)
  const seed = (j: number, m: number) => words[m]!.ids.forEach((f, x) => (centroids[j * F + f] = words[m]!.values[x]!))
  const best = new Float64Array(n).fill(Infinity) // 1 - cosine to the nearest seed so far
  let c = 0 // the most frequent word seeds the first cluster
  for (let j = 0; j < k; j++) {
    seed(j, c)
    let sum = 0
    for (let m = 0; m < n; m++) {
      const d = Math.max(0, 1 - dot(words[m]!, centroids, F, j))
      if (d < best[m]!) best[m] = d
      sum += best[m]! * best[m]! * weight[m]!
    }
    let r = random() * sum
    c = n - 1
    for (let m = 0; m < n; m++) {
      r -= best[m]! * best[m]! * weight[m]!
      if (r <= 0) {
        c = m
        break
      }
    }
  }
  const assignment = new Int32Array(n)
  for (let iter = 0; iter < 10; iter++) {
    let moved = 0
    for (let m = 0; m < n; m++) {
      let top = 0
      let topScore = -Infinity
      for (let j = 0; j < k; j++) {
        const s = dot(words[m]!, centroids, F, j)
        if (s > topScore) {
          topScore = s
          top = j
        }
      }
      if (assignment[m] !== top || iter === 0) moved++
      assignment[m] = top
    }
    centroids.fill(0)
    for (let m = 0; m < n; m++) {
      const o = assignment[m]! * F
      words[m]!.ids.forEach((f, x) => (centroids[o + f]! += weight[m]! * words[m]!.values[x]!))
    }
    for (let j = 0; j < k; j++) normalise(centroids.subarray(j * F, (j + 1) * F))
    if (moved === 0) break
  }
  return { assignment, centroids }
}

/** Bit path of each flat cluster in a binary tree built by Ward merges of the cluster centroids (more balanced than average linkage). */
function treePaths(centroids: Float64Array, F: number, assignment: Int32Array, k: number, weight: number[]): string[] {
  const D = F
  const means: Float64Array[] = Array.from({ length: k }, (_, j) => centroids.slice(j * F, (j + 1) * F))
  const sizes = new Array<number>(k).fill(0)
  assignment.forEach((j, m) => (sizes[j]! += weight[m]!))
  const children: ([number, number] | null)[] = Array.from({ length: k }, () => null)
  let alive = [...Array(k).keys()].filter((j) => sizes[j]! > 0)
  const cost = (a: number, b: number) => {
    let s = 0
    for (let d = 0; d < D; d++) s += (means[a]![d]! - means[b]![d]!) ** 2
    return (s * sizes[a]! * sizes[b]!) / (sizes[a]! + sizes[b]!)
  }
  // merge costs between live nodes, kept up to date as nodes merge
  const costs = new Map<number, Map<number, number>>()
  const setCost = (a: number, b: number) => {
    if (!costs.has(a)) costs.set(a, new Map())
    costs.get(a)!.set(b, cost(a, b))
  }
  for (let x = 0; x < alive.length; x++) for (let y = x + 1; y < alive.length; y++) setCost(alive[x]!, alive[y]!)
  while (alive.length > 1) {
    let a = -1
    let b = -1
    let bs = Infinity
    for (const [x, row] of costs)
      for (const [y, c] of row)
        if (c < bs) {
          bs = c
          a = x
          b = y
        }
    const n = sizes[a]! + sizes[b]!
    means.push(means[a]!.map((v, d) => (v * sizes[a]! + means[b]![d]! * sizes[b]!) / n))
    sizes.push(n)
    children.push([a, b])
    const node = means.length - 1
    alive = alive.filter((j) => j !== a && j !== b)
    costs.delete(a)
    costs.delete(b)
    for (const row of costs.values()) {
      row.delete(a)
      row.delete(b)
    }
    for (const j of alive) setCost(j, node)
    alive.push(node)
  }
  const paths = new Array<string>(k).fill('')
  const walk = (node: number, path: string) => {
    const c = children[node]
    if (!c) return void (paths[node] = path)
    walk(c[0], path + '0')
    walk(c[1], path + '1')
  }
  if (alive.length === 1) walk(alive[0]!, '')
  return paths
}
