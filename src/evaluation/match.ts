import type { Span } from '../extraction/types.js'

export interface PRF {
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
  f1: number
}

export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { tp, fp, fn, precision, recall, f1 }
}

export const overlapChars = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start))

/**
 * One-to-one matching of predicted to gold spans: a pair qualifies when the overlap covers at
 * least `threshold` of the gold span's characters; pairs are taken greedily by overlap size.
 */
export function matchSpans<G extends Span, P extends Span>(
  gold: G[],
  predicted: P[],
  threshold: number,
): { pairs: [G, P][]; missed: G[]; spurious: P[] } {
  const candidates: { g: number; p: number; overlap: number }[] = []
  gold.forEach((g, gi) =>
    predicted.forEach((p, pi) => {
      const overlap = overlapChars(g, p)
      const goldLength = Math.max(1, g.end - g.start)
      if (overlap > 0 && overlap / goldLength >= threshold) candidates.push({ g: gi, p: pi, overlap })
    }),
  )
  candidates.sort((a, b) => b.overlap - a.overlap)
  const usedG = new Set<number>()
  const usedP = new Set<number>()
  const pairs: [G, P][] = []
  for (const c of candidates) {
    if (usedG.has(c.g) || usedP.has(c.p)) continue
    usedG.add(c.g)
    usedP.add(c.p)
    pairs.push([gold[c.g]!, predicted[c.p]!])
  }
  return { pairs, missed: gold.filter((_, i) => !usedG.has(i)), spurious: predicted.filter((_, i) => !usedP.has(i)) }
}

/** "the Kremlin" ~ "Kremlin"; "China's" ~ "China’s": speaker names compared loosely. */
export const normaliseName = (s: string) => s.toLowerCase().replace(/’/g, "'").replace(/^the /, '').replace(/\s+/g, ' ').trim()
