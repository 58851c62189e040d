import { describe, expect, it } from 'vitest'
import { personId } from '../../src/ingest/identity.js'
import {
  articlePeople,
  byArticle,
  linkChanges,
  namedPeople,
  partlySeen,
  peopleChanges,
  redirectsOf,
  resolverInput,
  type EntityOfArticle,
  type LinkedArticle,
  type StoredEntity,
} from '../../src/identity/links.js'
import { resolveIdentities, type PersonStats } from '../../src/identity/resolve.js'

const article = (seq: number, publishedAt: string | null = null): LinkedArticle => ({
  seq,
  id: `a${seq}`,
  publishedAt: publishedAt ? new Date(publishedAt) : null,
  section: null,
})
const entity = (articleSeq: number, position: number, name: string, stored: Partial<StoredEntity> = {}): StoredEntity => ({
  articleSeq,
  position,
  name,
  titles: '[]',
  mentionCount: 1,
  joinOnly: 0,
  status: 'pending',
  personId: null,
  surnameKey: 'x',
  givenKey: null,
  personKey: null,
  ...stored,
})
const everything = { targeted: () => true, fillKeys: false }

describe('what a resolution changes in stored entities', () => {
  const articles = [article(1, '2005-03-12T23:30:00Z'), article(2)]
  const entities = byArticle([
    entity(1, 0, 'Tony Blair', { titles: '["Prime Minister"]', mentionCount: 3 }),
    entity(2, 0, 'Blair', { joinOnly: 1, mentionCount: 2 }),
    entity(2, 1, 'Paula'),
  ])

  it('gives the resolver each article with its entities, as stored on either database', () => {
    expect(resolverInput(articles, entities)).toEqual([
      {
        id: 'a1',
        day: '2005-03-12',
        section: null,
        entities: [{ name: 'Tony Blair', titles: ['Prime Minister'], mentions: 3, joinOnly: false }],
      },
      {
        id: 'a2',
        day: null,
        section: null,
        entities: [
          { name: 'Blair', titles: [], mentions: 2, joinOnly: true },
          { name: 'Paula', titles: [], mentions: 1, joinOnly: false },
        ],
      },
    ])
  })

  it('lists the entities whose link changed, their articles, and the mentions left unresolved', () => {
    const resolution = resolveIdentities(resolverInput(articles, entities))
    const changes = linkChanges(articles, entities, resolution, everything)
    const blair = personId('tony-blair')
    expect(changes.entities.map((e) => [e.articleSeq, e.position, e.status, e.personId])).toEqual([
      [1, 0, 'person', blair],
      [2, 0, 'person', blair],
      [2, 1, 'person', personId('paula')],
    ])
    expect([...changes.articles]).toEqual([1, 2])
    expect([...changes.linkedSlugs]).toEqual(['tony-blair', 'paula'])
    expect(changes.unresolvedMentions).toBe(0)

    // stored as resolved: nothing to write
    const settled = byArticle([...entities.values()].flat().map((e, i) => ({ ...e, ...changes.entities[i]! })))
    expect(linkChanges(articles, settled, resolution, everything).entities).toEqual([])
  })

  it('writes only the entities targeted, and fills the keys a migration left empty on a whole-corpus relink', () => {
    const resolution = resolveIdentities(resolverInput(articles, entities))
    const onlySecond = linkChanges(articles, entities, resolution, { targeted: (e) => e.articleSeq === 2, fillKeys: false })
    expect(onlySecond.entities.map((e) => e.articleSeq)).toEqual([2, 2])
    const keyless = byArticle([entity(1, 0, 'Tony Blair', { surnameKey: null, status: 'person', personId: personId('tony-blair') })])
    const filled = linkChanges([article(1)], keyless, resolveIdentities(resolverInput([article(1)], keyless)), {
      targeted: () => true,
      fillKeys: true,
    })
    expect(filled.entities).toEqual([
      {
        articleSeq: 1,
        position: 0,
        status: 'person',
        personId: personId('tony-blair'),
        surnameKey: 'blair',
        givenKey: 'tony',
        personKey: 'tony-blair',
      },
    ])
    expect(filled.articles.size).toBe(0) // the link itself did not change
  })

  it('records where the mentions of a person losing entities went', () => {
    const before = byArticle([entity(1, 0, 'Tony Blair', { status: 'person', personId: 'old', mentionCount: 4 })])
    const changes = linkChanges([article(1)], before, resolveIdentities(resolverInput([article(1)], before)), everything)
    expect(changes.movedTo).toEqual(new Map([['old', new Map([[personId('tony-blair'), 4]])]]))
  })
})

