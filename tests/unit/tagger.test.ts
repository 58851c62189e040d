import { describe, expect, it } from 'vitest'
import { documentSurnames, featureContext, features, NO_DOCUMENT_FACTS, shape } from '../../src/extraction/tagger/features.js'
import { tagSentence, trainPerceptron } from '../../src/extraction/tagger/perceptron.js'
import { toTrainingSentences } from '../../src/extraction/tagger/training-data.js'
import { splitSentences } from '../../src/extraction/stages/split-sentences.js'
import { tagEntities } from '../../src/extraction/stages/tag-entities.js'
import { tokenize } from '../../src/extraction/stages/tokenize.js'
import { extract } from '../../src/extraction/pipeline.js'
import { GIVEN_NAMES } from '../../src/extraction/lexicon/index.js'

describe('tagger features', () => {
  it('collapses word shapes', () => {
    expect(['McDonald', 'U.S.', '1996', 'Österreich', 'co-op'].map(shape)).toEqual(['XxXx', 'X.X.', 'd', 'Xx', 'x-x'])
  })
  it('marks words seen after a given name anywhere in the document', () => {
    expect([
      ...documentSurnames([
        ['Phil', 'Simmons', 'took', 'four'],
        ['Then', 'Simmons', 'left'],
      ]),
    ]).toEqual(['Simmons'])
    const ctx = featureContext(['Then', 'Simmons', 'left'], { ...NO_DOCUMENT_FACTS, names: new Set(['Simmons']) })
    expect(features(ctx, 1, 'O', '<s>')).toEqual(expect.arrayContaining(['docname', 'w=Simmons', 'sh=Xx', 't1=O', 'lw-1=then']))
  })
})

describe('averaged perceptron', () => {
  it('learns a separable toy task and never emits an I- tag that does not continue an entity', () => {
    const data = [
      { words: ['John', 'Smith', 'went', 'to', 'Paris', '.'], tags: ['B-PER', 'I-PER', 'O', 'O', 'B-LOC', 'O'] },
      { words: ['Mary', 'Jones', 'visited', 'Rome', '.'], tags: ['B-PER', 'I-PER', 'O', 'B-LOC', 'O'] },
      { words: ['They', 'went', 'to', 'London', '.'], tags: ['O', 'O', 'O', 'B-LOC', 'O'] },
    ].map((d) => ({ ...d, doc: NO_DOCUMENT_FACTS }))
    const trained = trainPerceptron(data, ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'], { epochs: 10, seed: 7 })
    const model = { tags: trained.tags, weights: new Map(Object.entries(trained.weights)) }
    for (const d of data) expect(tagSentence(model, featureContext(d.words, d.doc))).toEqual(d.tags)
    const odd = tagSentence(model, featureContext(['Smith', 'went'], NO_DOCUMENT_FACTS))
    expect(odd[0]!.startsWith('I-')).toBe(false)
  })
  it('labels training sentences from entity offsets with the runtime tokenizer', () => {
    const text = 'Jimi Hendrix played in London.'
    const [s] = toTrainingSentences({ text, personMentions: [{ start: 0, end: 12 }], otherEntities: [{ start: 23, end: 29, type: 'LOC' }] })
    expect(s!.words).toEqual(['Jimi', 'Hendrix', 'played', 'in', 'London', '.'])
    expect(s!.tags).toEqual(['B-PER', 'I-PER', 'O', 'O', 'B-LOC', 'O'])
  })
})

describe('the shipped tagger model', () => {
  const people = (body: string) => {
    const { people } = extract({ title: '', body })
    return people.map((p) => p.name)
  }
  const per = (text: string) => {
    const sentences = splitSentences(text)
    const tokens = tokenize(sentences)
    return tagEntities(sentences, tokens)
      .filter((e) => e.type === 'PER')
      .map((e) =>
        tokens
          .slice(e.from, e.to)
          .map((t) => t.text)
          .join(' '),
      )
  }
  it('finds full names and surnames the document introduced, and not places or clubs', () => {
    expect(per('Striker Alan Shearer scored twice for Newcastle in London.')).toEqual(['Alan Shearer'])
    expect(per('Russian President Boris Yeltsin met Alexander Lebed in Moscow. Lebed said the war was over.')).toEqual([
      'Boris Yeltsin',
      'Alexander Lebed',
      'Lebed',
    ])
  })
  it('finds names whose given name no list holds, from their shape, clusters and context', () => {
    expect(['Chukwuemeka', 'Zbigniew'].filter((n) => GIVEN_NAMES.has(n))).toEqual([])
    expect(people('Striker Chukwuemeka Okonkwo scored twice in the final. Okonkwo said the team was ready.')).toEqual([
      'Chukwuemeka Okonkwo',
    ])
    expect(people('Zbigniew Wodecki, the coach, said his players were tired.')).toEqual(['Zbigniew Wodecki'])
  })
  it('takes no club of a results table for a person, but the athletes of a ranked list', () => {
    expect(people('Ajax 2 PSV 1\nFeyenoord 3 Vitesse Arnhem 1')).toEqual([])
    expect(people('1. Michael Johnson (U.S.) 19.32\n2. Frankie Fredericks (Namibia) 19.68')).toEqual([
      'Michael Johnson',
      'Frankie Fredericks',
    ])
  })
})
