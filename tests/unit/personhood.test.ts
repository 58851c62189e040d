import { describe, expect, it } from 'vitest'
import { extract } from '../../src/extraction/pipeline.js'
import { emptyEvidence } from '../../src/extraction/stages/person-evidence.js'
import type { PersonEvidence } from '../../src/extraction/types.js'
import { titleName, withoutStrayOpener } from '../../src/identity/names.js'
import { corpusEvidence, decidePersonhood, type CorpusPersonEvidence } from '../../src/identity/personhood.js'
import { resolveIdentities } from '../../src/identity/resolve.js'

const none: PersonEvidence = { ...emptyEvidence(), named: 1 }
/** A record's evidence over `articles` articles with the given counts, and `personal` he/she votes. */
const evidence = (counts: Partial<PersonEvidence>, articles = 1, personal = 0): CorpusPersonEvidence => ({
  ...none,
  ...counts,
  articles,
  personal,
})
const personOf = (body: string, name: string) => extract({ title: '', body }).people.find((p) => p.name === name)!

describe('evidence of person-hood in one article', () => {
  it('reads a company from what surrounds its name', () => {
    const marsh = personOf(
      'Shares in Marsh fell 5% on Monday. Marsh said it would cut 2,500 jobs after a fall in profits. Its chief executive, Steven Theede, said the firm would recover.',
      'Marsh',
    )
    expect(marsh.evidence.organization).toBeGreaterThanOrEqual(1)
    expect(marsh.evidence.it).toBeGreaterThanOrEqual(1)
    expect(decidePersonhood('Marsh', corpusEvidence([{ evidence: marsh.evidence, gender: marsh.gender }])).kind).toBe('organization')
  })
  it('reads a person from an age, a role noun and a possessive', () => {
    const greg = personOf(
      'Tennis player Greg Rusedski, 31, slammed his racket onto the court. Rusedski said he was disappointed.',
      'Greg Rusedski',
    )
    expect(greg.evidence).toMatchObject({ age: 1 })
    expect(greg.evidence.role).toBeGreaterThanOrEqual(1)
    expect(decidePersonhood('Greg Rusedski', corpusEvidence([{ evidence: greg.evidence, gender: greg.gender }])).kind).toBe('person')
  })
})

describe('person-hood over a record’s articles', () => {
  it('makes a band an organisation', () => {
    expect(decidePersonhood('Razorlight', evidence({ organization: 3 }, 3))).toMatchObject({ kind: 'organization' })
  })
  it('makes the title of a film a work', () => {
    expect(decidePersonhood('Vera Drake', evidence({ work: 6, role: 1 }, 5))).toMatchObject({ kind: 'work' })
  })
  it('takes a common word capitalised where it opens sentences for no one', () => {
    const election = decidePersonhood('Election', evidence({ sentenceStart: 1, lowercase: 1 }, 2))
    expect(election).toMatchObject({ kind: 'not-person' })
    expect(election.basis).toMatch(/common word/)
    // a title alone ("General Election") is not enough to make a common word a person
    expect(decidePersonhood('Election', evidence({ titled: 3 }, 3)).kind).toBe('not-person')
    // "Mr Hope said he ..." twice over is
    expect(decidePersonhood('Hope', evidence({}, 2, 2)).kind).toBe('person')
  })
  it('never takes the plural of a noun for people or bodies for one person', () => {
    expect(decidePersonhood('MPs', evidence({}, 11, 4)).kind).toBe('not-person')
    expect(decidePersonhood('Unions', evidence({}, 3)).kind).toBe('not-person')
  })
  it('asks one word for evidence: a clue or a known name', () => {
    expect(decidePersonhood('Zorblax', evidence({}, 2)).kind).toBe('not-person')
    expect(decidePersonhood('Zorblax', evidence({ role: 1 }, 2)).kind).toBe('person')
    expect(decidePersonhood('Petrov', evidence({}, 1)).kind).toBe('person')
  })
  it('keeps a full name with a known given name unless things clearly outweigh', () => {
    expect(decidePersonhood('Craig David', evidence({ organization: 2 }, 10)).kind).toBe('person')
    expect(decidePersonhood('William Hill', evidence({ organization: 4 }, 4)).kind).toBe('organization')
    expect(decidePersonhood('Ask Jeeves', evidence({ organization: 1 }, 6)).kind).toBe('organization')
  })
  it('leaves a record without evidence read (rows extracted before) a person', () => {
    expect(corpusEvidence([{ evidence: null, gender: null }]).articles).toBe(0)
    expect(decidePersonhood('Yukos', corpusEvidence([{ evidence: null, gender: null }])).kind).toBe('person')
  })
})

describe('names as the person is called', () => {
  it('keeps a peerage, a royal title or a judge’s title with one name', () => {
    expect(titleName('Falconer', ['Lord Chancellor', 'Lord'])).toBe('Lord Falconer')
    expect(titleName('Charles', ['Prince'])).toBe('Prince Charles')
    expect(titleName('Eady', ['Mr Justice'])).toBe('Mr Justice Eady')
    expect(titleName('Blair', ['Prime Minister', 'Mr'])).toBe('Blair')
    expect(titleName('Charles Falconer', ['Lord'])).toBe('Charles Falconer')
  })
  it('files a peer named by his title under the title-name', () => {
    const r = resolveIdentities([
      { id: 'a', day: null, section: null, entities: [{ name: 'Falconer', titles: ['Lord'], mentions: 2 }] },
      { id: 'b', day: null, section: null, entities: [{ name: 'Lord Falconer', titles: [], mentions: 1 }] },
    ])
    expect([...r.people.values()]).toEqual([{ slug: 'lord-falconer', name: 'Lord Falconer' }])
  })
  it('drops a stray common word before a name, and leaves titles of works whole', () => {
    const common = new Set(['model', 'referee', 'again', 'angry', 'men', 'star', 'wars'])
    const given = new Set(['Sophie', 'Graham'])
    const clean = (n: string) =>
      withoutStrayOpener(
        n,
        (w) => common.has(w),
        (w) => given.has(w),
      )
    expect(clean('Model Sophie Anderton')).toBe('Sophie Anderton')
    expect(clean('Referee Graham Poll')).toBe('Graham Poll')
    expect(clean('Again Roddick')).toBe('Roddick')
    expect(clean('Angry Men')).toBe('Angry Men')
    expect(clean('Star Wars')).toBe('Star Wars')
    expect(clean('Lord Falconer')).toBe('Lord Falconer')
  })
  it('does not make a title-name of a common word', () => {
    expect(titleName('Marmalade', ['Lady'], (w) => w === 'marmalade')).toBe('Marmalade')
  })
  it('finds a surname’s first full mention by the given name written before it', () => {
    const people = extract({
      title: '',
      body: 'Conservative Michael Fallon asked Mr Brown whether the figures were right. But the chancellor said Mr Fallon was wrong.',
    }).people.map((p) => p.name)
    expect(people).toContain('Michael Fallon')
    expect(people).not.toContain('Fallon')
  })
})

describe('bodies and attributions the tagger may take for people', () => {
  it('takes no authority, board or regulator for a person, and no reporting verb for a given name', () => {
    const people = (body: string) => extract({ title: '', body }).people.map((p) => p.name)
    expect(people('The Ferry Authority said in a statement that it welcomed the plan, and Jane Moss agreed.')).toEqual(['Jane Moss'])
    expect(people('The Gaming Board said it would appeal. Tom Reid, its chairman, disagreed.')).toEqual(['Tom Reid'])
    expect(people('Said Ellis: “I don’t get the sense she cares about reform.”')).toEqual(['Ellis'])
  })
})
