import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../../paths.js'

/** Family names of many languages (public per-locale lists, see scripts/build-lexicons.ts): a tagger feature, not a rule. */
export const SURNAMES: ReadonlySet<string> = new Set(
  readFileSync(join(projectRoot, 'src/extraction/lexicon/surnames.txt'), 'utf8').split('\n').filter(Boolean),
)
