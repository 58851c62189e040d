import { describe, expect, it } from 'vitest'
import { bCubed, recordAccuracy } from '../../src/evaluation/identity.js'
import { namesAThing, nameKey, splitHonorific } from '../../src/identity/names.js'
import { resolveIdentities, type ArticleInput, type EntityInput, type EntityLink } from '../../src/identity/resolve.js'

const person = (name: string, mentions = 1, titles: string[] = []): EntityInput => ({ name, titles, mentions })
const article = (id: string, names: (string | EntityInput)[], extra: Partial<ArticleInput> = {}): ArticleInput => ({
  id,
  day: null,
  section: null,
  entities: names.map((n) => (typeof n === 'string' ? person(n) : n)),
  ...extra,
})
const slugs = (links: EntityLink[] | undefined) => (links ?? []).map((l) => (l.status === 'person' ? l.slug : l.status))

describe('names', () => {
  it('treats honorifics and ranks as titles, not names', () => {
    expect(splitHonorific('Mr Blair')).toEqual({ title: 'Mr', name: 'Blair' })
    expect(splitHonorific('President George W Bush')).toEqual({ title: 'President', name: 'George W Bush' })
    expect(splitHonorific('Dr Rowan Williams')).toEqual({ title: 'Dr', name: 'Rowan Williams' })
    expect(splitHonorific('Lifelong Learning Minister Jim Wallace').name).toBe('Jim Wallace')
    expect(splitHonorific('Gary Player')).toEqual({ title: null, name: 'Gary Player' })
  })

  it('keeps a peerage that names a peer by one word, strips it before a full name', () => {
    expect(splitHonorific('Lord Sainsbury')).toEqual({ title: null, name: 'Lord Sainsbury' })
    expect(splitHonorific('Baroness Thatcher').name).toBe('Baroness Thatcher')
    expect(splitHonorific('Lady Diana Spencer')).toEqual({ title: 'Lady', name: 'Diana Spencer' })
  })

  it('gives one key to spellings that differ in initials, case or accents, not in suffixes', () => {
    expect(nameKey('George W. Bush')).toBe(nameKey('George Bush'))
    expect(nameKey('José Mourinho')).toBe(nameKey('Jose Mourinho'))
    expect(nameKey('Douglas Fairbanks Jr')).not.toBe(nameKey('Douglas Fairbanks'))
  })

  it('recognises things named after people', () => {
    for (const thing of ['Bush-style', 'Blair Witch Project', 'Harry Potter Films', 'Blair Babes', 'Chelsea', 'Delta Air Lines'])
      expect(namesAThing(thing), thing).toBe(true)
    for (const name of ['Tony Blair', 'Bush', 'Chelsea Clinton', 'Wes Brown']) expect(namesAThing(name), name).toBe(false)
  })
})

