import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, fixture, type TestContext } from '../helpers/context.js'
import { openApiValidator } from '../helpers/openapi.js'

let ctx: TestContext
let matchesOpenApi: ReturnType<typeof openApiValidator>
const SEED_ID = 'afd7e63041405759'

beforeAll(async () => {
  ctx = await createTestContext()
  await ctx.ingest(fixture('../../prisma/sample-data'), fixture('articles'))
  matchesOpenApi = openApiValidator((await request(ctx.app.server).get('/openapi.json').expect(200)).body)
})
afterAll(() => ctx.close())

const get = (url: string) => request(ctx.app.server).get(url)

/** Follows nextCursor to the end and returns every item id. */
async function collect(url: string, limit: number): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const sep = url.includes('?') ? '&' : '?'
    const res: request.Response = await get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(
      200,
    )
    expect(res.body.data.length).toBeLessThanOrEqual(limit)
    ids.push(...res.body.data.map((d: { id: string }) => d.id))
    cursor = res.body.page.nextCursor
  } while (cursor)
  return ids
}

describe('GET /health', () => {
  it('reports the database and the article count', async () => {
    const res = await get('/health').expect(200)
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok', articles: 6 })
    matchesOpenApi('GET', '/health', res)
  })
})

describe('GET /articles', () => {
  it('lists newest first with a page object', async () => {
    const res = await get('/articles').expect(200)
    matchesOpenApi('GET', '/articles', res)
    expect(res.body.page).toEqual({ limit: 20, nextCursor: null, total: { value: 6, relation: 'eq' } })
    const dated = res.body.data
      .filter((a: { publishedAt: string | null }) => a.publishedAt)
      .map((a: { publishedAt: string }) => a.publishedAt)
    expect(dated.length).toBeGreaterThan(1)
    expect(dated).toEqual([...dated].sort().reverse())
    expect(res.body.data.find((a: { id: string }) => a.id === SEED_ID)).toMatchObject({
      peopleCount: 6,
      dateline: 'MOSCOW',
      agency: 'AP',
      section: 'International',
    })
  })
  it.each(['/articles', '/articles?sort=oldest', '/articles?q=the', '/articles?q=said&sort=newest'])(
    'paginates %s without duplicates or gaps',
    async (url) => {
      const all = await collect(url, 100)
      expect(all.length).toBeGreaterThan(4) // several pages even at the largest limit below
      for (const limit of [1, 2, 4]) expect(await collect(url, limit)).toEqual(all)
      expect(new Set(all).size).toBe(all.length)
    },
  )
  it('ranks search results the same whether or not another filter is given', async () => {
    // the search alone cuts its page among the matches; with a filter it ranks after the join
    const alone = await collect('/articles?q=the', 2)
    const dated = await collect('/articles?q=the&from=1900-01-01', 2)
    expect(dated.length).toBeGreaterThan(2)
    expect(dated).toEqual(alone.filter((id) => dated.includes(id)))
  })
  it('filters by category, dates, person and full text', async () => {
    const ids = async (q: string) => (await get(`/articles?${q}`).expect(200)).body.data.map((a: { title: string }) => a.title)
    expect(await ids('category=Weather')).toEqual(['Storm closes schools'])
    expect(await ids('from=2024-01-01&to=2024-01-31')).toEqual(['Storm closes schools'])
    expect(await ids('to=2021-12-15')).toEqual(['Kremlin: Xi backs Putin’s pursuit of Western guarantees'])
    expect(await ids('person=xi-jinping')).toEqual(['Kremlin: Xi backs Putin’s pursuit of Western guarantees'])
    expect(await ids('q=harbour+fishermen')).toEqual(['Council approves harbour plan after long debate'])
    expect(await ids('q=Kremlin')).toEqual(['Kremlin: Xi backs Putin’s pursuit of Western guarantees'])
  })
  it('treats search input as words, never as FTS syntax', async () => {
    for (const q of ['"', 'NEAR(', '-harbour', 'harbour*', "' OR 1=1 --", 'title:x']) {
      const res = await get(`/articles?q=${encodeURIComponent(q)}`)
      expect([200, 400]).toContain(res.status)
    }
    const res = await get('/articles?q=%22%2A%28').expect(400)
    expect(res.body).toMatchObject({ status: 400, errors: [{ in: 'query', name: 'q' }] })
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  })
  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=101', 'limit'],
    ['from=yesterday', 'from'],
    ['to=2024-13-40', 'to'],
    ['cursor=bm9wZQ', 'cursor'],
    ['sort=relevance', 'sort'],
    ['sort=random', 'sort'],
    [`q=${'x'.repeat(501)}`, 'q'],
  ])('answers %s with a 400 problem naming %s', async (query, name) => {
    const res = await get(`/articles?${query}`).expect(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 })
    expect(res.body.errors.map((e: { name: string }) => e.name)).toContain(name)
    matchesOpenApi('GET', '/articles', res)
  })
  it('rejects a cursor made for another sort order', async () => {
    const first = await get('/articles?limit=1').expect(200)
    await get(`/articles?sort=oldest&limit=1&cursor=${first.body.page.nextCursor}`).expect(400)
  })
  it('answers an empty page for a person filter that names nobody, like any filter that matches nothing', async () => {
    const res = await get('/articles?person=nobody-at-all').expect(200)
    expect(res.body).toEqual({ data: [], page: { limit: 20, nextCursor: null, total: { value: 0, relation: 'eq' } } })
  })
})

