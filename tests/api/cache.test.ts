import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { etagMatches } from '../../src/plugins/response-cache.js'
import { projectRoot } from '../../src/paths.js'
import { createTestContext, fixture, scratchFiles, type TestContext } from '../helpers/context.js'

let ctx: TestContext
const write = scratchFiles('newsdesk-cache-')

/** The real CLI in another process, writing to the same database file. */
function ingestElsewhere(path: string) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'scripts/ingest.ts'), '--workers', '0', '--database', ctx.url, path],
    {
      cwd: projectRoot,
      encoding: 'utf8',
    },
  )
  expect(run.status, run.stderr).toBe(0)
}

beforeAll(async () => {
  ctx = await createTestContext()
  await ctx.ingest(fixture('../../prisma/sample-data'))
})
afterAll(() => ctx.close())

const get = (url: string, headers: Record<string, string> = {}) => request(ctx.app.server).get(url).set(headers)

describe('ETag and 304', () => {
  it('answers a repeated request with the same weak ETag, and If-None-Match with 304 and no body', async () => {
    const first = await get('/people/xi-jinping').expect(200)
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^W\/"[\w-]{27}"$/)
    expect(first.headers['cache-control']).toBe('no-cache')
    const again = await get('/people/xi-jinping').expect(200)
    expect(again.headers.etag).toBe(etag)
    expect(again.body).toEqual(first.body)
    const notModified = await get('/people/xi-jinping', { 'if-none-match': etag }).expect(304)
    expect(notModified.headers.etag).toBe(etag)
    expect(notModified.text).toBe('')
    await get('/people/xi-jinping', { 'if-none-match': `"other", ${etag.slice(2)}` }).expect(304)
    await get('/people/xi-jinping', { 'if-none-match': '"something-else"' }).expect(200)
  })

  it('gives different resources and different pages different ETags, and errors none', async () => {
    const a = await get('/quotes?limit=1').expect(200)
    const b = await get('/quotes?limit=2').expect(200)
    expect(a.headers.etag).not.toBe(b.headers.etag)
    const missing = await get('/people/nobody-at-all').expect(404)
    expect(missing.headers.etag).toBeUndefined()
    const health = await get('/health').expect(200)
    expect(health.headers.etag).toBeUndefined()
  })

  it('matches If-None-Match lists, weak tags and *', () => {
    expect(etagMatches('"a", "b"', '"b"')).toBe(true)
    expect(etagMatches('W/"b"', '"b"')).toBe(true)
    expect(etagMatches('*', '"b"')).toBe(true)
    expect(etagMatches('"a"', '"b"')).toBe(false)
    expect(etagMatches(undefined, '"b"')).toBe(false)
  })
})

describe('response cache', () => {
  it('is never stale: an ingest by another process shows in the next answer', async () => {
    const before = await get('/people/xi-jinping').expect(200)
    const list = await get('/articles?limit=100').expect(200)
    const health = await get('/health').expect(200)
    await get('/people/xi-jinping').expect(200) // now served from the cache
    ingestElsewhere(
      write('xi.txt', 'Xi meets Macron\nChinese President Xi Jinping met Emmanuel Macron in Paris. Trade must be fair, Xi Jinping said.'),
    )

    const after = await get('/people/xi-jinping').expect(200)
    expect(after.body.articleCount).toBe(before.body.articleCount + 1)
    expect(after.headers.etag).not.toBe(before.headers.etag)
    await get('/people/xi-jinping', { 'if-none-match': before.headers.etag as string }).expect(200)
    const listAfter = await get('/articles?limit=100').expect(200)
    expect(listAfter.body.data.length).toBe(list.body.data.length + 1)
    expect(listAfter.body.data.map((a: { title: string }) => a.title)).toContain('Xi meets Macron')
    // /health counts again after a commit only, and so saw it too
    expect((await get('/health').expect(200)).body.articles).toBe(health.body.articles + 1)
  })

  it('is never stale: a write through Prisma in this process shows in the next answer', async () => {
    await ctx.ingest(
      write('macron-arrives.txt', 'Macron arrives\nThe visit will be useful, French President Emmanuel Macron said on Thursday.'),
    )
    const before = await get('/quotes?speaker=emmanuel-macron').expect(200)
    await ctx.ingest(write('macron.txt', 'Macron replies\nThe talks were frank, French President Emmanuel Macron said on Friday.'))
    const after = await get('/quotes?speaker=emmanuel-macron').expect(200)
    expect(after.body.data.length).toBe(before.body.data.length + 1)
  })
})
