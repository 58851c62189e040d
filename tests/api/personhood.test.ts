import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, scratchFiles, type TestContext } from '../helpers/context.js'

let ctx: TestContext
const write = scratchFiles('newsdesk-personhood-')

// an insurance broker the tagger takes for a person, written the way news writes firms
const FIRM = `Marsh cuts jobs\nShares in Marsh fell 5% on Monday. Marsh said it would cut 2,500 jobs after a fall in profits. Its chief executive, Steven Theede, said the firm would recover.`
const PEER = `Courts shake-up\nThe Lord Chancellor, Lord Falconer, said the plan was sound. Lord Falconer told the BBC he would press ahead.`

beforeAll(async () => {
  ctx = await createTestContext()
  await ctx.ingest(write('firm.txt', FIRM), write('peer.txt', PEER))
})
afterAll(() => ctx.close())

describe('person-hood decided on the articles’ evidence', () => {
  it('does not list a firm as a person, and files its words under the organisation', async () => {
    const people = await request(ctx.app.server).get('/people?limit=100').expect(200)
    const names = people.body.data.map((p: { name: string }) => p.name)
    expect(names).toContain('Steven Theede')
    expect(names).not.toContain('Marsh')
    await request(ctx.app.server).get('/people/marsh').expect(404)
    const org = await request(ctx.app.server).get('/organizations/marsh').expect(200)
    expect(org.body).toMatchObject({ slug: 'marsh', name: 'Marsh' })
    expect(org.body.quoteCount).toBeGreaterThan(0)
    const stored = await ctx.prisma.person.findUniqueOrThrow({ where: { slug: 'marsh' } })
    expect(stored).toMatchObject({ kind: 'organization' })
    expect(stored.kindBasis).toMatch(/organization/)
  })
  it('leaves the firm out of its article’s people', async () => {
    const list = await request(ctx.app.server).get('/articles?limit=10').expect(200)
    const firm = list.body.data.find((a: { title: string }) => a.title === 'Marsh cuts jobs')
    const article = await request(ctx.app.server).get(`/articles/${firm.id}`).expect(200)
    expect(article.body.people.map((p: { name: string }) => p.name)).toEqual(['Steven Theede'])
  })
  it('keeps a peer’s title in the name he is known by', async () => {
    const peer = await request(ctx.app.server).get('/people/lord-falconer').expect(200)
    expect(peer.body.name).toBe('Lord Falconer')
  })
})
