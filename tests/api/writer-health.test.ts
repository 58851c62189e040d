import { setTimeout as sleep } from 'node:timers/promises'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.js'
import { openApiValidator } from '../helpers/openapi.js'
import { testDialect } from '../helpers/databases.js'

const KEY = 'writer-health-key-0123456789'

// the writer's state is the same on both databases; on PostgreSQL the table lock this test takes left a
// session that the test database's DROP ... WITH (FORCE) could not end in CI, so it runs on SQLite
describe.skipIf(testDialect() === 'postgres')("/health and the writer's state", () => {
  let ctx: TestContext
  let matchesOpenApi: ReturnType<typeof openApiValidator>
  beforeAll(async () => {
    ctx = await createTestContext({ API_KEYS: KEY, WRITE_EXTRACTION_THREADS: '0', WRITE_STUCK_AFTER_MS: '300' })
    matchesOpenApi = openApiValidator((await request(ctx.app.server).get('/openapi.json').expect(200)).body)
  })
  afterAll(() => ctx?.close())
  const health = () => request(ctx.app.server).get('/health')

  it('says writer ok on a writable server, and 503 "stuck" while a write waits past its bound, then ok again', async () => {
    const ok = await health().expect(200)
    expect(ok.body).toMatchObject({ status: 'ok', database: 'ok', writer: 'ok' })
    matchesOpenApi('GET', '/health', ok)

    // another transaction holds the writer's lock for a while: the write waits behind it
    let release!: () => void
    const held = ctx.prisma.$transaction(() => new Promise<void>((resolve) => (release = resolve)), { timeout: 20_000 })
    await sleep(50)
    const write = request(ctx.app.server)
      .post('/articles')
      .set('authorization', `Bearer ${KEY}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ title: 'Harbour plan', body: 'Minister Ann Lee said the harbour plan would create 400 jobs.' }))
      .then((r) => r)
    // the write reaches the writer and waits; once past its bound, /health says so
    let stuck = await health()
    for (let i = 0; i < 100 && stuck.status !== 503; i++) {
      await sleep(100)
      stuck = await health()
    }
    expect(stuck.status).toBe(503)
    expect(stuck.body).toMatchObject({ status: 'error', database: 'ok', writer: 'stuck' })
    matchesOpenApi('GET', '/health', stuck)

    release()
    await held
    expect((await write).status).toBe(201)
    expect((await health().expect(200)).body).toMatchObject({ status: 'ok', writer: 'ok' })
  })
})