describe('GET /articles/:id', () => {
  it('returns the article with its people and quotes, offsets into the body', async () => {
    const res = await get(`/articles/${SEED_ID}`).expect(200)
    matchesOpenApi('GET', '/articles/{id}', res)
    const a = res.body
    expect(a.people.map((p: { name: string }) => p.name)).toEqual([
      'Xi Jinping',
      'Vladimir Putin',
      'Yuri Ushakov',
      'Karen Donfried',
      'Sergei Ryabkov',
      'Alexei Navalny',
    ])
    expect(a.people[0]).toMatchObject({ slug: 'xi-jinping', role: 'Chinese President' })
    expect(a.quotes).toHaveLength(20)
    for (const q of a.quotes) expect(a.body.slice(q.start, q.end)).toBe(q.content)
    for (const q of a.quotes) expect(q.article).toEqual({ id: a.id, title: a.title, publishedAt: a.publishedAt })
    for (const p of a.people) expect(p.mentionCount).toBe(p.mentions.length)
    // each quote as /quotes/:id gives it
    expect((await get(`/quotes/${a.quotes[0].id}`).expect(200)).body).toEqual(a.quotes[0])
  })
  it('404s as a problem', async () => {
    const res = await get('/articles/missing').expect(404)
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: "article 'missing' not found",
      instance: '/articles/missing',
    })
    matchesOpenApi('GET', '/articles/{id}', res)
  })
})

describe('GET /people', () => {
  it('finds Xi Jinping by slug and by id, with titles tied to their article', async () => {
    const res = await get('/people/xi-jinping').expect(200)
    matchesOpenApi('GET', '/people/{idOrSlug}', res)
    expect(res.body).toMatchObject({
      name: 'Xi Jinping',
      aliases: ['Xi'],
      titles: [{ title: 'Chinese President', articleId: SEED_ID }],
      articleCount: 1,
    })
    expect((await get(`/people/${res.body.id}`).expect(200)).body.slug).toBe('xi-jinping')
  })
  it.each(['quotes', 'mentions', 'articles', 'name'])('sorts by %s and paginates without gaps', async (sort) => {
    const res = await get(`/people?sort=${sort}&limit=100`).expect(200)
    matchesOpenApi('GET', '/people', res)
    const rows = res.body.data as Record<string, number | string>[]
    const key = { quotes: 'quoteCount', mentions: 'mentionCount', articles: 'articleCount', name: 'name' }[sort]!
    const values = rows.map((r) => (sort === 'name' ? String(r[key]).toLowerCase() : Number(r[key])))
    expect(values).toEqual([...values].sort((x, y) => (sort === 'name' ? (x < y ? -1 : x > y ? 1 : 0) : Number(y) - Number(x))))
    expect(await collect(`/people?sort=${sort}`, 2)).toEqual(rows.map((r) => r.id))
  })
  it('searches names and aliases', async () => {
    expect((await get('/people?q=ushak').expect(200)).body.data.map((p: { name: string }) => p.name)).toEqual(['Yuri Ushakov'])
  })
  it('lists what a person said and where they appear', async () => {
    const quotes = await get('/people/yuri-ushakov/quotes').expect(200)
    matchesOpenApi('GET', '/people/{idOrSlug}/quotes', quotes)
    expect(quotes.body.data.length).toBe(4)
    expect(quotes.body.data.every((q: { speaker: { person: { slug: string } } }) => q.speaker.person.slug === 'yuri-ushakov')).toBe(true)
    const articles = await get('/people/helen-carter/articles').expect(200)
    matchesOpenApi('GET', '/people/{idOrSlug}/articles', articles)
    expect(articles.body.data.map((a: { title: string }) => a.title)).toEqual(['Council approves harbour plan after long debate'])
  })
  it('404s for an unknown person and 400s for a bad sort', async () => {
    matchesOpenApi('GET', '/people/{idOrSlug}', await get('/people/nobody').expect(404))
    await get('/people/nobody/quotes').expect(404)
    expect((await get('/people?sort=age').expect(400)).body.errors[0].name).toBe('sort')
  })
})

