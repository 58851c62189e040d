import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { copyOfTemplate, testDialect } from '../helpers/databases.js'
import { startServer } from '../stress/helpers.js'

const KEY = 'two-process-key-0123456789'
type Server = ChildProcess & { port: number }

/** Several API processes on one PostgreSQL: what one writes, the others serve at once, their caches included. */
describe.skipIf(testDialect() !== 'postgres')('two API processes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof copyOfTemplate>>
  let writer: Server
  let reader: Server
  beforeAll(async () => {
    database = await copyOfTemplate(inject('testTemplate'))
    ;[writer, reader] = await Promise.all([
      startServer(database.url, { API_KEYS: KEY, WRITE_EXTRACTION_THREADS: '0' }),
      startServer(database.url, { NODE_ENV: 'production' }),
    ])
  }, 120_000)
  afterAll(async () => {
    for (const server of [writer, reader]) server?.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 500))
    await database?.drop()
  })

  const at = (server: Server, path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${server.port}${path}`, init)
  const json = async (server: Server, path: string) => (await (await at(server, path)).json()) as { data: { id: string; name: string }[] }

  /** Milliseconds until `check` holds on the reading process, polling every 5 ms (at most 3 s). */
  async function msUntil(check: () => Promise<boolean>): Promise<number> {
    const t0 = performance.now()
    while (!(await check())) {
      if (performance.now() - t0 > 3_000) throw new Error('the other process never saw the change')
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    return performance.now() - t0
  }

  it('serves an article written through the other process, and drops its cached lists and counts', async () => {
    // the reader answers, and caches, an empty list and zero totals first
    for (let i = 0; i < 2; i++) {
      expect((await json(reader, '/articles')).data).toEqual([])
      expect(await json(reader, '/stats')).toMatchObject({ articles: { total: 0 } })
    }
    const created = await at(writer, '/articles', {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Harbour plan approved',
        body: 'Transport minister Ann Lee said on Monday that the harbour plan would create 400 jobs. "We are ready," Lee said.',
        publishedAt: '2024-05-06',
      }),
    })
    expect(created.status).toBe(201)
    const path = created.headers.get('location')!

    const seenWithin = await msUntil(async () => (await at(reader, path)).status === 200)
    expect(seenWithin).toBeLessThan(1_000)
    const listed = (await json(reader, '/articles')).data
    expect(listed.map((a) => a.id)).toEqual([path.split('/').pop()])
    expect(await json(reader, '/stats')).toMatchObject({ articles: { total: 1 } })
    expect((await json(reader, '/people?q=ann')).data.map((p) => p.name)).toContain('Ann Lee')

    const deleted = await at(writer, path, { method: 'DELETE', headers: { authorization: `Bearer ${KEY}` } })
    expect(deleted.status).toBe(204)
    expect(await msUntil(async () => (await at(reader, path)).status === 404)).toBeLessThan(1_000)
    expect((await json(reader, '/articles')).data).toEqual([])
  })
})
