import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../../paths.js'
import { documentFacts, featureContext } from '../tagger/features.js'
import { tagSentence, type TaggerModel } from '../tagger/perceptron.js'
import type { Sentence, Token } from '../types.js'
import { unlimitedBudget, type Budget } from '../budget.js'

/** Bumped when the features or the training change; the model file carries it. */
export const TAGGER_VERSION = 'perceptron-3'

const MODEL_PATH = join(projectRoot, 'src/extraction/tagger/model.json')

/** A model ready for decoding: weights per feature in one shared buffer. */
export interface LoadedTagger {
  tags: string[]
  weights: Map<string, Float64Array>
}

let loaded: LoadedTagger | null | undefined

/** Loads the tagger's weights now, so that the first article's time budget does not pay for it. */
export const preloadTagger = (): void => void model()

function model() {
  if (loaded !== undefined) return loaded
  if (!existsSync(MODEL_PATH)) return (loaded = null)
  const m = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as TaggerModel
  if (m.version !== TAGGER_VERSION)
    throw new Error(`tagger model is ${m.version}, code expects ${TAGGER_VERSION}: run npm run train:tagger`)
  return (loaded = loadTagger(m))
}

/** Turns a trained model into its decoding form (the shipped file, or a fold's model in cross-validation). */
export function loadTagger(m: Pick<TaggerModel, 'tags' | 'weights'>): LoadedTagger {
  // one buffer for every weight, viewed per feature: far less memory than an array per feature
  const entries = Object.entries(m.weights)
  const all = new Float64Array(entries.length * m.tags.length)
  const weights = new Map<string, Float64Array>()
  entries.forEach(([feature, w], i) => {
    all.set(w, i * m.tags.length)
    weights.set(feature, all.subarray(i * m.tags.length, (i + 1) * m.tags.length))
  })
  return { tags: m.tags, weights }
}

/** A run of tokens the tagger labelled as one entity. */
export interface EntitySpan {
  type: string
  from: number // token index
  to: number // exclusive
}

/** Entity spans over the article's tokens from the learned tagger (empty without a model). */
export function tagEntities(sentences: Sentence[], tokens: Token[], budget: Budget = unlimitedBudget, tagger?: LoadedTagger): EntitySpan[] {
  const m = tagger ?? model()
  if (!m) return []
  const bySentence = sentences.map(() => [] as number[])
  tokens.forEach((t, i) => bySentence[t.sentence]!.push(i))
  const words = bySentence.map((idx) => idx.map((i) => tokens[i]!.text))
  const facts = documentFacts(words)
  const spans: EntitySpan[] = []
  bySentence.forEach((idx, s) => {
    if (idx.length === 0) return
    budget.check()
    const tags = tagSentence(m, featureContext(words[s]!, facts))
    tags.forEach((tag, k) => {
      if (tag === 'O') return
      const type = tag.slice(2)
      const last = spans.at(-1)
      if (tag.startsWith('I-') && last && last.type === type && last.to === idx[k]!) last.to = idx[k] + 1
      else spans.push({ type, from: idx[k]!, to: idx[k]! + 1 })
    })
  })
  return spans
}
