import { describe, expect, it } from 'vitest'
import { buildGivenNames } from '../../src/extraction/lexicon/build-given-names.js'
import { crossValidate } from '../../src/extraction/tagger/cross-validate.js'
import { featureContext, features } from '../../src/extraction/tagger/features.js'

describe('name lexicons', () => {
  it('keeps Latin-script names of many languages and drops words the training text uses for places and clubs', () => {
    const docs = [
      {
        personMentions: [{ text: 'Ngozi Okonjo' }],
        otherEntities: [
          { text: 'Chelsea', type: 'ORG' },
          { text: 'Jordan', type: 'LOC' },
        ],
      },
    ]
    expect(buildGivenNames(['Aarav', 'José', 'Chelsea', 'Jordan', 'Иван', 'Al', 'Ngozi'], docs)).toEqual(['Aarav', 'José', 'Ngozi'])
  })
})

describe('tagger features', () => {
  it('marks lines of results tables and hides name-list facts when asked (gazetteer dropout)', () => {
    const words = ['John', 'Smith', '70', '68']
    expect(featureContext(words, new Set()).table).toBe(true)
    const hidden = featureContext(words, new Set(), () => true)
    expect(hidden.gaz).toEqual(['-', '-', '-', '-'])
    expect(features(hidden, 0, '<s>', '<s>')).toContain('g=-')
  })
})

describe('cross-validation', () => {
  it('scores every document once, by a tagger trained on the other folds', () => {
    const doc = (id: string, name: string) => {
      const text = `${name} said on Monday he would stay in Paris.`
      return { id, text, personMentions: [{ text: name, start: 0, end: name.length }], otherEntities: [] }
    }
    const docs = [doc('a', 'John Smith'), doc('b', 'Mary Jones'), doc('c', 'Peter Brown'), doc('d', 'Anna Weber')]
    const cv = crossValidate(docs, { folds: 2, epochs: 3, seed: 1 })
    expect(cv.errors.map((e) => e.id).sort()).toEqual(['a', 'b', 'c', 'd'])
    expect(cv.all.tp + cv.all.fn).toBe(4)
    expect(cv.perFold).toHaveLength(2)
  })
})