describe('the people a relink creates or renames', () => {
  const stats = (slug: string, variants: [string, number][]): PersonStats => ({
    key: slug,
    slug,
    variants: new Map(variants),
    days: [],
    sections: [],
    titleWords: new Set(),
    coMentioned: new Set(),
  })
  const resolution = {
    people: new Map([
      ['tony-blair', { slug: 'tony-blair', name: 'Tony Blair' }],
      ['gordon-brown', { slug: 'gordon-brown', name: 'Gordon Brown' }],
    ]),
  }

  it('names the linked people the resolution knows, and the people read whole by their most used spelling', () => {
    const people = namedPeople(new Set(['tony-blair', 'gordon-brown', 'merged-into']), resolution, [
      stats('gordon-brown', [['Gordon Brown', 1]]),
      stats('john-reid', [
        ['John Reid', 1],
        ['JOHN REID', 3],
      ]),
    ])
    expect(people.linked.map((p) => p.slug)).toEqual(['tony-blair', 'gordon-brown'])
    expect(people.readWhole).toEqual([{ slug: 'john-reid', name: 'JOHN REID', id: personId('john-reid') }])
  })

  it('creates the people not stored, renames those stored under another name unless they were only partly seen', () => {
    const people = namedPeople(new Set(['tony-blair', 'gordon-brown']), resolution, [stats('john-reid', [['John Reid', 2]])])
    const stored = new Map([
      [personId('gordon-brown'), 'Gordon  Brown'],
      [personId('john-reid'), 'John reid'],
    ])
    const { fresh, renamed } = peopleChanges(people, stored, new Set(['john-reid']))
    expect(fresh.map((p) => p.slug)).toEqual(['tony-blair'])
    expect(renamed.map((p) => [p.slug, p.name])).toEqual([['gordon-brown', 'Gordon Brown']])
  })

  it('knows which full-name people a partial relink did not read whole', () => {
    const entities = [
      entity(1, 0, 'Tony Blair', { personKey: 'tony-blair' }),
      entity(1, 1, 'Blair'),
      entity(1, 2, 'Gordon Brown', { personKey: 'gordon-brown' }),
    ]
    expect(partlySeen(entities, new Set(['tony-blair']))).toEqual(new Set(['gordon-brown']))
  })
})

describe('redirects of people merged away', () => {
  it('lead to the remaining person who got most of their mentions', () => {
    const movedTo = new Map([
      [
        'p-old',
        new Map([
          ['p-a', 2],
          ['p-b', 5],
          ['p-gone', 9],
        ]),
      ],
      ['p-lost', new Map([['p-gone', 1]])],
    ])
    const slugOf = new Map([
      ['p-old', 'old'],
      ['p-lost', 'lost'],
      ['p-gone', 'gone'],
    ])
    const { gone, redirects } = redirectsOf(['p-old', 'p-a', 'p-lost', 'p-gone'], new Set(['p-a', 'p-b']), slugOf, movedTo)
    expect(gone).toEqual(['p-old', 'p-lost', 'p-gone'])
    expect(redirects).toEqual([{ from: 'p-old', slug: 'old', to: 'p-b' }])
  })
})

describe('the rows the people of an article become', () => {
  const linked = (position: number, name: string, extra: Partial<EntityOfArticle> = {}): EntityOfArticle => ({
    articleSeq: 1,
    position,
    name,
    titles: '[]',
    aliases: '[]',
    mentionCount: 1,
    mentions: '[]',
    joinOnly: false,
    speakerType: null,
    status: 'person',
    personId: 'p1',
    personName: 'Tony Blair',
    ...extra,
  })

  it('joins the entities of one person, and gives each entity its quotes speaker', () => {
    const rows = articlePeople(
      [1, 2],
      [
        linked(0, 'Tony Blair', { titles: '["Prime Minister"]', mentions: '[{"start":40},{"start":0}]' }),
        linked(1, 'Blair', { titles: '["Prime Minister","MP"]', aliases: '["Mr Blair"]', mentions: '[{"start":20}]', joinOnly: true }),
        linked(2, 'Chelsea', { status: 'not-person', personId: null, personName: null }),
        linked(3, 'Ronaldo', { status: 'unresolved', personId: null, personName: null, joinOnly: true, speakerType: 'group' }),
        linked(4, 'Paula', { status: 'unresolved', personId: null, personName: null }),
      ],
    )
    expect(rows.articlePeople).toEqual([
      {
        articleSeq: 1,
        personId: 'p1',
        role: 'Prime Minister',
        titles: '["Prime Minister","MP"]',
        aliases: '["Mr Blair","Blair"]',
        mentionCount: 3,
        mentions: '[{"start":0},{"start":20},{"start":40}]',
        gender: null,
      },
    ])
    expect(rows.speakers.map((s) => [s.speakerEntity, s.personId, s.speakerName, s.speakerType])).toEqual([
      [0, 'p1', 'Tony Blair', 'person'],
      [1, 'p1', 'Tony Blair', 'person'],
      [2, null, 'Chelsea', 'unknown'],
      [3, null, 'Ronaldo', 'group'],
      [4, null, 'Paula', 'person'],
    ])
    expect(rows.peopleCount).toEqual([
      { seq: 1, peopleCount: 1 },
      { seq: 2, peopleCount: 0 },
    ])
    expect(rows.aliases.map((a) => a.alias)).toEqual(['Mr Blair', 'Blair'])
    expect(rows.people).toEqual(new Set(['p1']))
  })

  it("sums the pronoun evidence of one person's entities in an article, and decides it as the article does", () => {
    const gender = (
      honorific: Partial<Record<'he' | 'she', number>>,
      pronoun: Partial<Record<'he' | 'she', number>>,
      givenName: 'he' | 'she' | null,
    ) =>
      JSON.stringify({
        pronoun: null,
        basis: null,
        evidence: { honorific: 0, role: 0, pronoun: 0, givenName },
        votes: {
          honorific: { he: 0, she: 0, they: 0, ...honorific },
          role: { he: 0, she: 0, they: 0 },
          pronoun: { he: 0, she: 0, they: 0, ...pronoun },
        },
      })
    const rows = articlePeople(
      [1],
      [linked(0, 'Ann Lee', { gender: gender({}, { she: 1 }, 'she') }), linked(1, 'Lee', { gender: gender({ she: 1 }, { he: 1 }, null) })],
    )
    expect(JSON.parse(rows.articlePeople[0]!.gender!)).toEqual({
      pronoun: 'she',
      basis: 'honorific',
      votes: { honorific: { he: 0, she: 1, they: 0 }, role: { he: 0, she: 0, they: 0 }, pronoun: { he: 1, she: 1, they: 0 } },
      givenName: 'she',
    })
  })
})
