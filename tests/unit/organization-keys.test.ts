import { describe, expect, it } from 'vitest'
import { organizationMoves } from '../../src/identity/organization-decisions.js'
import { organizationKeysOf } from '../../src/ingest/organization-keys.js'
import { articleAcronyms, slugOf, speakerKeyIn, speakerKeyOf } from '../../src/speakers/speaker-key.js'
import { declaredForms } from '../../src/identity/organization-aliases.js'

const key = (name: string, type = 'organization') => speakerKeyOf(name, type)

describe('one key for the common forms of an organisation', () => {
  it.each([
    [
      'a party by its name, its members and its nickname',
      [
        'the Conservative Party',
        'Conservative Party',
        'the Conservative party',
        'Conservatives',
        'the Conservatives',
        'Tories',
        'the Tory party',
      ],
      'conservative-party',
    ],
    ['Labour with and without "Party"', ['Labour', 'the Labour Party', 'Labour party', "Labour's"], 'labour-party'],
    [
      'the Liberal Democrats and the Lib Dems',
      ['Lib Dems', 'the Lib Dems', 'Liberal Democrats', 'the Liberal Democrat party', "the Lib Dems'"],
      'liberal-democrats',
    ],
    ['UKIP', ['UKIP', 'Ukip', 'the UK Independence Party'], 'uk-independence-party'],
    ['the SNP', ['SNP', 'the SNP', 'the Scottish National Party'], 'scottish-national-party'],
    ['Plaid Cymru', ['Plaid Cymru', 'Plaid'], 'plaid-cymru'],
    ['the US parties', ['Democrats', 'the Democratic Party', 'the Democratic party'], 'democratic-party'],
    ['the GOP', ['Republicans', 'the Republican Party', 'GOP', 'the GOP'], 'republican-party'],
    ['the Treasury', ['the Treasury', 'Treasury', 'HM Treasury'], 'treasury'],
    ['the Foreign Office', ['the Foreign Office', 'FCO', 'the Foreign and Commonwealth Office', 'FCDO'], 'foreign-office'],
    ['Downing Street and No 10', ['Downing Street', 'No 10', 'No. 10', 'Number 10'], 'downing-street'],
    [
      'a company and its legal suffix',
      ['Microsoft', 'Microsoft Corp', 'Microsoft Corp.', 'Microsoft Corporation', "Microsoft's", 'Microsoft Inc'],
      'microsoft',
    ],
    ['a plc', ['Tesco', 'Tesco plc', 'Tesco PLC', 'Tesco Ltd'], 'tesco'],
  ])('%s', (_, forms, expected) => {
    for (const form of forms) expect([form, key(form)]).toEqual([form, expected])
  })

  it('keeps apart what only looks alike', () => {
    // Australia's Labor Party is another party (and another spelling) than the UK's Labour
    expect(key('the Labor Party')).toBe('labor-party')
    expect(key('Australian Labor Party')).toBe('australian-labor-party')
    expect(key('Labour')).not.toBe(key('Labor'))
    expect(key('Sweden Democrats')).toBe('sweden-democrats')
    expect(key('the Home Office')).not.toBe(key('the Foreign Office'))
    // a suffix alone, or a possessive inside a name, is the name
    expect(key('the Corporation')).toBe('corporation')
    expect(key("China's Foreign Ministry")).toBe('chinas-foreign-ministry')
  })

  it('still names nobody with a pronoun or a description', () => {
    expect(key("It's")).toBe('')
    expect(key('the party')).toBe('')
    expect(key('Tories', 'person')).toBe('')
  })

  it('declares no form for two bodies', () => {
    expect(() => declaredForms(slugOf)).not.toThrow()
  })
})

describe('an acronym the article defines', () => {
  const body =
    'The Confederation of British Industry (CBI) warned of a slowdown. The Department for Education (DfE) disagreed, and the UK Independence Party (UKIP) said nothing. Later the CBI said more.'
  it('is its full name in that article', () => {
    const acronyms = articleAcronyms(body)
    expect(acronyms.get('cbi')).toBe('confederation-of-british-industry')
    expect(acronyms.get('dfe')).toBe('department-for-education')
    expect(acronyms.has('ukip')).toBe(false) // declared: one key already
    expect(speakerKeyIn('the CBI', 'organization', acronyms)).toBe('confederation-of-british-industry')
    expect(speakerKeyIn('the Confederation of British Industry', 'organization', acronyms)).toBe('confederation-of-british-industry')
  })
  it('is only itself where no article defines it, or the words before the bracket do not spell it', () => {
    expect(speakerKeyIn('the CBI', 'organization', new Map())).toBe('cbi')
    expect(articleAcronyms('Sales fell at the retailer (CBI) this year.').size).toBe(0)
    expect(articleAcronyms('Prices rose (BBC) on Monday.').size).toBe(0)
  })
})

describe("editors' organisation decisions", () => {
  it('file a merged key under its target, follow chains, and let a later decision win', () => {
    const m = organizationMoves([
      { kind: 'organization-merge', organization: 'cbi', into: 'confederation-of-british-industry' },
      { kind: 'organization-rename', organization: 'confederation-of-british-industry', name: 'The CBI', into: 'the-cbi' },
    ])
    expect(Object.fromEntries(m.moves)).toEqual({ cbi: 'the-cbi', 'confederation-of-british-industry': 'the-cbi' })
    expect(m.names.get('the-cbi')).toBe('The CBI')
    const back = organizationMoves([
      { kind: 'organization-rename', organization: 'a', name: 'B', into: 'b' },
      { kind: 'organization-rename', organization: 'b', name: 'A', into: 'a' },
    ])
    expect(Object.fromEntries(back.moves)).toEqual({ b: 'a' })
  })

  it('apply to the quotes of an article, an editor-assigned one included', () => {
    const moves = organizationMoves([{ kind: 'organization-merge', organization: 'cbi', into: 'business-lobby' }])
    const quotes = [
      { speakerName: 'the CBI', speakerType: 'organization', speakerKey: null, decisionSeq: null },
      { speakerName: 'Jo Bloggs', speakerType: 'person', speakerKey: '', decisionSeq: null },
      { speakerName: 'CBI', speakerType: 'organization', speakerKey: 'cbi', decisionSeq: 4 },
    ]
    expect(organizationKeysOf('The CBI said so.', quotes, moves).map((q) => q.speakerKey)).toEqual(['business-lobby', '', 'business-lobby'])
  })
})
