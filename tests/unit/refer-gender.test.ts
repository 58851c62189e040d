import { describe, expect, it } from 'vitest'
import { buildGivenNamePronouns } from '../../src/extraction/lexicon/build-given-name-pronouns.js'
import { GIVEN_NAME_PRONOUNS } from '../../src/extraction/lexicon/gender.js'
import { extract } from '../../src/extraction/pipeline.js'
import { decidePronoun, referredGenders } from '../../src/extraction/stages/refer-gender.js'
import { corpusGender } from '../../src/identity/referred-gender.js'
import { splitSentences } from '../../src/extraction/stages/split-sentences.js'
import type { PersonEntity } from '../../src/extraction/types.js'

/** Every person of an invented article with the pronoun and the class that decided it. */
const genders = (body: string) =>
  Object.fromEntries(extract({ title: '', body }).people.map((p) => [p.name, { pronoun: p.gender.pronoun, basis: p.gender.basis }]))
const one = (body: string, name: string) => extract({ title: '', body }).people.find((p) => p.name === name)!.gender

const votes = (honorific = {}, role = {}, pronoun = {}) => ({
  honorific: { he: 0, she: 0, they: 0, ...honorific },
  role: { he: 0, she: 0, they: 0, ...role },
  pronoun: { he: 0, she: 0, they: 0, ...pronoun },
})

describe('referredGenders: honorifics', () => {
  it('reads Ms, Mr., Sir and Queen written before a name', () => {
    expect(genders('Ms Smith arrived late. The talks were long.')).toEqual({ Smith: { pronoun: 'she', basis: 'honorific' } })
    expect(genders('Officials met Mr. Okafor on Tuesday. The talks were long.')).toEqual({ Okafor: { pronoun: 'he', basis: 'honorific' } })
    expect(one('Sir Keir Starmer arrived in Leeds on Monday.', 'Keir Starmer')).toMatchObject({ pronoun: 'he', basis: 'honorific' })
    expect(one('Queen Margrethe opened the bridge.', 'Margrethe')).toMatchObject({ pronoun: 'she', basis: 'honorific' })
  })
  it('reads Mx as they', () => {
    // the people stages do not take Mx as a title yet: the person is given as resolve-people would give it
    const body = 'Mx Thornbury chaired the meeting.'
    const people: PersonEntity[] = [
      { name: 'Thornbury', aliases: [], titles: [], mentions: [{ start: 3, end: 12, text: 'Thornbury', kind: 'name' }] },
    ]
    expect(referredGenders(body, splitSentences(body), people)[0]).toMatchObject({ pronoun: 'they', basis: 'honorific' })
  })
  it('does not read a title that merely contains Lord ("Lord Mayor") as an honorific', () => {
    const g = one('Lord Mayor Priya Raman opened the fair.', 'Priya Raman')
    expect(g.evidence.honorific).toBe(0)
  })
})

describe('referredGenders: role nouns', () => {
  it('counts a gendered role written before the name or in its apposition', () => {
    expect(one('Actress Emma Thompson arrived. The film opened.', 'Emma Thompson')).toMatchObject({ pronoun: 'she', basis: 'role' })
    expect(one('Jane Doe, the company spokeswoman, declined to comment.', 'Jane Doe')).toMatchObject({ pronoun: 'she', basis: 'role' })
    expect(one('Tomasz Wrobel, her husband, declined to comment.', 'Tomasz Wrobel')).toMatchObject({ pronoun: 'he', basis: 'role' })
  })
  it('does not count -man compounds, which British news writes for women too', () => {
    expect(one('Board chairman Olu Bakare declined to comment.', 'Olu Bakare').evidence.role).toBe(0)
    expect(one('Farah Quist, a spokesman for the council, declined to comment.', 'Farah Quist').evidence.role).toBe(0)
  })
  it('does not take a role noun that belongs to someone else in the apposition (whose mother …)', () => {
    expect(one('Farah Quist, whose mother ran the shop, declined to comment.', 'Farah Quist').evidence.role).toBe(0)
  })
})

