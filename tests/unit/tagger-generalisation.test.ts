import { describe, expect, it } from 'vitest'
import { buildGivenNames } from '../../src/extraction/lexicon/build-given-names.js'
import { crossValidate } from '../../src/extraction/tagger/cross-validate.js'
import { documentFacts, featureContext, features, NO_DOCUMENT_FACTS, wordFeatures } from '../../src/extraction/tagger/features.js'
import { splitSentences } from '../../src/extraction/stages/split-sentences.js'

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
    expect(featureContext(words, NO_DOCUMENT_FACTS).table).toBe(true)
    const hidden = featureContext(words, NO_DOCUMENT_FACTS, () => true)
    expect(hidden.gaz).toEqual(['-', '-', '-', '-'])
    expect(features(hidden, 0, '<s>', '<s>')).toContain('g=-')
  })
})

describe('features that need no name list', () => {
  it('describe a word by its cluster, affixes and letter pattern', () => {
    const f = wordFeatures('Kowalski')
    expect(f).toEqual(expect.arrayContaining(['p2=ko', 'p4=kowa', 's1=i', 's3=ski', 'cv=CCCV']))
    expect(f).toContain('c=none') // too rare in our news text for a cluster
    expect(wordFeatures('Blair').some((x) => x.startsWith('c4='))).toBe(true)
    expect(wordFeatures('Żółkiewski')).toContain('nonascii')
  })
  it('carry what the rest of the document says about a word (non-local features)', () => {
    const doc = documentFacts([
      ['Police', 'said', 'Xanana', 'Gusmao', 'met', 'the', 'envoy', '.'],
      ['GUSMAO', 'SPEAKS', 'OUT'],
      ['Gusmao', 'said', 'talks', 'would', 'go', 'on', '.'],
      ['Will', 'the', 'talks', 'go', 'on', '?', 'They', 'will', '.'],
    ])
    expect(doc.runEnds.has('Gusmao')).toBe(true)
    expect(doc.capitalisedMid.has('Gusmao')).toBe(true)
    expect(doc.lowercase.has('will')).toBe(true)
    // the sentence-initial "Gusmao" and the headline's "GUSMAO" both know the name ended a run mid-sentence
    expect(features(featureContext(['Gusmao', 'said'], doc), 0, '<s>', '<s>')).toEqual(
      expect.arrayContaining(['docend=first', 'doccap=C|-|first']),
    )
    expect(features(featureContext(['GUSMAO', 'SPEAKS'], doc), 0, '<s>', '<s>')).toContain('docend=first')
    expect(features(featureContext(['Will', 'they'], doc), 0, '<s>', '<s>')).toContain('doccap=-|L|first')
  })
})

describe('sentences', () => {
  it("do not end at the initials before a surname, but do at a body's initials before a new sentence", () => {
    const texts = (t: string) => splitSentences(t).map((s) => s.text)
    expect(texts('Former president P.W. Botha could be called. Commissioner W.N.F. Chandraratne denies it.')).toEqual([
      'Former president P.W. Botha could be called.',
      'Commissioner W.N.F. Chandraratne denies it.',
    ])
    expect(texts('They met leaders of the A.N.C. The talks went on.')).toHaveLength(2)
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
