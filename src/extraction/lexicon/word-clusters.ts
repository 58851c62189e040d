import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../../paths.js'

/**
 * Hierarchical word clusters learned from unlabelled news text (scripts/build-word-clusters.ts):
 * word -> bit string, whose prefixes are coarser clusters. A tagger feature, not a rule.
 */
export const WORD_CLUSTERS: ReadonlyMap<string, string> = new Map(
  readFileSync(join(projectRoot, 'src/extraction/lexicon/word-clusters.txt'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t')
      return [line.slice(0, tab), line.slice(tab + 1)] as const
    }),
)

/** The word's cluster, or that of its lowercase or capitalised form ("SALAH" -> "Salah"), or '' when it has none. */
export function wordCluster(w: string): string {
  const exact = WORD_CLUSTERS.get(w)
  if (exact !== undefined) return exact
  const lower = w.toLowerCase()
  return WORD_CLUSTERS.get(lower) ?? WORD_CLUSTERS.get(lower.charAt(0).toUpperCase() + lower.slice(1)) ?? ''
}
