import type { FastifyInstance } from 'fastify'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { openReadStore, type ReadStore } from '../../src/db/read-store.js'
import { testDialect } from '../helpers/databases.js'
import { createTestContext, fixture, type TestContext } from '../helpers/context.js'

// every search counts as broad here, so each one is ranked on a worker thread
let threads: TestContext
// a second app over the same database file that ranks every search in its request thread
let inThread: FastifyInstance
let inThreadStore: ReadStore
let crowded: TestContext

beforeAll(async () => {
  if (testDialect() === 'postgres') return
  ;[threads, crowded] = await Promise.all([
    createTestContext({ SEARCH_HEAVY_MATCHES: '0', SEARCH_THREADS: '2' }),
    createTestContext({ SEARCH_HEAVY_MATCHES: '0', SEARCH_THREADS: '1', SEARCH_QUEUE: '1' }),
  ])
  for (const ctx of [threads, crowded]) await ctx.ingest(fixture('articles'), fixture('../../prisma/sample-data'))
  inThreadStore = await openReadStore(threads.url)
  inThread = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', DATABASE_URL: threads.url, SEARCH_THREADS: '0' }),
    prisma: threads.prisma,
    readStore: inThreadStore,
  })
  await inThread.ready()
})
afterAll(async () => {
  await inThread?.close()
  await inThreadStore?.close()
  await Promise.all([threads, crowded].map((ctx) => ctx?.close()))
})

// on PostgreSQL the database ranks in its own processes while the request thread waits: no worker threads
describe.skipIf(testDialect() === 'postgres')('searches on worker threads', () => {
  it('answer exactly as the request thread does, page by page', async () => {
    let ranked = 0
    for (const url of [
      '/articles?q=the&limit=3',
      '/articles?q=said&sort=newest&limit=2',
      '/articles?q=harbour+fishermen',
      '/articles?q=the&category=Weather',
    ]) {
      let next: string | null = url
      while (next) {
        const [a, b]: [request.Response, request.Response] = await Promise.all([
          request(threads.app.server).get(next).expect(200),
          request(inThread.server).get(next).expect(200),
        ])
        expect(a.body).toEqual(b.body)
        if (!url.includes('sort=')) ranked++
        next = a.body.page.nextCursor ? `${url}&cursor=${encodeURIComponent(a.body.page.nextCursor)}` : null
      }
    }
    expect(threads.app.searcher.counts).toMatchObject({ inThread: 0, refused: 0 })
    // relevance only: a date-ordered search reads a page's worth and stays in the request thread
    expect(threads.app.searcher.counts.onWorkers).toBe(ranked)
    expect(ranked).toBeGreaterThan(3)
    expect(inThread.searcher.counts.onWorkers).toBe(0)
  })

  it('keeps few-match searches in the request thread', async () => {
    const ctx = await createTestContext({ SEARCH_HEAVY_MATCHES: '1', SEARCH_THREADS: '1' })
    try {
      await ctx.ingest(fixture('articles'), fixture('../../prisma/sample-data'))
      await request(ctx.app.server).get('/articles?q=kremlin').expect(200) // one match
      await request(ctx.app.server).get('/articles?q=the').expect(200) // many
      expect(ctx.app.searcher.counts).toEqual({ inThread: 1, onWorkers: 1, refused: 0 })
    } finally {
      await ctx.close()
    }
  })

  it('refuses searches beyond the queue with 503 problem+json and Retry-After, and answers the rest', async () => {
    // the one worker thread starts with the first search; the others queue behind it
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => request(crowded.app.server).get(`/articles?q=the&limit=${i + 1}`)),
    )
    const refused = answers.filter((r) => r.status === 503)
    expect(refused.length).toBeGreaterThan(0)
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThan(0)
    expect(refused.length + answers.filter((r) => r.status === 200).length).toBe(12)
    expect(refused[0]!.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(refused[0]!.headers['retry-after']).toBe('5')
    expect(refused[0]!.body).toMatchObject({ status: 503, title: 'Service Unavailable' })
    expect(crowded.app.searcher.counts.refused).toBe(refused.length)
  })
})
