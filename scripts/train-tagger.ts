/**
 * Trains the averaged-perceptron entity tagger on the CoNLL-2003 *training* split and writes
 * src/extraction/tagger/model.json. Reproducible: same data, same seed, same model.
 *
 *   npm run train:tagger -- [path/to/conll2003-train.jsonl] [--epochs 10]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { trainPerceptron } from '../src/extraction/tagger/perceptron.js'
import { ENTITY_TAGS, toTrainingSentences, type EntityDoc } from '../src/extraction/tagger/training-data.js'
import { TAGGER_VERSION } from '../src/extraction/stages/tag-entities.js'

const args = process.argv.slice(2)
const epochsAt = args.indexOf('--epochs')
const epochs = epochsAt >= 0 ? Number(args[epochsAt + 1]) : 10
const path = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--epochs') ?? '../shared/data/people/conll2003-train.jsonl'
if (/dev|test/.test(path)) throw new Error('train only on a training split, never on dev or test data')

const docs = readFileSync(path, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as EntityDoc)
const sentences = docs.flatMap(toTrainingSentences)
console.log(`${docs.length} documents, ${sentences.length} sentences, ${sentences.reduce((n, s) => n + s.words.length, 0)} tokens`)
const started = Date.now()
const model = trainPerceptron(sentences, ENTITY_TAGS, { epochs, seed: 20261126, log: console.log })
model.version = TAGGER_VERSION
const out = new URL('../src/extraction/tagger/model.json', import.meta.url)
writeFileSync(out, JSON.stringify(model))
console.log(
  `${Object.keys(model.weights).length} features kept; trained in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${out.pathname}`,
)
