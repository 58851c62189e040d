import request from 'supertest'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestContext, scratchFiles, type TestContext } from '../helpers/context.js'
import { openApiValidator } from '../helpers/openapi.js'
import { reextractAll } from '../../src/ingest/ingest.js'
import { relink } from '../../src/ingest/relink.js'

const KEY = 'test-key-0123456789abcdef'
const auth = `Bearer ${KEY}`

const BODY = `Transport minister Ann Lee said on Monday that the harbour plan would create 400 jobs. "We are ready to start building next spring," Lee said.

Opposition leader Tom Baker called the plan a mistake. "It will cost far more than the government admits," Baker said.

The Harbour Authority said in a statement that it welcomed the plan and would publish its own figures.`
const record = (body = BODY) => JSON.stringify({ id: 'harbour-1', title: 'Harbour plan divides council', body, publishedAt: '2024-05-06' })

let ctx: TestContext
const file = scratchFiles('newsdesk-quote-decisions-')
beforeAll(async () => {
  ctx = await createTestContext({ API_KEYS: KEY, WRITE_EXTRACTION_THREADS: '0' })
})
afterAll(() => ctx?.close())
beforeEach(async () => {
  await ctx.reset()
  await ctx.prisma.quoteDecision.deleteMany()
  await ctx.prisma.identityDecision.deleteMany()
  await ctx.prisma.personRedirect.deleteMany()
  await ctx.ingest(file('harbour.json', record()))
})

const api = () => request(ctx.app.server)
const get = (path: string) => api().get(path)
const patch = (id: string, body: unknown, key: string | null = auth) => {
  const r = api().patch(`/quotes/${id}`).set('content-type', 'application/json')
  return (key ? r.set('authorization', key) : r).send(typeof body === 'string' ? body : JSON.stringify(body))
}
const revoke = (seq: number | string) => api().delete(`/quotes/decisions/${seq}`).set('authorization', auth)

type Q = { id: string; content: string; speaker: { name: string; person: { slug: string } | null }; correction: unknown }
/** The article's quotes, by their first words. */
async function quotes(): Promise<Record<'jobs' | 'ready' | 'cost' | 'figures', Q>> {
  const { body } = await get('/quotes?limit=100').expect(200)
  const by = (start: string) => (body.data as Q[]).find((q) => q.content.startsWith(start))!
  return { jobs: by('the harbour plan'), ready: by('We are ready'), cost: by('It will cost'), figures: by('it welcomed') }
}
const ids = async (path: string) => ((await get(path).expect(200)).body.data as Q[]).map((q) => q.id)
const person = async (slug: string) => (await get(`/people/${slug}`).expect(200)).body as { quoteCount: number }
const articleQuoteCount = async () => ((await get('/articles').expect(200)).body.data[0] as { quoteCount: number }).quoteCount
const statsQuotes = async () => ((await get('/stats').expect(200)).body as { quotes: { total: number } }).quotes.total