describe('resolveIdentities', () => {
  it('joins a surname to the one full-name person, and Mr X too', () => {
    const r = resolveIdentities([
      article('a1', ['Tony Blair', 'Gordon Brown']),
      article('a2', ['Tony Blair']),
      article('a3', ['Tony Blair', 'Michael Howard']),
      article('a4', [person('Blair', 2, ['Mr']), 'Michael Howard']),
    ])
    expect(slugs(r.links.get('a4'))).toEqual(['tony-blair', 'michael-howard'])
    expect([...r.people.keys()]).not.toContain('blair')
  })

  it('keeps two people who share a surname apart, and files a bare surname by who is around it', () => {
    const r = resolveIdentities([
      article('p1', ['Gordon Brown', 'Tony Blair']),
      article('p2', ['Gordon Brown', 'Tony Blair', 'Alistair Darling']),
      article('s1', ['Wes Brown', 'Alex Ferguson', 'Rio Ferdinand']),
      article('s2', ['Wes Brown', 'Alex Ferguson']),
      article('p3', ['Brown', 'Tony Blair']),
      article('s3', ['Brown', 'Alex Ferguson']),
      article('x', ['Brown']),
    ])
    expect(r.people.has('gordon-brown') && r.people.has('wes-brown')).toBe(true)
    expect(slugs(r.links.get('p3'))[0]).toBe('gordon-brown')
    expect(slugs(r.links.get('s3'))[0]).toBe('wes-brown')
    // no context and two equally known Browns: unresolved, not a third Brown
    expect(slugs(r.links.get('x'))).toEqual(['unresolved'])
    expect(r.people.has('brown')).toBe(false)
  })

  it('matches an initial and a surname to the person with that given name ("J Robinson")', () => {
    const r = resolveIdentities([
      article('a', ['Jason Robinson']),
      article('b', ['Andy Robinson']),
      article('c', ['J Robinson', 'A Robinson']),
    ])
    expect(slugs(r.links.get('c'))).toEqual(['jason-robinson', 'andy-robinson'])
  })

  it('keeps a name nobody else has as a one-word person, and a bare speaker word only when it is someone', () => {
    const r = resolveIdentities([
      article('a', ['Ronaldinho']),
      article('b', [
        { name: 'Ronaldinho', titles: [], mentions: 1, joinOnly: true },
        { name: 'Microsoft', titles: [], mentions: 1, joinOnly: true },
      ]),
    ])
    expect(slugs(r.links.get('b'))).toEqual(['ronaldinho', 'unresolved'])
    expect(r.people.has('microsoft')).toBe(false)
  })

  it('does not depend on the order of the articles', () => {
    const corpus = [
      article('a1', ['Tony Blair', 'Gordon Brown']),
      article('a2', ['Blair', 'Gordon Brown']),
      article('a3', ['George W Bush', 'Tony Blair']),
      article('a4', ['George Bush', 'Bush']),
      article('a5', ['Wes Brown', 'Brown']),
      article('a6', ['Mr Blair', 'Laura Bush', 'Bush']),
    ]
    const reference = resolveIdentities(corpus)
    for (let seed = 1; seed <= 5; seed++) {
      const shuffled = [...corpus].sort((x, y) => ((x.id.charCodeAt(1) * seed) % 7) - ((y.id.charCodeAt(1) * seed) % 7))
      const r = resolveIdentities(shuffled)
      expect([...r.people].sort()).toEqual([...reference.people].sort())
      for (const a of corpus) expect(r.links.get(a.id)).toEqual(reference.links.get(a.id))
    }
  })

  it('applies editor decisions in order, and reports the ones that no longer apply', () => {
    const corpus = [
      article('a', ['Bernie Ebbers']),
      article('b', ['Bernard Ebbers']),
      article('c', ['Vera Drake']),
      article('d', ['Julie Cristie']),
    ]
    const r = resolveIdentities(corpus, [
      { kind: 'merge', person: 'bernie-ebbers', into: 'bernard-ebbers' },
      { kind: 'not-a-person', person: 'vera-drake' },
      { kind: 'rename', person: 'julie-cristie', name: 'Julie Christie' },
      { kind: 'merge', person: 'nobody', into: 'bernard-ebbers' },
    ])
    expect(slugs(r.links.get('a'))).toEqual(['bernard-ebbers'])
    expect(slugs(r.links.get('c'))).toEqual(['not-person'])
    expect(r.people.get('julie-christie')?.name).toBe('Julie Christie')
    expect(r.applied).toEqual([true, true, true, false])
    const split = resolveIdentities(corpus, [{ kind: 'split', person: 'bernard-ebbers', articles: ['b'], name: 'Bernard Ebbers Jr' }])
    expect(slugs(split.links.get('b'))).toEqual(['bernard-ebbers-jr'])
  })
})

describe('identity evaluation', () => {
  it('scores B-cubed: a perfect clustering is 1, a merge costs precision, a split costs recall', () => {
    expect(bCubed(['a', 'a', 'b'], ['x', 'x', 'y']).f1).toBe(1)
    expect(bCubed(['a', 'a', 'b'], ['x', 'x', 'x']).precision).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3) / 3)
    expect(bCubed(['a', 'a', 'b'], ['x', 'y', 'z']).recall).toBeCloseTo((1 / 2 + 1 / 2 + 1) / 3)
  })

  it('counts a mention right only under the record of its person, a non-person under none', () => {
    const gold = [
      { file: 'f', start: 0, end: 5, text: 'Blair', entity: 'Tony Blair (UK prime minister)' },
      { file: 'f', start: 9, end: 14, text: 'Blair', entity: 'Tony Blair (UK prime minister)' },
      { file: 'f', start: 20, end: 27, text: 'Chelsea', entity: 'NOT_PERSON' },
    ]
    expect(recordAccuracy(gold, ['Tony Blair', 'Blair', null])).toMatchObject({ right: 2, total: 3 })
  })
})
