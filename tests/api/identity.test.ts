import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, fixture, scratchFiles, type TestContext } from '../helpers/context.js'

let ctx: TestContext
const write = scratchFiles('newsdesk-identity-')

beforeAll(async () => {
  ctx = await createTestContext()
  await ctx.ingest(fixture('../../prisma/sample-data'))
  await ctx.ingest(
    write(
      'a.txt',
      'Senate passes budget\nSenator John Adams met Governor Mary Adams on Monday. The budget will pass this week, Senator John Adams said.',
    ),
    write('b.txt', 'Budget vote delayed\nThe vote was delayed, John Adams told reporters on Tuesday.'),
    write('c.txt', 'Putin visits Beijing\nPutin said the talks with China were useful.'),
  )
})
afterAll(() => ctx.close())

describe('people across articles', () => {
  it('keeps one record for the same person in two articles', async () => {
    const res = await request(ctx.app.server).get('/people/john-adams').expect(200)
    expect(res.body).toMatchObject({ name: 'John Adams', articleCount: 2, quoteCount: 2 })
    const articles = await request(ctx.app.server).get('/people/john-adams/articles').expect(200)
    expect(articles.body.data.map((a: { title: string }) => a.title).sort()).toEqual(['Budget vote delayed', 'Senate passes budget'])
  })
  it('does not merge two people who share a surname', async () => {
    const mary = await request(ctx.app.server).get('/people/mary-adams').expect(200)
    expect(mary.body).toMatchObject({ name: 'Mary Adams', articleCount: 1, quoteCount: 0 })
  })
  it('links a surname alone to the one stored person known by it', async () => {
    const putin = await request(ctx.app.server).get('/people/vladimir-putin').expect(200)
    expect(putin.body.articleCount).toBe(2)
    const quotes = await request(ctx.app.server).get('/people/vladimir-putin/quotes?limit=100').expect(200)
    expect(quotes.body.data.map((q: { content: string }) => q.content)).toContain('the talks with China were useful')
  })
})