describe('referredGenders: pronouns', () => {
  it('"X said his …" in the clause where X is the subject', () => {
    expect(genders('Chris Patten said his plan would work.')).toEqual({ 'Chris Patten': { pronoun: 'he', basis: 'pronouns' } })
    expect(one('Dr Okonkwo has said she would stay on.', 'Okonkwo')).toMatchObject({ pronoun: 'she', basis: 'pronouns' })
    expect(one('Dr Okonkwo told reporters she would stay on.', 'Okonkwo')).toMatchObject({ pronoun: 'she', basis: 'pronouns' })
  })
  it('a sentence opening with He/She after a sentence that names only one person', () => {
    expect(one('Protesters shouted at Dr Okonkwo outside court. She said nothing.', 'Okonkwo')).toMatchObject({
      pronoun: 'she',
      basis: 'pronouns',
    })
  })
  it('a reflexive after the person in their sentence', () => {
    expect(one('Dr Okonkwo found himself alone on the stage.', 'Okonkwo')).toMatchObject({ pronoun: 'he', basis: 'pronouns' })
  })
  it('no pronoun evidence when two people share the sentence', () => {
    const g = extract({ title: '', body: 'Dr Okonkwo met Dr Halvorsen in Oslo. She said the talks went well.' }).people
    expect(g.map((p) => p.gender.evidence.pronoun)).toEqual([0, 0])
    expect(g.map((p) => p.gender.pronoun)).toEqual([null, null])
  })
  it('no pronoun evidence when the sentence holds another referent for the pronoun', () => {
    expect(one('Dr Okonkwo praised the queen for her service.', 'Okonkwo').evidence.pronoun).toBe(0)
    expect(one('Dr Okonkwo met the queen at noon. She smiled.', 'Okonkwo').evidence.pronoun).toBe(0)
    expect(one('Dr Okonkwo thanked her. She smiled.', 'Okonkwo').evidence.pronoun).toBe(0)
  })
  it('"told her" names someone else, not the speaker', () => {
    expect(one('Dr Okonkwo told her the plan was ready.', 'Okonkwo').evidence.pronoun).toBe(0)
  })
  it('they only from explicit evidence, never from "X said they"', () => {
    expect(one('Robin Banks, who uses they/them pronouns, spoke at the rally.', 'Robin Banks')).toMatchObject({ pronoun: 'they' })
    expect(one('Dr Okonkwo said they would appeal.', 'Okonkwo')).toMatchObject({ pronoun: null, basis: null })
  })
})

describe('referredGenders: given names and surnames', () => {
  it('a surname alone with no other evidence stays unknown', () => {
    expect(one('Dr Okonkwo arrived in Lagos on Monday.', 'Okonkwo')).toMatchObject({ pronoun: null, basis: null })
    const people: PersonEntity[] = [
      { name: 'Thompson', aliases: [], titles: [], mentions: [{ start: 0, end: 8, text: 'Thompson', kind: 'name' }] },
    ]
    const body = 'Thompson arrived.'
    expect(referredGenders(body, splitSentences(body), people)[0]).toMatchObject({ pronoun: null, evidence: { givenName: null } })
  })
  it('a clearly gendered given name is a prior, used only without other evidence', () => {
    expect(genders('Sarah Jones arrived in London.')).toEqual({ 'Sarah Jones': { pronoun: 'she', basis: 'given-name' } })
    expect(one('Mr Sarah Jones arrived in London.', 'Sarah Jones')).toMatchObject({ pronoun: 'he', basis: 'honorific' })
  })
  it('ambiguous given names give nothing', () => {
    for (const name of ['Jo', 'Sam', 'Alex', 'Jean', 'Kim', 'Chris']) expect(GIVEN_NAME_PRONOUNS.has(name)).toBe(false)
    expect(one('Chris Hallam arrived in London.', 'Chris Hallam')).toMatchObject({ pronoun: null, evidence: { givenName: null } })
  })
  it('the list keeps names of one list only, minus the ambiguous ones', () => {
    expect(buildGivenNamePronouns(['John', 'Jean', 'Sam'], ['Mary', 'Jean', 'Sam'], ['Sam'])).toEqual([
      ['John', 'he'],
      ['Mary', 'she'],
    ])
  })
})

