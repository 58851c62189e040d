import fc from 'fast-check'
import { connect } from 'node:net'
import request from 'supertest'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestContext, fixture, type TestContext } from '../helpers/context.js'

describe('security headers and rate limits', () => {
  let ctx: TestContext
  // a new app for each test: every request counts against the limit
  beforeEach(async () => {
    ctx = await createTestContext({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '1 minute' })
  })
  afterEach(() => ctx.close())

  it('sends security headers', async () => {
    const res = await request(ctx.app.server).get('/health')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
  })
  it('answers a client over its limit with 429 problem+json and standard RateLimit headers', async () => {
    const ok = await request(ctx.app.server).get('/articles').expect(200)
    expect(ok.headers['ratelimit-limit']).toBe('3')
    await request(ctx.app.server).get('/articles').expect(200)
    await request(ctx.app.server).get('/articles').expect(200)
    const limited = await request(ctx.app.server).get('/articles').expect(429)
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(limited.body).toMatchObject({ type: 'about:blank', title: 'Too Many Requests', status: 429 })
    expect(limited.headers['ratelimit-remaining']).toBe('0')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
  })
})

describe('load shedding', () => {
  let ctx: TestContext
  beforeAll(async () => {
    // a heap limit no process meets: every sample reports pressure
    ctx = await createTestContext({ MAX_HEAP_USED_BYTES: '1', PRESSURE_SAMPLE_INTERVAL_MS: '5' })
    await new Promise((r) => setTimeout(r, 50))
  })
  afterAll(() => ctx.close())

  it('sheds requests with 503 problem+json and says so on /health', async () => {
    const res = await request(ctx.app.server).get('/articles').expect(503)
    expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable' })
    expect(res.headers['retry-after']).toBe('10')
    const health = await request(ctx.app.server).get('/health').expect(503)
    expect(health.body.status).toBe('overloaded')
  })
})

describe('any query or path value', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestContext()
    await ctx.ingest(fixture('../../prisma/sample-data'))
  })
  afterAll(() => ctx.close())

  const nasty = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      "' OR 1=1 --",
      '"',
      '*',
      'NEAR(',
      '-',
      '%00',
      '\u0000',
      '',
      ' ',
      'x'.repeat(2000),
      '2021-02-30',
      '-1',
      '1e400',
      'null',
      '{}',
      '[]',
      'ñ',
      '😀',
      'NEAR("a" "b")',
      'a OR b',
      'title:x',
    ),
  )
  const routes: [string, string[]][] = [
    ['/articles', ['q', 'from', 'to', 'category', 'person', 'sort', 'limit', 'cursor']],
    ['/people', ['q', 'sort', 'limit', 'cursor']],
    ['/quotes', ['q', 'speaker', 'article', 'from', 'to', 'kind', 'minConfidence', 'unresolved', 'limit', 'cursor']],
    ['/people/xi-jinping/quotes', ['q', 'kind', 'limit', 'cursor']],
  ]

  it.each(routes)('%s never answers a bad parameter with a 500, and names it in a 400', async (path, params) => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...params), nasty, async (name, value) => {
        const res = await ctx.app.inject({ method: 'GET', url: path, query: { [name]: value } })
        expect(res.statusCode, `${path}?${name}=${JSON.stringify(value)}`).toBeLessThan(500)
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
          const body = res.json()
          expect(body.status).toBe(res.statusCode)
          expect(JSON.stringify(body)).not.toMatch(/SQLITE|fts5|syntax error|prisma/i)
          if (res.statusCode === 400) expect(body.errors?.map((e: { name: string }) => e.name) ?? []).toContain(name)
        }
      }),
      { numRuns: 150 },
    )
  })
  it('never answers a strange id in a path with a 500', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, fc.constantFrom('/articles/', '/people/', '/quotes/', '/people/x/articles?id='), async (value, prefix) => {
        const res = await ctx.app.inject({ method: 'GET', url: prefix + encodeURIComponent(value) })
        expect(res.statusCode).toBeLessThan(500)
      }),
      { numRuns: 150 },
    )
  })
})

describe('requests the HTTP parser refuses', () => {
  let ctx: TestContext
  let port: number
  beforeAll(async () => {
    ctx = await createTestContext()
    await ctx.app.listen({ host: '127.0.0.1', port: 0 })
    port = (ctx.app.server.address() as import('node:net').AddressInfo).port
  })
  afterAll(() => ctx.close())

  /** Sends raw bytes and returns the raw answer. */
  const raw = (bytes: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(bytes))
      let answer = ''
      socket.on('data', (d) => (answer += d.toString()))
      socket.on('end', () => resolve(answer))
      socket.on('error', reject)
    })

  it('answers a URL over 16 KB with 431 problem+json', async () => {
    const answer = await raw(`GET /articles?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
    expect(answer).toMatch(/content-type: application\/problem\+json/i)
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 431,
      title: 'Request Header Fields Too Large',
    })
  })

  it('answers a request that is not HTTP with 400 problem+json, and keeps serving', async () => {
    const answer = await raw('HELLO THERE\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 })
    const res = await fetch(`http://127.0.0.1:${port}/health`)
    expect(res.status).toBe(200)
  })
})
