import { readFileSync } from 'node:fs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, fixture, type TestContext } from '../helpers/context.js'
import { openApiValidator } from '../helpers/openapi.js'
import { inProcessExtractor } from '../../src/ingest/extractor.js'
import { parseFile } from '../../src/ingest/parse.js'
import { createArticleWriter } from '../../src/ingest/write.js'

const KEY = 'test-key-0123456789abcdef'
const OLD_KEY = 'rotated-key-0123456789abcdef'
const auth = `Bearer ${KEY}`

let ctx: TestContext
let readOnly: TestContext
let limited: TestContext
beforeAll(async () => {
  ;[ctx, readOnly, limited] = await Promise.all([
    createTestContext({
      API_KEYS: `${KEY}, ${OLD_KEY}`,
      WRITE_EXTRACTION_THREADS: '0',
      WRITE_MAX_RECORDS: '5',
      WRITE_BODY_LIMIT_BYTES: '20000',
    }),
    createTestContext(),
    createTestContext({ API_KEYS: `${KEY},${OLD_KEY}`, WRITE_EXTRACTION_THREADS: '0', WRITE_RATE_LIMIT_MAX: '2' }),
  ])
  await ctx.ingest(fixture('../../prisma/sample-data'))
})
afterAll(() => Promise.all([ctx?.close(), readOnly?.close(), limited?.close()]))

const article = (n: number, extra: Record<string, unknown> = {}) => ({
  title: `Minister Ann Lee on the harbour plan ${n}`,
  body: `Transport minister Ann Lee said on Monday that the harbour plan number ${n} would create 400 jobs. "We are ready," Lee said.`,
  publishedAt: '2024-05-06',
  section: 'politics',
  ...extra,
})
const post = (on: TestContext, body: string, type = 'application/json', key: string | null = auth) => {
  const r = request(on.app.server).post('/articles').set('content-type', type)
  return (key ? r.set('authorization', key) : r).send(body)
}

