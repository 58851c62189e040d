import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, fixture, type TestContext } from '../helpers/context.js'
import { openApiValidator } from '../helpers/openapi.js'

// Four invented articles (tests/fixtures/referred/sources.jsonl) whose text says how it refers to each
// speaker: Harriet Vane "Ms" (she), Peter Wimsey "Mr" (he), Ana Lima "She said" (she), Robin Banks
// "uses they/them pronouns" (they); Sam Okoro and Chris Delaney (a "chairman") are never referred to: unknown.
let ctx: TestContext
let matchesOpenApi: ReturnType<typeof openApiValidator>

beforeAll(async () => {
  ctx = await createTestContext()
  await ctx.ingest(fixture('referred/sources.jsonl'))
  matchesOpenApi = openApiValidator((await request(ctx.app.server).get('/openapi.json').expect(200)).body)
})
afterAll(() => ctx.close())

const get = (url: string) => request(ctx.app.server).get(url)
const shares = (counts: object) =>
  Object.fromEntries(
    Object.entries(counts as Record<string, { count: number; share: number } | number>).map(([k, v]) => [
      k,
      typeof v === 'number' ? v : [v.count, v.share],
    ]),
  )

describe('GET /stats/sources', () => {
  it('counts quoted people and their quotes by referred pronoun, unknown shown', async () => {
    const res = await get('/stats/sources').expect(200)
    matchesOpenApi('GET', '/stats/sources', res)
    expect(res.body.by).toBeNull()
    expect(res.body.groups).toEqual([])
    expect(shares(res.body.overall.people)).toEqual({
      total: 6,
      she: [2, 0.3333],
      he: [1, 0.1667],
      they: [1, 0.1667],
      unknown: [2, 0.3333],
    })
    expect(shares(res.body.overall.quotes)).toEqual({
      total: 9,
      she: [4, 0.4444],
      he: [2, 0.2222],
      they: [1, 0.1111],
      unknown: [2, 0.2222],
    })
  })

  it('groups by section, most quotes first', async () => {
    const res = await get('/stats/sources?by=section').expect(200)
    matchesOpenApi('GET', '/stats/sources', res)
    expect(
      res.body.groups.map((g: { value: string; people: object; quotes: object }) => [g.value, shares(g.people), shares(g.quotes)]),
    ).toEqual([
      [
        'Politics',
        { total: 3, she: [1, 0.3333], he: [1, 0.3333], they: [0, 0], unknown: [1, 0.3333] },
        { total: 5, she: [2, 0.4], he: [2, 0.4], they: [0, 0], unknown: [1, 0.2] },
      ],
      [
        'Science',
        { total: 2, she: [1, 0.5], he: [0, 0], they: [0, 0], unknown: [1, 0.5] },
        { total: 3, she: [2, 0.6667], he: [0, 0], they: [0, 0], unknown: [1, 0.3333] },
      ],
      [
        'Culture',
        { total: 1, she: [0, 0], he: [0, 0], they: [1, 1], unknown: [0, 0] },
        { total: 1, she: [0, 0], he: [0, 0], they: [1, 1], unknown: [0, 0] },
      ],
    ])
  })

  it('groups by month of publication and by outlet (the agency; none is a group of its own)', async () => {
    const months = (await get('/stats/sources?by=month').expect(200)).body.groups
    expect(
      months.map((g: { value: string; people: { total: number }; quotes: { total: number } }) => [g.value, g.people.total, g.quotes.total]),
    ).toEqual([
      ['2024-04', 4, 5],
      ['2024-03', 2, 3],
      ['2024-05', 1, 1],
    ])
    const outlets = (await get('/stats/sources?by=outlet').expect(200)).body.groups
    expect(
      outlets.map((g: { value: string | null; people: { she: { count: number } }; quotes: { total: number } }) => [
        g.value,
        g.people.she.count,
        g.quotes.total,
      ]),
    ).toEqual([
      ['AP', 1, 5],
      ['Reuters', 1, 3],
      [null, 0, 1],
    ])
  })

  it('filters by date range and section', async () => {
    const april = await get('/stats/sources?from=2024-04-01&to=2024-04-30').expect(200)
    matchesOpenApi('GET', '/stats/sources', april)
    expect(april.body.filters).toEqual({ from: '2024-04-01T00:00:00.000Z', to: '2024-04-30T23:59:59.999Z', section: null })
    expect(shares(april.body.overall.people)).toEqual({ total: 4, she: [2, 0.5], he: [0, 0], they: [0, 0], unknown: [2, 0.5] })
    const science = await get('/stats/sources?section=Science&by=month').expect(200)
    expect(science.body.overall.quotes.total).toBe(3)
    expect(science.body.groups.map((g: { value: string }) => g.value)).toEqual(['2024-04'])
    const none = await get('/stats/sources?section=Sport').expect(200)
    expect(shares(none.body.overall.people)).toEqual({ total: 0, she: [0, 0], he: [0, 0], they: [0, 0], unknown: [0, 0] })
  })

  it('rejects an unknown grouping or a reversed range as a problem', async () => {
    const bad = await get('/stats/sources?by=gender').expect(400)
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/)
    matchesOpenApi('GET', '/stats/sources', bad)
    await get('/stats/sources?from=2024-05-01&to=2024-04-01').expect(400)
    await get('/stats/sources?sort=quotes').expect(400)
  })
})

