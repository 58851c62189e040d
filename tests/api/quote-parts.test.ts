import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.js'

let ctx: TestContext
let body: string

beforeAll(async () => {
  ctx = await createTestContext()
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-parts-'))
  const file = join(dir, 'split.txt')
  writeFileSync(
    file,
    'Mayor defends harbour plan\n“The plan is sound,” Mayor Helen Carter said on Tuesday. “We will build it on time and on budget.”\nCritics said the plan was “a total disaster” for fishermen.',
  )
  await ctx.ingest(file)
  const list = await request(ctx.app.server).get('/articles').expect(200)
  body = (await request(ctx.app.server).get(`/articles/${list.body.data[0].id}`).expect(200)).body.body
})
afterAll(() => ctx.close())

describe('quotes through the API', () => {
  it('serve a quote split by its attribution as one quote with two parts', async () => {
    const res = await request(ctx.app.server).get('/quotes?speaker=helen-carter').expect(200)
    expect(res.body.data).toHaveLength(1)
    const q = res.body.data[0]
    expect(q.kind).toBe('direct')
    expect(q.parts.map((p: { start: number; end: number }) => body.slice(p.start, p.end))).toEqual([
      'The plan is sound',
      'We will build it on time and on budget',
    ])
    expect(body.slice(q.start, q.end)).toBe(q.content)
  })
  it('mark reported speech with quoted words as mixed, and let clients filter by kind and confidence', async () => {
    // "Critics" names nobody: listed only when unresolved speakers are asked for
    const mixed = await request(ctx.app.server).get('/quotes?kind=mixed&limit=100&unresolved=include').expect(200)
    expect(mixed.body.data.map((q: { speaker: { name: string } }) => q.speaker.name)).toEqual(['Critics'])
    const sure = await request(ctx.app.server).get('/quotes?minConfidence=0.8').expect(200)
    expect(sure.body.data.length).toBeGreaterThan(0)
    expect(sure.body.data.every((q: { confidence: number }) => q.confidence >= 0.8)).toBe(true)
  })
})