describe('conflicting evidence', () => {
  it('the stronger class wins', () => {
    expect(decidePronoun(votes({ she: 1 }, {}, { he: 3 }), 'he')).toEqual({ pronoun: 'she', basis: 'honorific' })
    expect(decidePronoun(votes({}, { he: 1 }, { she: 2 }), null)).toEqual({ pronoun: 'he', basis: 'role' })
    expect(one('Ms Halvorsen arrived. Halvorsen said his bags were lost.', 'Halvorsen')).toMatchObject({
      pronoun: 'she',
      basis: 'honorific',
    })
  })
  it('a tie in the strongest class is null, not a fall-through', () => {
    expect(decidePronoun(votes({ she: 1, he: 1 }, {}, { he: 3 }), 'he')).toEqual({ pronoun: null, basis: null })
    expect(one('Sir Keir Starmer arrived. Ms Starmer left.', 'Keir Starmer')).toMatchObject({ pronoun: null, basis: null })
  })
  it('a majority within a class decides; a higher share can be required (corpus level)', () => {
    expect(decidePronoun(votes({}, {}, { she: 3, he: 1 }), null)).toEqual({ pronoun: 'she', basis: 'pronouns' })
    expect(decidePronoun(votes({}, {}, { she: 3, he: 2 }), null, 2 / 3)).toEqual({ pronoun: null, basis: null })
    expect(decidePronoun(votes(), null)).toEqual({ pronoun: null, basis: null })
  })
})

it('extract() keeps one gender per person, in people order, beside the existing fields', () => {
  const x = extract({ title: '', body: 'Ms Smith met Mr Jones in Leeds. "We agreed," Ms Smith said.' })
  expect(x.people.map((p) => [p.name, p.gender.pronoun])).toEqual([
    ['Smith', 'she'],
    ['Jones', 'he'],
  ])
  expect(x.people[0]).toHaveProperty('mentions')
})

describe("corpusGender: over a person's articles", () => {
  const article = (v: Parameters<typeof votes>, givenName: 'he' | 'she' | null = null) => ({
    pronoun: null,
    basis: null,
    votes: votes(...v),
    givenName,
  })
  it('sums the evidence; the strongest class decides with two thirds of its votes', () => {
    const g = corpusGender([article([{ she: 1 }, {}, { he: 1 }]), article([{ she: 2 }, {}, {}]), article([{ he: 2 }, {}, {}]), null])
    expect(g).toMatchObject({ pronoun: null, basis: null, evidence: { articles: 3, honorific: { she: 3, he: 2 } } })
    const h = corpusGender([article([{ she: 2 }, {}, {}]), article([{ he: 1 }, {}, { he: 4 }])])
    expect(h).toMatchObject({ pronoun: 'she', basis: 'honorific' })
  })
  it('takes the given-name prior only without any other evidence, and only when the articles agree on it', () => {
    expect(corpusGender([article([], 'she'), article([], 'she')])).toMatchObject({ pronoun: 'she', basis: 'given-name' })
    expect(corpusGender([article([], 'she'), article([], 'he')])).toMatchObject({ pronoun: null })
    expect(corpusGender([article([], 'he'), article([{}, {}, { she: 1 }])])).toMatchObject({ pronoun: 'she', basis: 'pronouns' })
    expect(corpusGender([null, null])).toMatchObject({ pronoun: null, evidence: { articles: 0 } })
  })
})