describe('POST /articles', () => {
  it('ingests one article: 201 with Location, then 200 unchanged, then 200 updated for the same id', async () => {
    const created = await post(ctx, JSON.stringify(article(1, { id: 'ext-1' }))).expect(201)
    expect(created.body.summary).toEqual({ ingested: 1, updated: 0, unchanged: 0, failed: 0 })
    const [outcome] = created.body.results
    expect(outcome).toMatchObject({ status: 'ingested', title: 'Minister Ann Lee on the harbour plan 1', problem: null, where: '' })
    expect(created.headers.location).toBe(`/articles/${outcome.id}`)
    // readable at once, with its people and quotes
    const stored = await request(ctx.app.server).get(created.headers.location!).expect(200)
    expect(stored.body.people.map((p: { name: string }) => p.name)).toContain('Ann Lee')
    expect(stored.body.quotes.length).toBeGreaterThanOrEqual(1)

    const again = await post(ctx, JSON.stringify(article(1, { id: 'ext-1' }))).expect(200)
    expect(again.body.results[0]).toMatchObject({ status: 'unchanged', id: outcome.id })
    const corrected = await post(ctx, JSON.stringify(article(1, { id: 'ext-1', title: 'Corrected title about Ann Lee' }))).expect(200)
    expect(corrected.body.results[0]).toMatchObject({ status: 'updated', id: outcome.id })
  })

  it('takes JSON Lines and JSON arrays with an outcome per record; a bad record fails alone', async () => {
    const lines = [JSON.stringify(article(2)), '{"title": "no body"}', 'not json', JSON.stringify(article(3))].join('\n')
    const res = await post(ctx, lines, 'application/x-ndjson').expect(201)
    expect(res.body.results.map((r: { where: string; status: string }) => `${r.where} ${r.status}`)).toEqual([
      'line 1 ingested',
      'line 2 failed',
      'line 3 failed',
      'line 4 ingested',
    ])
    expect(res.body.results[1].problem).toMatchObject({ status: 400, detail: expect.stringMatching(/body/) })
    expect(res.body.summary).toEqual({ ingested: 2, updated: 0, unchanged: 0, failed: 2 })
    expect(res.headers.location).toBeUndefined()
    const array = await post(ctx, JSON.stringify([article(4), article(2)])).expect(201)
    expect(array.body.results.map((r: { where: string; status: string }) => `${r.where} ${r.status}`)).toEqual([
      'item 1 ingested',
      'item 2 unchanged',
    ])
  })

  it('answers 400 problem+json when every record fails, naming each', async () => {
    const res = await post(ctx, '{"title": "x"}\n{"body": "y"}', 'application/x-ndjson').expect(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body.errors.map((e: { name: string }) => e.name)).toEqual(['line 1', 'line 2'])
    expect((await post(ctx, '{"title": ').expect(400)).body.detail).toMatch(/invalid JSON/)
    expect((await post(ctx, '').expect(400)).body.status).toBe(400)
  })

  it('takes a web page with the address it was published at, and extracts its article', async () => {
    const page = readFileSync(fixture('web/harbour-page.html'))
    const res = await request(ctx.app.server)
      .post('/articles?url=https://gazette.example/news/harbour')
      .set('authorization', auth)
      .set('content-type', 'text/html; charset=utf-8')
      .send(page)
      .expect(201)
    const stored = await request(ctx.app.server).get(res.headers.location!).expect(200)
    expect(stored.body).toMatchObject({
      title: 'Harbour plan approved after long fight',
      format: 'html',
      url: 'https://gazette.example/news/2024/05/harbour-plan-approved',
    })
    expect(stored.body.body).not.toContain('Related stories')
    const empty = await request(ctx.app.server)
      .post('/articles')
      .set('authorization', auth)
      .set('content-type', 'text/html')
      .send('<html><body><nav>Home</nav></body></html>')
    expect(empty.status).toBe(400)
    expect(empty.body.detail).toMatch(/no article/)
    await request(ctx.app.server)
      .post('/articles?url=ftp://x.example/a')
      .set('authorization', auth)
      .set('content-type', 'text/html')
      .send(page)
      .expect(400)
  })

  it('refuses an unsupported media type (415), too large a body or too many records (413)', async () => {
    expect((await post(ctx, 'hello', 'text/plain').expect(415)).headers['content-type']).toMatch(/problem\+json/)
    await post(ctx, JSON.stringify(article(5, { body: 'x'.repeat(30_000) }))).expect(413)
    const six = Array.from({ length: 6 }, (_, i) => JSON.stringify(article(100 + i))).join('\n')
    expect((await post(ctx, six, 'application/x-ndjson').expect(413)).body.detail).toMatch(/at most 5/)
  })

  it('needs a valid key, compared before the body is read; both rotated keys work', async () => {
    const missing = await post(ctx, JSON.stringify(article(6)), 'application/json', null).expect(401)
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="newsdesk"')
    expect(missing.headers['content-type']).toMatch(/problem\+json/)
    const wrong = await post(ctx, JSON.stringify(article(6)), 'application/json', 'Bearer not-the-key-at-all-000').expect(401)
    expect(wrong.headers['www-authenticate']).toMatch(/error="invalid_token"/)
    await post(ctx, JSON.stringify(article(6)), 'application/json', `Basic ${Buffer.from('a:b').toString('base64')}`).expect(401)
    // an unauthenticated request is refused even when its body is too large or of the wrong type
    await post(ctx, 'x'.repeat(50_000), 'application/json', null).expect(401)
    await post(ctx, 'hello', 'text/plain', null).expect(401)
    await post(ctx, JSON.stringify(article(6)), 'application/json', `Bearer ${OLD_KEY}`).expect(201)
  })
})

describe('the writer', () => {
  it('counts the writes waiting, so a request past WRITE_QUEUE can be refused before its body is read', async () => {
    const writer = createArticleWriter(ctx.prisma, inProcessExtractor)
    const records = parseFile('x.json', JSON.stringify(article(20)))
    const first = writer.ingest('test', records)
    const second = writer.delete('no-such-article')
    expect(writer.waiting()).toBe(2)
    await Promise.all([first, second])
    expect(writer.waiting()).toBe(0)
  })
})

