/**
 * Trains the averaged-perceptron entity tagger on the CoNLL-2003 *training* split and writes
 * src/extraction/tagger/model.json. Reproducible: same data, same seed, same model.
 *
 *   npm run train:tagger -- [path/to/conll2003-train.jsonl] [--epochs 10]
 *
 * With `--folds k` it writes no model: it cross-validates the people pipeline over the training
 * split (train on k-1 folds, score exact-span person mentions on the held-out one), prints P/R/F1
 * and writes every fold's missed and spurious mentions to `--errors` (default
 * node_modules/.cache/newsdesk/tagger-cv-errors.json) for error analysis that never looks at dev.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { crossValidate, type FoldDoc } from '../src/extraction/tagger/cross-validate.js'
import { trainPerceptron } from '../src/extraction/tagger/perceptron.js'
import { ENTITY_TAGS, toTrainingSentences } from '../src/extraction/tagger/training-data.js'
import { TAGGER_VERSION } from '../src/extraction/stages/tag-entities.js'

const SEED = 20261126
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    epochs: { type: 'string', default: '10' },
    'gazetteer-dropout': { type: 'string', default: '0' },
    folds: { type: 'string' },
    errors: { type: 'string' },
  },
})
const epochs = Number(values.epochs)
const gazetteerDropout = Number(values['gazetteer-dropout'])
const path = positionals[0] ?? '../shared/data/people/conll2003-train.jsonl'
if (/dev|test/.test(path)) throw new Error('train only on a training split, never on dev or test data')

const docs = readFileSync(path, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as FoldDoc)
const started = Date.now()
const seconds = () => ((Date.now() - started) / 1000).toFixed(1)

if (values.folds) {
  const folds = Number(values.folds)
  const cv = crossValidate(docs, { folds, epochs, seed: SEED, gazetteerDropout, log: console.log })
  const fmt = (s: { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number }) =>
    `P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`
  console.log(`${folds}-fold cross-validation, ${docs.length} documents, ${seconds()} s`)
  console.log(`person mentions, exact span: ${fmt(cv.all)}`)
  console.log(`without sports tables:       ${fmt(cv.withoutTables)}`)
  const errorsPath = values.errors ?? 'node_modules/.cache/newsdesk/tagger-cv-errors.json'
  mkdirSync(dirname(errorsPath), { recursive: true })
  writeFileSync(errorsPath, JSON.stringify(cv.errors, null, 1))
  console.log(`missed and spurious mentions per document: ${errorsPath}`)
} else {
  const sentences = docs.flatMap(toTrainingSentences)
  console.log(`${docs.length} documents, ${sentences.length} sentences, ${sentences.reduce((n, s) => n + s.words.length, 0)} tokens`)
  const model = trainPerceptron(sentences, ENTITY_TAGS, { epochs, seed: SEED, gazetteerDropout, log: console.log })
  model.version = TAGGER_VERSION
  const out = new URL('../src/extraction/tagger/model.json', import.meta.url)
  writeFileSync(out, JSON.stringify(model))
  console.log(`${Object.keys(model.weights).length} features kept; trained in ${seconds()} s; wrote ${out.pathname}`)
}
