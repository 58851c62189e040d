import { matchSpans, prf, type PRF } from '../../evaluation/match.js'
import { isSportsTable } from '../../evaluation/people.js'
import { findPersonNames } from '../stages/find-people.js'
import { resolvePeople } from '../stages/resolve-people.js'
import { splitSentences } from '../stages/split-sentences.js'
import { loadTagger, tagEntities, type LoadedTagger } from '../stages/tag-entities.js'
import { tokenize } from '../stages/tokenize.js'
import { trainPerceptron } from './perceptron.js'
import { ENTITY_TAGS, toTrainingSentences, type EntityDoc } from './training-data.js'

export interface FoldDoc extends EntityDoc {
  id: string
  personMentions: { text: string; start: number; end: number }[]
}

export interface FoldErrors {
  id: string
  sportsTable: boolean
  /** Gold person mentions not found with exact boundaries, and predicted ones not in the gold, each with its sentence. */
  missed: { text: string; line: string }[]
  spurious: { text: string; line: string }[]
}

interface Counts {
  tp: number
  fp: number
  fn: number
}

/** Person mentions of one document as the pipeline reports them (names and aliases), with a given tagger. */
export function personMentions(text: string, tagger: LoadedTagger): { start: number; end: number }[] {
  const sentences = splitSentences(text)
  const tokens = tokenize(sentences)
  const people = resolvePeople(text, tokens, findPersonNames(tokens, tagEntities(sentences, tokens, undefined, tagger)))
  return people.flatMap((p) => p.mentions.filter((m) => m.kind === 'name' || m.kind === 'alias'))
}

const lineAround = (text: string, start: number) =>
  text.slice(text.lastIndexOf('\n', start) + 1, (text.indexOf('\n', start) + 1 || text.length + 1) - 1)

function scoreDoc(doc: FoldDoc, tagger: LoadedTagger): { counts: Counts; errors: FoldErrors } {
  const predicted = personMentions(doc.text, tagger)
  const { pairs } = matchSpans(doc.personMentions, predicted, 1)
  const exact = pairs.filter(([g, p]) => g.start === p.start && g.end === p.end)
  const missed = doc.personMentions.filter((g) => !exact.some(([x]) => x === g))
  const spurious = predicted.filter((p) => !exact.some(([, x]) => x === p))
  const show = (s: { start: number; end: number }) => ({ text: doc.text.slice(s.start, s.end), line: lineAround(doc.text, s.start) })
  return {
    counts: { tp: exact.length, fp: spurious.length, fn: missed.length },
    errors: { id: doc.id, sportsTable: isSportsTable(doc.text), missed: missed.map(show), spurious: spurious.map(show) },
  }
}

/**
 * k-fold cross-validation of the whole people pipeline over a *training* split: documents are dealt
 * to folds round-robin, each fold is scored (exact-span person mentions) by a tagger trained on the others.
 */
export function crossValidate(
  docs: FoldDoc[],
  opts: { folds: number; epochs: number; seed: number; gazetteerDropout?: number; log?: (s: string) => void },
): { all: PRF; withoutTables: PRF; perFold: PRF[]; errors: FoldErrors[] } {
  const all: Counts = { tp: 0, fp: 0, fn: 0 }
  const text: Counts = { tp: 0, fp: 0, fn: 0 }
  const perFold: PRF[] = []
  const errors: FoldErrors[] = []
  const add = (a: Counts, b: Counts) => ((a.tp += b.tp), (a.fp += b.fp), (a.fn += b.fn))
  for (let k = 0; k < opts.folds; k++) {
    const train = docs.filter((_, i) => i % opts.folds !== k)
    const held = docs.filter((_, i) => i % opts.folds === k)
    const trained = trainPerceptron(train.flatMap(toTrainingSentences), ENTITY_TAGS, {
      epochs: opts.epochs,
      seed: opts.seed,
      gazetteerDropout: opts.gazetteerDropout,
    })
    const tagger = loadTagger(trained)
    const fold: Counts = { tp: 0, fp: 0, fn: 0 }
    for (const doc of held) {
      const r = scoreDoc(doc, tagger)
      add(fold, r.counts)
      add(all, r.counts)
      if (!r.errors.sportsTable) add(text, r.counts)
      errors.push(r.errors)
    }
    const score = prf(fold.tp, fold.fp, fold.fn)
    perFold.push(score)
    opts.log?.(
      `fold ${k + 1}/${opts.folds}: ${held.length} docs, P ${score.precision.toFixed(3)} R ${score.recall.toFixed(3)} F1 ${score.f1.toFixed(3)}`,
    )
  }
  return { all: prf(all.tp, all.fp, all.fn), withoutTables: prf(text.tp, text.fp, text.fn), perFold, errors }
}