describe('GET /quotes', () => {
  it('filters by speaker slug', async () => {
    const res = await get('/quotes?speaker=yuri-ushakov').expect(200)
    matchesOpenApi('GET', '/quotes', res)
    expect(res.body.data.map((q: { speaker: { name: string } }) => q.speaker.name)).toEqual(Array(4).fill('Yuri Ushakov'))
    // the speaker's person is bound once, not joined per row: the same quotes as the unfiltered list gives them
    const unfiltered = (await get('/quotes?limit=100').expect(200)).body.data
    expect(res.body.data).toEqual(
      unfiltered.filter((q: { speaker: { person: { slug: string } | null } }) => q.speaker.person?.slug === 'yuri-ushakov'),
    )
    expect((await get('/people/yuri-ushakov/quotes').expect(200)).body.data).toEqual(res.body.data)
  })
  it('filters by article, kind, confidence, dates and text, and paginates', async () => {
    const all = await collect('/quotes', 100)
    expect(await collect('/quotes', 3)).toEqual(all)
    // every quote of the article, the unsure ones too (the list hides them by default: quote-visibility.test.ts)
    const seed = (await get(`/quotes?article=${SEED_ID}&limit=100&minConfidence=0&unresolved=include`).expect(200)).body.data
    expect(seed).toHaveLength(20)
    const direct = (await get('/quotes?kind=direct&limit=100').expect(200)).body.data
    expect(direct.length).toBeGreaterThan(0)
    expect(direct.every((q: { kind: string }) => q.kind === 'direct')).toBe(true)
    const confident = (await get('/quotes?minConfidence=0.8&limit=100').expect(200)).body.data
    expect(confident.length).toBeGreaterThan(0)
    expect(confident.every((q: { confidence: number }) => q.confidence >= 0.8)).toBe(true)
    const recent = (await get('/quotes?from=2024-01-01&limit=100').expect(200)).body.data
    expect(recent.length).toBeGreaterThan(0)
    expect(recent.every((q: { article: { publishedAt: string } }) => q.article.publishedAt >= '2024')).toBe(true)
    const search = (await get('/quotes?q=fishermen').expect(200)).body.data
    expect(search.map((q: { content: string }) => q.content)).toEqual(['the council had ignored the concerns of local fishermen'])
  })
  it('returns one quote with its sentence, cue and via', async () => {
    const list = (await get(`/quotes?article=${SEED_ID}&q=currently`).expect(200)).body.data
    const res = await get(`/quotes/${list[0].id}`).expect(200)
    matchesOpenApi('GET', '/quotes/{id}', res)
    expect(res.body).toMatchObject({
      via: 'CCTV',
      cue: 'quotes ... as saying',
      speaker: { name: 'Xi Jinping', person: { slug: 'xi-jinping' } },
      article: { id: SEED_ID },
    })
    expect(res.body.sentence.text).toContain(res.body.content)
  })
  it('answers bad input with problems', async () => {
    matchesOpenApi('GET', '/quotes/{id}', await get('/quotes/nope').expect(404))
    expect((await get('/quotes?speaker=nobody').expect(200)).body.data).toEqual([])
    for (const q of ['kind=loud', 'minConfidence=2', 'limit=-1', 'cursor=%%%']) {
      const res = await get(`/quotes?${q}`).expect(400)
      matchesOpenApi('GET', '/quotes', res)
    }
  })
})

describe('HTTP conventions', () => {
  it('serves OpenAPI 3.1 and the browsable reference', async () => {
    const doc = (await get('/openapi.json').expect(200)).body
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/articles',
        '/articles/{id}',
        '/people',
        '/people/{idOrSlug}',
        '/people/{idOrSlug}/quotes',
        '/people/{idOrSlug}/articles',
        '/quotes',
        '/quotes/{id}',
        '/health',
      ]),
    )
    const docs = await get('/docs/').expect(200)
    expect(docs.headers['content-type']).toMatch(/text\/html/)
  })
  it('sends CORS headers, compresses and 404s unknown routes as problems', async () => {
    const res = await get('/articles').set('Origin', 'https://app.example').set('Accept-Encoding', 'gzip').expect(200)
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example')
    expect(res.headers['content-encoding']).toBe('gzip')
    const missing = await get('/nowhere').expect(404)
    expect(missing.body).toMatchObject({ status: 404, title: 'Not Found' })
  })
})
