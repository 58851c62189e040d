import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.js'

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
