import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, scratchFiles, type TestContext } from '../helpers/context.js'

let ctx: TestContext
const write = scratchFiles('newsdesk-personhood-')

// an oil company the tagger takes for a person, written the way news writes firms
const FIRM = `Yukos appeals\nOil firm Yukos said on Monday that it would appeal against the ruling. Yukos argued that the sale was illegal. Its shares fell 5% in Moscow.

Yukos has been fighting a $27bn tax bill. "We will appeal," said Steven Theede, the firm's chief executive.`
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
    expect(names).not.toContain('Yukos')
    await request(ctx.app.server).get('/people/yukos').expect(404)
    const org = await request(ctx.app.server).get('/organizations/yukos').expect(200)
    expect(org.body).toMatchObject({ slug: 'yukos', name: 'Yukos' })
    expect(org.body.quoteCount).toBeGreaterThan(0)
    const stored = await ctx.prisma.person.findUniqueOrThrow({ where: { slug: 'yukos' } })
    expect(stored).toMatchObject({ kind: 'organization' })
    expect(stored.kindBasis).toMatch(/organization/)
  })
  it('leaves the firm out of its article’s people', async () => {
    const list = await request(ctx.app.server).get('/articles?limit=10').expect(200)
    const firm = list.body.data.find((a: { title: string }) => a.title === 'Yukos appeals')
    const article = await request(ctx.app.server).get(`/articles/${firm.id}`).expect(200)
    expect(article.body.people.map((p: { name: string }) => p.name)).toEqual(['Steven Theede'])
  })
  it('keeps a peer’s title in the name he is known by', async () => {
    const peer = await request(ctx.app.server).get('/people/lord-falconer').expect(200)
    expect(peer.body.name).toBe('Lord Falconer')
  })
})
