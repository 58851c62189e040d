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

describe('corpus-level identity', () => {
  const files = () => {
    const w = scratchFiles('newsdesk-order-')
    return [
      w('1.txt', 'Labour plans\nTony Blair and Gordon Brown met on Monday. The plan is sound, Tony Blair said.'),
      w('2.txt', 'Budget day\nMr Brown said the economy was strong, and Tony Blair agreed.'),
      w('3.txt', 'United win\nWes Brown and Alex Ferguson celebrated. We were good, Wes Brown said.'),
      w('4.txt', 'Derby report\nBrown was superb, Alex Ferguson said after the match.'),
      w('5.txt', 'Summit\nBlair said the summit went well, according to Gordon Brown.'),
    ]
  }
  const people = async (c: TestContext) =>
    await c.prisma.person.findMany({
      orderBy: { slug: 'asc' },
      select: { id: true, slug: true, name: true, articleCount: true, mentionCount: true, quoteCount: true },
    })

  it('gives the same people whichever order the articles come in, and files a bare surname by its company', async () => {
    const paths = files()
    const forward = await createTestContext()
    const backward = await createTestContext()
    try {
      for (const p of paths) await forward.ingest(p)
      for (const p of [...paths].reverse()) await backward.ingest(p)
      expect(await people(backward)).toEqual(await people(forward))
      const slugs = (await people(forward)).map((p) => p.slug)
      expect(slugs).toEqual(expect.arrayContaining(['tony-blair', 'gordon-brown', 'wes-brown', 'alex-ferguson']))
      expect(slugs).not.toContain('brown')
      expect(slugs).not.toContain('blair')
      const wes = await request(forward.app.server).get('/people/wes-brown').expect(200)
      expect(wes.body.articleCount).toBe(2)
    } finally {
      await forward.close()
      await backward.close()
    }
  })

  it('redirects a merged person to the one it joined, and keeps editor decisions through relinks', async () => {
    const c = await createTestContext()
    try {
      const w = scratchFiles('newsdesk-merge-')
      await c.ingest(
        w('a.txt', 'Fraud trial\nBernie Ebbers denied the charges, Bernie Ebbers said.'),
        w('b.txt', 'Verdict\nBernard Ebbers was found guilty.'),
      )
      const { runPeopleCommand } = await import('../../src/cli/people-command.js')
      const out: string[] = []
      const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), isTTY: false, env: { DATABASE_URL: c.url } }
      expect(await runPeopleCommand(['merge', 'bernie-ebbers', 'bernard-ebbers'], io)).toBe(0)
      const moved = await request(c.app.server).get('/people/bernie-ebbers/quotes?limit=5').expect(301)
      expect(moved.headers.location).toBe('/people/bernard-ebbers/quotes?limit=5')
      const merged = await request(c.app.server).get('/people/bernard-ebbers').expect(200)
      expect(merged.body).toMatchObject({ articleCount: 2, quoteCount: 1 })
      await c.ingest(w('c.txt', 'Appeal\nBernie Ebbers will appeal, his lawyer said.'))
      expect((await request(c.app.server).get('/people/bernard-ebbers').expect(200)).body.articleCount).toBe(3)
      expect(await runPeopleCommand(['decisions'], io)).toBe(0)
      expect(out.at(-1)).toMatch(/merge bernie-ebbers into bernard-ebbers/)
      expect(await runPeopleCommand(['merge', 'nobody', 'bernard-ebbers'], io)).toBe(1)
    } finally {
      await c.close()
    }
  })
})
