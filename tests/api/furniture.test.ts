import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, scratchFiles, type TestContext } from '../helpers/context.js'

describe('page furniture through ingest and the API', () => {
  let ctx: TestContext
  const write = scratchFiles('newsdesk-furniture-')
  beforeAll(async () => {
    ctx = await createTestContext()
  })
  afterAll(() => ctx.close())

  it('keeps scraped furniture in the body, marks it on /articles/:id, and takes no quote or speaker from it', async () => {
    const page = {
      title: 'Harbour plan wins council vote',
      body: [
        'Harbour plan wins council vote',
        'By Ann Roe, Staff Writer',
        'The council approved the harbour plan on Monday.',
        'It will create 400 jobs, Mayor Jane Doe said.',
        'Story continues below advertisement',
        'READ MORE: Critics say the plan is too costly',
        'Jane Doe speaks to reporters in Springfield. (John Roe/Example Agency)',
        'ENERGY: Fuel costs will rise, the port authority said.',
      ].join('\n\n'),
      publishedAt: '2024-03-04',
    }
    const [outcome] = await ctx.ingest(write('scraped.json', JSON.stringify(page)))
    expect(outcome!.status).toBe('ingested')
    const list = (await request(ctx.app.server).get('/articles?q=harbour').expect(200)).body.data
    expect(list).toHaveLength(1)
    const article = (await request(ctx.app.server).get(`/articles/${list[0].id}`).expect(200)).body
    expect(article.body).toBe(page.body)
    const marked = article.furniture.map((f: { start: number; end: number; kind: string }) => [f.kind, article.body.slice(f.start, f.end)])
    expect(marked).toEqual([
      ['headline', 'Harbour plan wins council vote'],
      ['byline', 'By Ann Roe, Staff Writer'],
      ['advertisement', 'Story continues below advertisement'],
      ['link', 'READ MORE: Critics say the plan is too costly'],
      ['caption', 'Jane Doe speaks to reporters in Springfield. (John Roe/Example Agency)'],
      ['label', 'ENERGY:'],
    ])
    const quotes = article.quotes.map((q: { content: string; speaker: { name: string } }) => [q.content, q.speaker.name])
    expect(quotes).toEqual([
      ['It will create 400 jobs', 'Jane Doe'],
      ['Fuel costs will rise', 'port authority'],
    ])
    for (const f of article.furniture) for (const q of article.quotes) expect(q.end <= f.start || q.start >= f.end).toBe(true)
  })
})
