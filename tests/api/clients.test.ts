import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, fixture, scratchFiles, type TestContext } from '../helpers/context.js'

const SEED_ID = 'afd7e63041405759'
const ORIGIN = 'https://newsroom.example'

describe('what every client gets', () => {
  let ctx: TestContext
  const write = scratchFiles('newsdesk-clients-')
  beforeAll(async () => {
    ctx = await createTestContext()
    await ctx.ingest(fixture('../../prisma/sample-data'), fixture('articles'))
  })
  afterAll(() => ctx.close())
  const get = (url: string, headers: Record<string, string> = {}) => request(ctx.app.server).get(url).set(headers)

  it('serves /docs as HTML and its scripts as JavaScript on every request, not only the first', async () => {
    for (let i = 0; i < 3; i++) {
      const page = await get('/docs').expect(200)
      expect(page.headers['content-type']).toMatch(/^text\/html/)
      expect(page.text).toContain('<html')
      const init = await get('/docs/static/swagger-initializer.js').expect(200)
      expect(init.headers['content-type']).toMatch(/^application\/javascript|^text\/javascript/)
    }
    // the JSON routes keep their own type when answered from the cache
    await get('/people').expect(200)
    expect((await get('/people').expect(200)).headers['content-type']).toBe('application/json; charset=utf-8')
  })

  it('publishes the file name an article came from, never a path on the server', async () => {
    const article = (await get(`/articles/${SEED_ID}`).expect(200)).body
    expect(article).not.toHaveProperty('sourcePath')
    expect(article.fileName).toBe('000_e717161affdd8244.txt')
    expect(JSON.stringify(article)).not.toContain(fixture(''))
  })

  it('gives one weak ETag to the identity, gzip and br bodies, and names Accept-Encoding in Vary on 304 too', async () => {
    const url = '/quotes?limit=50'
    const plain = await get(url, { 'accept-encoding': 'identity' }).expect(200)
    const gzip = await get(url, { 'accept-encoding': 'gzip' }).expect(200)
    const br = await get(url, { 'accept-encoding': 'br' }).expect(200)
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(br.headers['content-encoding']).toBe('br')
    expect(plain.headers['content-encoding']).toBeUndefined()
    const etag = plain.headers.etag as string
    expect(etag).toMatch(/^W\//)
    expect(gzip.headers.etag).toBe(etag)
    expect(br.headers.etag).toBe(etag)
    for (const res of [plain, gzip, br]) expect(res.headers.vary).toMatch(/accept-encoding/i)
    const notModified = await get(url, { 'accept-encoding': 'gzip', 'if-none-match': etag }).expect(304)
    expect(notModified.headers.vary).toMatch(/accept-encoding/i)
    expect(notModified.headers.etag).toBe(etag)
  })

  describe('strict parameters', () => {
    it.each([
      ['/articles?section=International', 'section'],
      ['/articles?fields=title', 'fields'],
      ['/quotes?since=2021-01-01', 'since'],
      ['/quotes?order=oldest', 'order'],
      ['/people?limt=5', 'limt'],
      ['/people/xi-jinping/quotes?speaker=xi-jinping', 'speaker'],
    ])('refuses an unknown parameter: %s', async (url, name) => {
      const res = await get(url).expect(400)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.body.errors).toEqual([{ in: 'query', name, message: `unknown query parameter '${name}'` }])
      expect(res.body.detail).toContain(`'${name}'`)
    })

    it('refuses a single-valued parameter given twice, saying so', async () => {
      const res = await get('/articles?limit=1&limit=2').expect(400)
      expect(res.body.detail).toBe("query parameter 'limit' is given 2 times; it takes one value")
      expect(res.body.errors).toEqual([{ in: 'query', name: 'limit', message: res.body.detail }])
      await get('/quotes?kind=direct&kind=indirect').expect(400)
    })

    it('refuses a date range that ends before it starts, and takes one that is a single day', async () => {
      const res = await get('/articles?from=2022-01-01&to=2021-01-01').expect(400)
      expect(res.body.errors[0]).toMatchObject({ in: 'query', name: 'from' })
      await get('/quotes?from=2021-12-16T00:00:00Z&to=2021-12-15').expect(400)
      const sameDay = await get('/articles?from=2021-12-15&to=2021-12-15').expect(200)
      expect(sameDay.body.data.map((a: { id: string }) => a.id)).toContain(SEED_ID)
    })

    it('answers an empty page, never a 404, for every filter that names nothing', async () => {
      for (const url of [
        '/articles?person=nobody',
        '/articles?category=No+Such+Section',
        '/quotes?speaker=nobody',
        '/quotes?article=no-such-article',
      ]) {
        const res = await get(url).expect(200)
        // a quote list also says what it leaves out by default
        const shown = url.startsWith('/quotes') ? { shown: { minConfidence: 0.7, unresolved: 'exclude' } } : {}
        expect(res.body, url).toEqual({ data: [], page: { limit: 20, nextCursor: null, total: { value: 0, relation: 'eq' } }, ...shown })
      }
      // the same filters naming something real do match
      expect((await get('/articles?person=xi-jinping').expect(200)).body.data.length).toBeGreaterThan(0)
      expect((await get('/quotes?speaker=xi-jinping').expect(200)).body.data.length).toBeGreaterThan(0)
      expect((await get(`/quotes?article=${SEED_ID}`).expect(200)).body.data.length).toBeGreaterThan(0)
      expect((await get('/articles?category=International').expect(200)).body.data.length).toBeGreaterThan(0)
    })
  })

  describe('methods and media types', () => {
    it('answers a write on a read-only route with 405 and Allow', async () => {
      for (const [method, url] of [
        ['post', '/articles'],
        ['delete', `/articles/${SEED_ID}`],
        ['put', '/people/xi-jinping'],
        ['patch', '/quotes'],
      ] as const) {
        const res = await request(ctx.app.server)[method](url).send({ title: 'x' }).expect(405)
        expect(res.headers.allow).toBe('GET, HEAD, OPTIONS')
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(res.body).toMatchObject({ status: 405, title: 'Method Not Allowed', instance: url })
      }
      await request(ctx.app.server).post('/no-such-route').expect(404)
    })

    it('answers 406 to an Accept header it cannot satisfy, and serves JSON to every other', async () => {
      const res = await get('/articles', { accept: 'text/csv' }).expect(406)
      expect(res.body).toMatchObject({ status: 406, title: 'Not Acceptable' })
      // also when the answer is already cached
      await get('/people').expect(200)
      await get('/people', { accept: 'application/xml' }).expect(406)
      for (const accept of ['application/json', '*/*', 'application/*', 'text/html, application/json;q=0.5', 'application/problem+json']) {
        await get('/people', { accept }).expect(200)
      }
      await get('/docs', { accept: 'text/html' }).expect(200)
    })
  })

  it('ends excerpts at a word with an ellipsis, on one line', async () => {
    const long = [
      'Headline of a long piece',
      ...Array.from({ length: 30 }, (_, i) => `Paragraph ${i} says that the harbour plan\nwill cost more than expected.`),
    ].join('\n\n')
    const [outcome] = await ctx.ingest(write('long-excerpt.txt', long))
    const id = (outcome as { id?: string }).id ?? (outcome as { records?: { id?: string }[] }).records?.[0]?.id
    const article = (await get('/articles?q=harbour+paragraph').expect(200)).body.data.find(
      (a: { id: string; title: string }) => a.id === id || a.title === 'Headline of a long piece',
    )
    expect(article).toBeTruthy()
    expect(article.excerpt).not.toMatch(/[\n\r\t]/)
    expect(article.excerpt).toMatch(/[^\s,;:]…$/)
    expect(article.excerpt.length).toBeLessThanOrEqual(280)
    const words = article.excerpt.slice(0, -1).split(' ')
    expect(long.replace(/\s+/g, ' ')).toContain(words.join(' '))
  })

  it('lists undated articles after dated ones, newest first', async () => {
    await ctx.ingest(write('undated.txt', 'An undated note about the harbour\n\nThe council met on an unknown day.'))
    const ids: { publishedAt: string | null }[] = []
    let cursor: string | null = null
    do {
      const res: request.Response = await get(`/articles?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200)
      ids.push(...res.body.data)
      cursor = res.body.page.nextCursor
    } while (cursor)
    const firstUndated = ids.findIndex((a) => a.publishedAt === null)
    expect(firstUndated).toBeGreaterThan(0)
    expect(ids.slice(firstUndated).every((a) => a.publishedAt === null)).toBe(true)
    const dates = ids.slice(0, firstUndated).map((a) => a.publishedAt!)
    expect(dates).toEqual([...dates].sort().reverse())
  })
})

describe('browsers: CORS on every answer, limits that spare preflights and health checks', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW: '1 minute' })
  })
  afterAll(() => ctx.close())

  it('lets a browser read a 429, its Retry-After and RateLimit headers; preflights and /health do not count', async () => {
    for (let i = 0; i < 5; i++) {
      const preflight = await request(ctx.app.server)
        .options('/articles')
        .set({ origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' })
        .expect(204)
      expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN)
      expect(preflight.headers['access-control-max-age']).toBe('86400')
      await request(ctx.app.server).get('/health').expect(200)
    }
    const ok = await request(ctx.app.server).get('/articles').set({ origin: ORIGIN }).expect(200)
    const exposed = String(ok.headers['access-control-expose-headers']).toLowerCase().split(/,\s*/)
    expect(exposed).toEqual(expect.arrayContaining(['etag', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after']))
    await request(ctx.app.server).get('/articles').set({ origin: ORIGIN }).expect(200)
    const limited = await request(ctx.app.server).get('/articles').set({ origin: ORIGIN }).expect(429)
    expect(limited.headers['access-control-allow-origin']).toBe(ORIGIN)
    expect(limited.headers['access-control-expose-headers']).toMatch(/Retry-After/)
    expect(limited.headers['retry-after']).toMatch(/^\d+$/)
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/)
    await request(ctx.app.server).get('/health').expect(200)
  })

  it('lets a browser read a 503 from load shedding', async () => {
    const shedding = await createTestContext({ MAX_EVENT_LOOP_DELAY_MS: '1', PRESSURE_SAMPLE_INTERVAL_MS: '5' })
    try {
      // block the event loop past the threshold, then let under-pressure sample it; the next samples
      // clear it again, so on a busy machine the request may arrive after that: block and ask again
      let res = await request(shedding.app.server).get('/articles').set({ origin: ORIGIN })
      for (let attempt = 0; attempt < 20 && res.status !== 503; attempt++) {
        const until = Date.now() + 60
        while (Date.now() < until) {
          /* busy */
        }
        await new Promise((resolve) => setTimeout(resolve, 20))
        res = await request(shedding.app.server).get('/articles').set({ origin: ORIGIN })
      }
      expect(res.status).toBe(503)
      expect(res.headers['access-control-allow-origin']).toBe(ORIGIN)
      expect(res.headers['retry-after']).toBeDefined()
    } finally {
      await shedding.close()
    }
  })
})

describe('TRUST_PROXY', () => {
  const twoClients = async (env: Record<string, string>) => {
    const ctx = await createTestContext({ RATE_LIMIT_MAX: '1', ...env })
    try {
      await request(ctx.app.server).get('/articles').set('x-forwarded-for', '203.0.113.1').expect(200)
      return (await request(ctx.app.server).get('/articles').set('x-forwarded-for', '203.0.113.2')).status
    } finally {
      await ctx.close()
    }
  }
  it('counts clients by X-Forwarded-For only when the proxy is trusted', async () => {
    expect(await twoClients({ TRUST_PROXY: 'true' })).toBe(200)
    expect(await twoClients({ TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' })).toBe(200)
    expect(await twoClients({})).toBe(429)
  })
})