describe('GET /people/:slug referredAs', () => {
  it('says how the text refers to a person and on what evidence, summed over their articles', async () => {
    const res = await get('/people/harriet-vane').expect(200)
    matchesOpenApi('GET', '/people/{idOrSlug}', res)
    expect(res.body.pronoun).toBe('she')
    expect(res.body.referredAs).toMatchObject({ pronoun: 'she', basis: 'honorific', evidence: { articles: 2 } })
    expect(res.body.referredAs.evidence.honorific.she).toBeGreaterThanOrEqual(2)
    expect(res.body.referredAs.evidence.givenName).toEqual({ he: 0, she: 2, they: 0 })
    expect((await get('/people/ana-lima').expect(200)).body.referredAs).toMatchObject({ pronoun: 'she', basis: 'pronouns' })
    expect((await get('/people/peter-wimsey').expect(200)).body.referredAs).toMatchObject({ pronoun: 'he', basis: 'honorific' })
    expect((await get('/people/robin-banks').expect(200)).body.referredAs).toMatchObject({ pronoun: 'they', basis: 'pronouns' })
  })

  it('leaves unknown as unknown: no evidence, no guess from a surname or an ambiguous given name', async () => {
    const okoro = await get('/people/sam-okoro').expect(200)
    expect(okoro.body.referredAs).toEqual({
      pronoun: null,
      basis: null,
      evidence: {
        honorific: { he: 0, she: 0, they: 0 },
        role: { he: 0, she: 0, they: 0 },
        pronouns: { he: 0, she: 0, they: 0 },
        givenName: { he: 0, she: 0, they: 0 },
        articles: 1,
      },
    })
    // "chairman" is written for women too: no evidence
    expect((await get('/people/chris-delaney').expect(200)).body.referredAs).toMatchObject({ pronoun: null, evidence: { role: { he: 0 } } })
  })

  it('lists carry the pronoun', async () => {
    const res = await get('/people?sort=name&limit=100').expect(200)
    matchesOpenApi('GET', '/people', res)
    expect(Object.fromEntries(res.body.data.map((p: { slug: string; pronoun: string | null }) => [p.slug, p.pronoun]))).toMatchObject({
      'harriet-vane': 'she',
      'peter-wimsey': 'he',
      'sam-okoro': null,
    })
  })

  it('is decided again when identity merges two people', async () => {
    const c = await createTestContext()
    try {
      const { scratchFiles } = await import('../helpers/context.js')
      const w = scratchFiles('newsdesk-referred-merge-')
      await c.ingest(
        w('a.txt', 'Court hearing\nDr Kit Ebbers denied the charges on Monday. She said the case was politically motivated.'),
        w('b.txt', 'Verdict\nDr Jo Ebbers was found guilty on Friday.'),
      )
      const before = await request(c.app.server).get('/people/jo-ebbers').expect(200)
      expect(before.body.referredAs).toMatchObject({ pronoun: null, evidence: { articles: 1 } })
      const { runPeopleCommand } = await import('../../src/cli/people-command.js')
      const io = { out: () => {}, err: () => {}, isTTY: false, env: { DATABASE_URL: c.url } }
      expect(await runPeopleCommand(['merge', 'kit-ebbers', 'jo-ebbers'], io)).toBe(0)
      await c.readStore.catchUp()
      const after = await request(c.app.server).get('/people/jo-ebbers').expect(200)
      expect(after.body.referredAs).toMatchObject({ pronoun: 'she', basis: 'pronouns', evidence: { articles: 2, pronouns: { she: 1 } } })
    } finally {
      await c.close()
    }
  })
})