describe('PATCH /quotes/:id', () => {
  it('gives a quote to another person: it moves between their quote lists and counts', async () => {
    const { cost } = await quotes()
    expect(cost.speaker.person?.slug).toBe('tom-baker')
    expect(await person('ann-lee')).toMatchObject({ quoteCount: 2 })
    const res = await patch(cost.id, { speaker: { person: 'ann-lee' }, note: 'Lee said it, not Baker' }).expect(200)
    expect(res.body).toMatchObject({
      id: cost.id,
      content: cost.content,
      speaker: { name: 'Ann Lee', type: 'person', person: { slug: 'ann-lee' }, organization: null },
      correction: { decision: expect.any(Number), kind: 'reassign', note: 'Lee said it, not Baker' },
    })
    expect((await get(`/quotes/${cost.id}`).expect(200)).body).toEqual(res.body)
    expect(await ids('/people/ann-lee/quotes')).toContain(cost.id)
    expect(await ids('/people/tom-baker/quotes')).not.toContain(cost.id)
    expect(await person('ann-lee')).toMatchObject({ quoteCount: 3 })
    expect(await person('tom-baker')).toMatchObject({ quoteCount: 0 })
    expect(await articleQuoteCount()).toBe(4)
  })

  it('gives a quote to an organisation by its slug', async () => {
    const { ready } = await quotes()
    const res = await patch(ready.id, { speaker: { organization: 'harbour-authority' } }).expect(200)
    expect(res.body.speaker).toMatchObject({
      name: 'Harbour Authority',
      type: 'organization',
      person: null,
      organization: { slug: 'harbour-authority' },
    })
    expect(res.body.correction).toMatchObject({ kind: 'reassign', note: null })
    expect((await get('/organizations/harbour-authority').expect(200)).body).toMatchObject({ quoteCount: 2 })
    expect(await person('ann-lee')).toMatchObject({ quoteCount: 1 })
  })

  it('rejects a quote: gone from lists and counts, GET answers 410; revoking brings it back', async () => {
    const { ready } = await quotes()
    const res = await patch(ready.id, { notAQuote: true, note: 'a slogan on a banner' }).expect(200)
    expect(res.body).toMatchObject({ id: ready.id, content: ready.content, correction: { kind: 'reject', note: 'a slogan on a banner' } })
    const seq = res.body.correction.decision as number
    const gone = await get(`/quotes/${ready.id}`).expect(410)
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(gone.body).toMatchObject({ status: 410, title: 'Gone', detail: expect.stringContaining(`decision ${seq}`) })
    expect(await ids('/quotes')).not.toContain(ready.id)
    expect(await ids('/people/ann-lee/quotes')).not.toContain(ready.id)
    expect(await person('ann-lee')).toMatchObject({ quoteCount: 1 })
    expect(await articleQuoteCount()).toBe(3)
    expect(await statsQuotes()).toBe(3)
    // a rejected quote cannot be corrected again until the rejection is revoked
    await patch(ready.id, { speaker: { person: 'tom-baker' } }).expect(410)

    await revoke(seq).expect(204)
    const back = await get(`/quotes/${ready.id}`).expect(200)
    expect(back.body).toMatchObject({ speaker: { person: { slug: 'ann-lee' } }, correction: null })
    expect(await person('ann-lee')).toMatchObject({ quoteCount: 2 })
    expect(await articleQuoteCount()).toBe(4)
    expect(await statsQuotes()).toBe(4)
    await revoke(seq).expect(404)
  })

  it('revoking a reassignment gives the quote back its extracted speaker', async () => {
    const { cost } = await quotes()
    const seq = (await patch(cost.id, { speaker: { person: 'ann-lee' } }).expect(200)).body.correction.decision
    // corrected again: the earlier decision is replaced
    const again = await patch(cost.id, { speaker: { organization: 'harbour-authority' } }).expect(200)
    expect(again.body.correction.decision).not.toBe(seq)
    await revoke(seq).expect(404)
    await revoke(again.body.correction.decision).expect(204)
    expect((await get(`/quotes/${cost.id}`).expect(200)).body).toMatchObject({
      speaker: { person: { slug: 'tom-baker' } },
      correction: null,
    })
    expect(await person('tom-baker')).toMatchObject({ quoteCount: 1 })
  })

  it('decisions survive re-extraction, a re-ingest of the same file, and an update that moves the quotes', async () => {
    const { cost, ready } = await quotes()
    await patch(cost.id, { speaker: { person: 'ann-lee' } }).expect(200)
    await patch(ready.id, { notAQuote: true }).expect(200)
    const expectDecided = async () => {
      const now = await quotes()
      expect(now.ready).toBeUndefined()
      expect(now.cost.speaker.person?.slug).toBe('ann-lee')
      expect(now.cost.correction).toMatchObject({ kind: 'reassign' })
      expect(await person('ann-lee')).toMatchObject({ quoteCount: 2 })
      expect(await person('tom-baker')).toMatchObject({ quoteCount: 0 })
      expect(await articleQuoteCount()).toBe(3)
      return now
    }
    expect(await reextractAll(ctx.prisma, { all: true })).toBe(1)
    await ctx.readStore.catchUp()
    await expectDecided()
    const [again] = await ctx.ingest(file('harbour.json', record()))
    expect(again!.records[0]!.status).toBe('unchanged')
    await expectDecided()
    // the same record corrected: a paragraph above moves every quote, whose ids change with their offsets
    const [updated] = await ctx.ingest(file('harbour.json', record(`Councillors met late on Sunday.\n\n${BODY}`)))
    expect(updated!.records[0]!.status).toBe('updated')
    const moved = await expectDecided()
    expect(moved.cost.id).not.toBe(cost.id)
    const decisions = (await get('/quotes/decisions').set('authorization', auth).expect(200)).body.data
    expect(decisions.map((d: { kind: string; quote: { id: string } }) => `${d.kind} ${d.quote.id === moved.cost.id}`)).toEqual([
      'reject false',
      'reassign true',
    ])
    // the rejection now stands for the moved quote, which answers 410
    await get(`/quotes/${decisions[0].quote.id}`).expect(410)
  })

  it('follows a person through an identity decision (renamed: new slug, old one redirects)', async () => {
    const { cost } = await quotes()
    await patch(cost.id, { speaker: { person: 'ann-lee' } }).expect(200)
    await ctx.prisma.identityDecision.create({ data: { kind: 'rename', person: 'ann-lee', name: 'Anne Lee' } })
    await relink(ctx.prisma)
    await ctx.readStore.catchUp()
    const q = (await get(`/quotes/${cost.id}`).expect(200)).body
    expect(q.speaker).toMatchObject({ name: 'Anne Lee', person: { slug: 'anne-lee' } })
    expect(await person('anne-lee')).toMatchObject({ quoteCount: 3 })
    await ctx.prisma.quote.count({ where: { personId: null, decisionSeq: { not: null } } }).then((n) => expect(n).toBe(0))
    // re-extracted after the rename, the decision's old person id is followed through the redirect
    await reextractAll(ctx.prisma, { all: true })
    await ctx.readStore.catchUp()
    expect((await get(`/quotes/${cost.id}`).expect(200)).body.speaker).toMatchObject({ person: { slug: 'anne-lee' } })
    const [decision] = (await get('/quotes/decisions').set('authorization', auth).expect(200)).body.data
    expect(decision.speaker.person).toMatchObject({ slug: 'anne-lee' })
  })

  it('a person merged away takes the quotes editors gave them to the person they joined', async () => {
    const { ready } = await quotes()
    await patch(ready.id, { speaker: { person: 'tom-baker' } }).expect(200)
    expect(await person('tom-baker')).toMatchObject({ quoteCount: 2 })
    await ctx.prisma.identityDecision.create({ data: { kind: 'merge', person: 'tom-baker', into: 'ann-lee' } })
    await relink(ctx.prisma)
    await ctx.readStore.catchUp()
    // tom-baker is gone (not kept alive by the decided quote): his address redirects
    await get('/people/tom-baker').expect(301)
    expect((await get(`/quotes/${ready.id}`).expect(200)).body).toMatchObject({
      speaker: { person: { slug: 'ann-lee' } },
      correction: { kind: 'reassign' },
    })
    expect(await person('ann-lee')).toMatchObject({ quoteCount: 3 })
  })

  it('refuses bad bodies (400), unknown quotes, people and organisations (404), and requests without a key (401)', async () => {
    const { cost } = await quotes()
    for (const body of [
      {},
      { speaker: {} },
      { speaker: { person: 'ann-lee', organization: 'harbour-authority' } },
      { speaker: { person: '' } },
      { notAQuote: false },
      { notAQuote: true, speaker: { person: 'ann-lee' } },
      { notAQuote: true, extra: 1 },
      { notAQuote: true, note: 5 },
      '{"notAQuote": tru',
    ]) {
      const res = await patch(cost.id, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
    expect((await patch(cost.id, {}).expect(400)).body.detail).toMatch(/give either speaker or notAQuote: true/)
    expect((await patch(cost.id, { speaker: {} }).expect(400)).body.detail).toMatch(/give one of person or organization/)
    expect((await patch(cost.id, { speaker: { person: 'nobody-at-all' } }).expect(404)).body.detail).toMatch(/no person 'nobody-at-all'/)
    expect((await patch(cost.id, { speaker: { organization: 'no-such-body' } }).expect(404)).body.detail).toMatch(/no organisation/)
    await patch('0000000000000000', { notAQuote: true }).expect(404)
    const anonymous = await patch(cost.id, { notAQuote: true }, null).expect(401)
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/)
    await patch(cost.id, { notAQuote: true }, 'Bearer not-the-key-0123456789').expect(401)
    await get('/quotes/decisions').expect(401)
    await api().delete('/quotes/decisions/1').expect(401)
    await revoke('abc').expect(400)
    // nothing was decided by any of these
    expect(await ctx.prisma.quoteDecision.count()).toBe(0)
    expect((await get(`/quotes/${cost.id}`).expect(200)).body.correction).toBeNull()
  })
})

describe('GET /quotes/decisions', () => {
  it('lists decisions newest first, a page at a time', async () => {
    const { cost, ready, figures } = await quotes()
    await patch(cost.id, { speaker: { person: 'ann-lee' }, note: 'one' }).expect(200)
    await patch(ready.id, { notAQuote: true }).expect(200)
    await patch(figures.id, { speaker: { person: 'tom-baker' } }).expect(200)
    const first = await get('/quotes/decisions?limit=2').set('authorization', auth).expect(200)
    expect(first.body.page).toMatchObject({ limit: 2, total: { value: 3, relation: 'eq' }, nextCursor: expect.any(String) })
    expect(first.body.data.map((d: { kind: string; quote: { id: string } }) => [d.kind, d.quote.id])).toEqual([
      ['reassign', figures.id],
      ['reject', ready.id],
    ])
    expect(first.body.data[0].speaker).toEqual({ person: expect.objectContaining({ slug: 'tom-baker' }), organization: null })
    expect(first.body.data[1].speaker).toBeNull()
    const second = await get(`/quotes/decisions?limit=2&cursor=${first.body.page.nextCursor}`).set('authorization', auth).expect(200)
    expect(second.body.data).toMatchObject([{ kind: 'reassign', note: 'one', quote: { id: cost.id, content: cost.content } }])
    expect(second.body.page.nextCursor).toBeNull()
  })
})

describe('the OpenAPI document', () => {
  it('documents the quote decision routes with their security scheme, and their answers match it', async () => {
    const doc = (await get('/openapi.json').expect(200)).body
    expect(doc.paths['/quotes/{id}'].patch.security).toEqual([{ bearerAuth: [] }])
    const matches = openApiValidator(doc)
    const { cost, ready } = await quotes()
    matches('PATCH', '/quotes/{id}', await patch(cost.id, { speaker: { person: 'ann-lee' } }).expect(200))
    matches('PATCH', '/quotes/{id}', await patch(ready.id, { notAQuote: true }).expect(200))
    matches('PATCH', '/quotes/{id}', await patch(ready.id, { notAQuote: true }).expect(410))
    matches('GET', '/quotes/{id}', await get(`/quotes/${ready.id}`).expect(410))
    matches('PATCH', '/quotes/{id}', await patch(cost.id, { speaker: { person: 'nobody-at-all' } }).expect(404))
    matches('PATCH', '/quotes/{id}', await patch(cost.id, { nope: 1 }).expect(400))
    matches('GET', '/quotes/decisions', await get('/quotes/decisions').set('authorization', auth).expect(200))
    matches('GET', '/quotes/decisions', await get('/quotes/decisions').expect(401))
    // PATCH is allowed on a quote now, and named in a 405's Allow
    expect((await api().put(`/quotes/${cost.id}`).set('authorization', auth).expect(405)).headers.allow).toBe('GET, HEAD, OPTIONS, PATCH')
  })
})
