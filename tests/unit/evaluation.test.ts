import { describe, expect, it } from 'vitest'
import { checkFloors } from '../../src/cli/eval-command.js'
import { matchSpans, prf } from '../../src/evaluation/match.js'
import { isSportsTable } from '../../src/evaluation/people.js'
import { isSpeechCue, scoreQuoteDoc } from '../../src/evaluation/quotes.js'
import { stripQuotationMarks } from '../../src/evaluation/strip-quotes.js'

describe('evaluation', () => {
  it('matches spans one-to-one by the share of the gold span covered', () => {
    const gold = [
      { start: 0, end: 10 },
      { start: 20, end: 30 },
    ]
    const predicted = [
      { start: 0, end: 4 },
      { start: 5, end: 9 },
      { start: 22, end: 40 },
    ]
    const m = matchSpans(gold, predicted, 0.3)
    expect(m.pairs).toEqual([
      [gold[1], predicted[2]],
      [gold[0], predicted[0]],
    ])
    expect(m.spurious).toEqual([predicted[1]])
    expect(prf(2, 1, 0)).toMatchObject({ precision: 2 / 3, recall: 1, f1: 0.8 })
  })
  it('strips quotation marks but not apostrophes, and shifts offsets', () => {
    const text = "“It’s done,” he said of ‘the plan’ and ''this.''"
    const s = stripQuotationMarks(text)
    expect(s.text).toBe('It’s done, he said of the plan and this.')
    const at = text.indexOf('he said')
    expect(s.text.slice(s.map(at), s.map(at + 7))).toBe('he said')
  })
  it('keeps speech cues and drops beliefs and evidence', () => {
    expect(['said', 'according to', 'told', 'said in a statement', ':', 'tweeted'].every(isSpeechCue)).toBe(true)
    expect(['believes', 'shows', 'wants', 'found', null].some(isSpeechCue)).toBe(false)
  })
  it('scores a document as written and with marks stripped', () => {
    const text = 'The plan failed, Smith said.\n“It is over,” Jones said.'
    const doc = {
      id: 'd',
      text,
      quotes: [
        {
          speaker: 'Smith',
          cue: 'said',
          content: 'The plan failed',
          contentStart: 0,
          contentEnd: 15,
          speakerStart: 17,
          speakerEnd: 22,
          cueStart: 23,
          cueEnd: 27,
        },
        {
          speaker: 'Jones',
          cue: 'said',
          content: '“It is over,”',
          contentStart: 29,
          contentEnd: 42,
          speakerStart: 43,
          speakerEnd: 48,
          cueStart: 49,
          cueEnd: 53,
        },
        { speaker: 'Jones', cue: 'believes', content: 'x', contentStart: 0, contentEnd: 1 },
      ],
    }
    for (const strip of [false, true]) {
      const r = scoreQuoteDoc(doc, { threshold: 0.3, strip })
      expect(r.counts).toMatchObject({ tp: 2, fp: 0, fn: 0, speakerOk: 2, cueOk: 2 })
    }
  })
  it('counts an unnamed speaker right when the gold names no source either', () => {
    const text = 'Asked whether the plan would work, the mayor said she hoped so.'
    const question = { start: 6, end: 33 }
    expect(text.slice(question.start, question.end)).toBe('whether the plan would work')
    const doc = {
      id: 'q',
      text,
      quotes: [{ speaker: null, cue: 'Asked', content: 'whether the plan would work', contentStart: 6, contentEnd: 33 }],
    }
    const r = scoreQuoteDoc(doc, { threshold: 0.3, strip: false })
    expect(r.counts).toMatchObject({ tp: 1, fn: 0, speakerOk: 1 })
  })
  it('recognises sports result tables', () => {
    expect(isSportsTable('RESULTS\nSmith 3 4\nJones 2 1\nBrown 6 0\nGreen 1 1')).toBe(true)
    expect(isSportsTable('Prices rose.\nThe bank said so.\nMore text here.\nAnd more.')).toBe(false)
  })
  it('reports scores under their floors', () => {
    const results = { 'a.jsonl': { asWritten30: { quotes: { f1: 0.7 } } } }
    expect(checkFloors(results, { 'a.jsonl': { 'asWritten30.quotes.f1': 0.75, 'nope.f1': 0.1 }, 'other.jsonl': { x: 1 } })).toEqual([
      'a.jsonl asWritten30.quotes.f1 = 0.700 < 0.75',
      'a.jsonl nope.f1 = missing < 0.1',
    ])
  })
})

describe('learned reporting verbs', () => {
  it('keeps cue verbs that mostly report a clause and drops beliefs and one-offs', async () => {
    const { learnSpeechVerbs } = await import('../../src/extraction/lexicon/build-speech-verbs.js')
    const a = (cue: string, content: string) => ({ cue, content })
    const data = [
      ...Array(4).fill(a('said', 'that the plan would fail soon')),
      ...Array(4).fill(a('quipped', '“we are all doomed here”')),
      ...Array(4).fill(a('believes', 'that taxes are too high now')),
      ...Array(4).fill(a('praised', 'the mayor')),
      a('muttered', 'that nobody listened to him'),
    ]
    expect(learnSpeechVerbs(data)).toEqual(['quipped', 'said'])
  })
})
