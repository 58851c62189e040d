import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { READER_CSP } from '../../src/reader/layout.js'
import { createTestContext, fixture, scratchFiles, type TestContext } from '../helpers/context.js'

let ctx: TestContext
let sampleId: string
let sample: { quotes: { id: string; speaker: { name: string } }[]; people: { slug: string }[] }
const write = scratchFiles('newsdesk-reader-')
/** What Chromium sends when it navigates to a page. */
const BROWSER =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7'

beforeAll(async () => {
  ctx = await createTestContext()
  await ctx.ingest(fixture('../../prisma/sample-data'))
  sampleId = (await get('/articles?limit=1').expect(200)).body.data[0].id
  sample = (await get(`/articles/${sampleId}`).expect(200)).body
})
afterAll(() => ctx.close())

function get(url: string, headers: Record<string, string> = {}) {
  return request(ctx.app.server).get(url).set(headers)
}

const expectPage = (res: request.Response, status: number) => {
  expect(res.status).toBe(status)
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
  expect(res.headers['content-security-policy']).toBe(READER_CSP)
  expect(res.text).toMatch(/^<!doctype html>\n<html lang="en">/)
  expect(res.text).not.toMatch(/<script/i)
}

const decode = (text: string) =>
  text.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!)

/** The body section of an article page. */
const bodyOf = (page: string) => /<section class="article-body"[^>]*>[\s\S]*?<\/section>/.exec(page)![0]

