import { describe, expect, it } from 'vitest'
import { acceptableName, isRecordGold, scoreRecords, type RecordGoldLine } from '../../src/evaluation/records.js'

const line = (over: Partial<RecordGoldLine>): RecordGoldLine => ({
  file: 'a.txt',
  start: 0,
  end: 5,
  text: 'Mates',
  record: 'Mates',
  stratum: 'random',
  label: 'person',
  ...over,
})

describe('person records evaluation', () => {
  it('recognises a records file by its fields, not an identity or BBC gold file', () => {
    expect(isRecordGold(line({}) as unknown as Record<string, unknown>)).toBe(true)
    expect(isRecordGold({ file: 'a.txt', start: 0, end: 5, text: 'Blair', entity: 'Tony Blair (UK prime minister)' })).toBe(false)
    expect(isRecordGold({ id: 'x', file: 'a.txt', title: 't', quotes: [], people: [], personMentions: [] })).toBe(false)
  })

  it('accepts any of the acceptable names, case and spacing aside; the canonical name alone when names is absent', () => {
    const falconer = { name: 'Lord Falconer', names: ['Lord Falconer', 'Charles Falconer', 'Lord Falconer of Thoroton'] }
    expect(acceptableName(falconer, 'lord  falconer')).toBe(true)
    expect(acceptableName(falconer, 'Charles Falconer')).toBe(true)
    expect(acceptableName(falconer, 'Falconer')).toBe(false)
    expect(acceptableName({ name: 'Michael Mates' }, 'MICHAEL MATES')).toBe(true)
    expect(acceptableName({ name: 'Michael Mates' }, 'Mates')).toBe(false)
    expect(acceptableName({}, 'Anyone')).toBe(false)
  })

  it('counts listed non-people and mangled names per stratum, and the labelled people still listed', () => {
    const lines = [
      line({ stratum: 'top', record: 'Election', text: 'Election', label: 'not-person', kind: 'event' }),
      line({ stratum: 'top', record: 'Tony Blair', name: 'Tony Blair' }),
      line({ stratum: 'top', record: 'Princes Charles', name: 'Prince Charles', names: ['Prince Charles', 'Charles'] }),
      line({ stratum: 'one-word', record: 'Mates', name: 'Michael Mates' }),
      line({ stratum: 'one-word', record: 'Xbox', label: 'not-person', kind: 'product' }),
      line({ stratum: 'random', record: 'Harry Potter', name: 'Harry Potter' }),
      line({ stratum: 'random', record: 'Jo Bloggs', name: 'Jo Bloggs' }),
    ]
    const shown = [
      { name: 'Election' }, // still listed: not a person
      { name: 'Tony Blair' }, // right
      { name: 'Princes Charles' }, // listed under the typo: mangled
      { name: 'Michael Mates' }, // fixed since sampling: right
      null, // no longer listed: a non-person gone is no error
      { name: 'harry potter' }, // a fictional character is a person; case aside
      null, // a real person lost
    ]
    const r = scoreRecords(lines, shown)
    expect(r.verdicts).toEqual(['not-person', 'right', 'mangled', 'right', 'not-listed', 'right', 'not-listed'])
    expect(r.all).toMatchObject({ listed: 5, notPeople: 1, mangled: 1 })
    expect(r.all.errorRate).toBeCloseTo(2 / 5)
    expect(r.all.clean).toBeCloseTo(3 / 5)
    expect(r.strata.top).toMatchObject({ listed: 3, notPeople: 1, mangled: 1 })
    expect(r.strata['one-word']).toMatchObject({ listed: 1, notPeople: 0, mangled: 0, errorRate: 0, clean: 1 })
    expect(r.strata.random).toMatchObject({ listed: 1, errorRate: 0 })
    expect(r.people).toEqual({ labelled: 5, listed: 4, listedShare: 4 / 5 })
  })

  it('scores an empty sample or a stratum with nothing listed as clean, not as a division by zero', () => {
    const r = scoreRecords([line({ stratum: 'top', label: 'not-person' })], [null])
    expect(r.all).toEqual({ listed: 0, notPeople: 0, mangled: 0, errorRate: 0, clean: 1 })
    expect(r.people.listedShare).toBe(1)
    expect(scoreRecords([], []).all.listed).toBe(0)
  })
})