describe('DELETE /articles/:id', () => {
  it('removes the article with its quotes and mentions, recounts its people, and the cache follows', async () => {
    const created = await post(
      ctx,
      JSON.stringify(article(7, { body: 'Harbour master Otto Vinke said the new slipway was finished. "It is done," Vinke said.' })),
    )
    const id = created.body.results[0].id
    const person = await request(ctx.app.server).get('/people/otto-vinke').expect(200)
    expect(person.body.articleCount).toBe(1)
    const stats = (await request(ctx.app.server).get('/stats').expect(200)).body
    const etag = (await request(ctx.app.server).get(`/articles/${id}`).expect(200)).headers.etag!

    await request(ctx.app.server).delete(`/articles/${id}`).set('authorization', auth).expect(204)
    const gone = await request(ctx.app.server).get(`/articles/${id}`).set('if-none-match', etag).expect(404)
    expect(gone.headers['content-type']).toMatch(/problem\+json/)
    await request(ctx.app.server).get('/people/otto-vinke').expect(404)
    const after = (await request(ctx.app.server).get('/stats').expect(200)).body
    expect(after.articles.total).toBe(stats.articles.total - 1)
    expect(after.quotes.total).toBeLessThan(stats.quotes.total)
    expect((await request(ctx.app.server).get(`/quotes?article=${id}`).expect(200)).body.data).toEqual([])
    expect((await request(ctx.app.server).get('/articles?q=slipway').expect(200)).body.data).toEqual([])

    await request(ctx.app.server).delete(`/articles/${id}`).set('authorization', auth).expect(404)
    await request(ctx.app.server).delete(`/articles/${id}`).expect(401)
  })
})

describe('without API keys the API stays read-only', () => {
  it('answers 405 to writes and leaves them out of the OpenAPI document', async () => {
    const res = await post(readOnly, JSON.stringify(article(8))).expect(405)
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS')
    await request(readOnly.app.server).delete('/articles/afd7e63041405759').set('authorization', auth).expect(405)
    const doc = (await request(readOnly.app.server).get('/openapi.json').expect(200)).body
    expect(Object.keys(doc.paths['/articles'])).toEqual(['get'])
    expect(doc.components.securitySchemes).toBeUndefined()
  })

  it('with keys, documents the writes with their security scheme and still refuses other methods', async () => {
    const doc = (await request(ctx.app.server).get('/openapi.json').expect(200)).body
    expect(Object.keys(doc.paths['/articles']).sort()).toEqual(['get', 'post'])
    expect(doc.paths['/articles/{id}'].delete.security).toEqual([{ bearerAuth: [] }])
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    const put = await request(ctx.app.server).put('/articles/afd7e63041405759').set('authorization', auth).expect(405)
    expect(put.headers.allow).toBe('GET, HEAD, OPTIONS, DELETE')
    const matches = openApiValidator(doc)
    const created = await post(ctx, JSON.stringify(article(9))).expect(201)
    matches('POST', '/articles', created)
  })
})

describe('rate limit per key', () => {
  it('counts each key apart and answers 429 with Retry-After past the limit', async () => {
    await post(limited, JSON.stringify(article(10))).expect(201)
    await post(limited, JSON.stringify(article(11))).expect(201)
    const refused = await post(limited, JSON.stringify(article(12))).expect(429)
    expect(refused.headers['retry-after']).toBeDefined()
    expect(refused.headers['content-type']).toMatch(/problem\+json/)
    // another key has its own allowance; reads are not counted against writes
    await post(limited, JSON.stringify(article(12)), 'application/json', `Bearer ${OLD_KEY}`).expect(201)
    await request(limited.app.server).get('/articles').expect(200)
  })

  it('counts requests without a valid key by address, so guessing keys is limited too', async () => {
    for (const guess of ['guess-number-one-00000', 'guess-number-two-00000'])
      await post(limited, JSON.stringify(article(13)), 'application/json', `Bearer ${guess}`).expect(401)
    await post(limited, JSON.stringify(article(13)), 'application/json', 'Bearer guess-number-three-000').expect(429)
    // a valid key keeps its own allowance
    await post(limited, JSON.stringify(article(14)), 'application/json', `Bearer ${OLD_KEY}`).expect(201)
  })
})