describe('the article reader page', () => {
  it('shows the sample article with its 20 quotes (each with its speaker) and its 6 people marked in the text', async () => {
    const res = await get(`/read/articles/${sampleId}`)
    expectPage(res, 200)
    for (const landmark of ['<header', '<nav aria-label="Site">', '<main id="main">', '<footer']) expect(res.text).toContain(landmark)
    const body = bodyOf(res.text)
    const speakers = new Map([...body.matchAll(/data-quote-id="(\w+)" data-speaker="([^"]*)"/g)].map((m) => [m[1], decode(m[2]!)]))
    expect(sample.quotes).toHaveLength(20)
    expect(Object.fromEntries(speakers)).toEqual(Object.fromEntries(sample.quotes.map((q) => [q.id, q.speaker.name])))
    for (const q of sample.quotes) expect(res.text.match(new RegExp(`id="quote-${q.id}"`, 'g')), q.id).toHaveLength(1)
    const marked = new Set([...body.matchAll(/class="mention" data-person="([^"]+)"/g)].map((m) => m[1]))
    expect([...marked].sort()).toEqual(sample.people.map((p) => p.slug).sort())
    expect(body).toContain('href="/read/people/yuri-ushakov"')
    expect(res.text).toContain('<h2 id="quotes-heading">Quotes (20)</h2>')
  })

  it('answers 404 pages for an unknown article, person or reader path', async () => {
    for (const url of ['/read/articles/no-such-article', '/read/people/nobody-at-all', '/read/elsewhere']) {
      const res = await get(url, { accept: BROWSER })
      expectPage(res, 404)
      expect(res.text).toContain('<h1>Not found</h1>')
    }
  })

  it('shows an article with a script in its title and body as text', async () => {
    const hostile = '<script>alert(1)</script>'
    const [outcome] = await ctx.ingest(
      write('hostile.txt', `${hostile} in the headline\nThe mayor found ${hostile} in the page, Ann Lee said.`),
    )
    const id = outcome!.records[0]!.id!
    const res = await get(`/read/articles/${id}`, { accept: BROWSER })
    expectPage(res, 200)
    expect(res.text).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; in the headline</h1>')
    expect(bodyOf(res.text)).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const negotiated = await get(`/articles/${id}`, { accept: BROWSER })
    expect(negotiated.text).toBe(res.text)
  })
})

describe('the person reader page', () => {
  it('shows the person, a timeline chart with a table, and their quotes linked into the article text', async () => {
    const res = await get('/read/people/xi-jinping')
    expectPage(res, 200)
    expect(res.text).toContain('<h1>Xi Jinping</h1>')
    expect(res.text).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="timeline-title timeline-desc"/)
    expect(res.text).toContain('<table>')
    const xi = sample.quotes.filter((q) => q.speaker.name === 'Xi Jinping')
    expect(xi.length).toBeGreaterThan(0)
    for (const q of xi) expect(res.text).toContain(`href="/read/articles/${sampleId}#quote-${q.id}"`)
  })

  it('redirects a person merged into another to the new page', async () => {
    const c = await createTestContext()
    try {
      const w = scratchFiles('newsdesk-reader-merge-')
      await c.ingest(
        w('a.txt', 'Fraud trial\nBernie Ebbers denied the charges, Bernie Ebbers said.'),
        w('b.txt', 'Verdict\nBernard Ebbers was found guilty.'),
      )
      const { runPeopleCommand } = await import('../../src/cli/people-command.js')
      const io = { out: () => undefined, err: () => undefined, isTTY: false, env: { DATABASE_URL: c.url } }
      expect(await runPeopleCommand(['merge', 'bernie-ebbers', 'bernard-ebbers'], io)).toBe(0)
      const moved = await request(c.app.server).get('/read/people/bernie-ebbers').expect(301)
      expect(moved.headers.location).toBe('/read/people/bernard-ebbers')
      await request(c.app.server).get('/read/people/bernard-ebbers').expect(200)
    } finally {
      await c.close()
    }
  })
})

describe('GET /articles/:id for browsers and for programs', () => {
  it('answers a browser with the reader page and a program with JSON, never one cached for the other', async () => {
    const url = `/articles/${sampleId}`
    const json = await get(url).expect(200)
    expect(json.headers['content-type']).toMatch(/^application\/json/)
    expect(json.headers.vary).toMatch(/accept,/i)
    expect(json.body.id).toBe(sampleId)

    const page = await get(url, { accept: BROWSER })
    expectPage(page, 200)
    expect(page.headers.vary).toMatch(/accept,/i)
    expect(page.text).toBe((await get(`/read/articles/${sampleId}`)).text)
    expect(page.headers.etag).not.toBe(json.headers.etag)

    // both now come from the cache, each with its own headers
    const cachedJson = await get(url, { accept: 'application/json' }).expect(200)
    expect(cachedJson.body).toEqual(json.body)
    expect(cachedJson.headers['content-security-policy']).toBeUndefined()
    const cachedPage = await get(url, { accept: BROWSER })
    expectPage(cachedPage, 200)
    expect(cachedPage.text).toBe(page.text)

    await get(url, { accept: BROWSER, 'if-none-match': page.headers.etag as string }).expect(304)
    await get(url, { accept: 'application/json', 'if-none-match': page.headers.etag as string }).expect(200)
    await get(url, { 'if-none-match': json.headers.etag as string }).expect(304)
  })

  it('chooses by the Accept header: HTML only when it ranks text/html above JSON', async () => {
    const url = `/articles/${sampleId}`
    for (const accept of ['*/*', 'application/json', 'application/json, text/html;q=0.9', 'text/*;q=0.5, application/*']) {
      expect((await get(url, { accept }).expect(200)).headers['content-type'], accept).toMatch(/^application\/json/)
    }
    for (const accept of ['text/html', 'text/html, application/json;q=0.5', 'text/html, */*;q=0.1']) {
      expectPage(await get(url, { accept }), 200)
    }
    const refused = await get(url, { accept: 'text/csv' }).expect(406)
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
    await get('/people/xi-jinping', { accept: 'text/html' }).expect(406)
  })

  it('answers an unknown article with the 404 page to a browser and a problem to a program', async () => {
    expectPage(await get('/articles/no-such-article', { accept: BROWSER }), 404)
    const problem = await get('/articles/no-such-article').expect(404)
    expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(problem.body).toMatchObject({ status: 404, title: 'Not Found' })
  })

  it('keeps the reader out of the OpenAPI document and the JSON route as it was', async () => {
    const doc = (await get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>
    }
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/read'))).toEqual([])
    expect(Object.keys(doc.paths['/articles/{id}']!.get!.responses['200']!.content!)).toEqual(['application/json'])
  })
})
