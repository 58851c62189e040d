import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, fixture, type TestContext } from '../helpers/context.js'
import { openApiValidator } from '../helpers/openapi.js'

interface ListedQuote {
  id: string
  confidence: number
  speaker: { type: string; text: string | null; person: { slug: string } | null; organization: { slug: string } | null }
}

let ctx: TestContext
let matchesOpenApi: ReturnType<typeof openApiValidator>
const EVERYTHING = 'minConfidence=0&unresolved=include'

beforeAll(async () => {
  ctx = await createTestContext()
  // speakers that name nobody: a pronoun never introduced, a role, a common noun
  const unsure = join(ctx.dir, 'unsure.txt')
  writeFileSync(
    unsure,
    'Harbour works delayed again\nHe said the harbour works would be delayed until the summer.\nA spokeswoman said the contractor had run out of steel.\nOfficials said the cost would rise.\n',
  )
  await ctx.ingest(fixture('../../prisma/sample-data'), fixture('articles'), unsure)
  matchesOpenApi = openApiValidator((await request(ctx.app.server).get('/openapi.json').expect(200)).body)
})
afterAll(() => ctx.close())

const get = (url: string) => request(ctx.app.server).get(url)
const list = async (url: string): Promise<ListedQuote[]> => (await get(url).expect(200)).body.data
const resolved = (q: ListedQuote) => q.speaker.person !== null || q.speaker.organization !== null

describe('quote lists hide what is unsure', () => {
  it('hide quotes below QUOTE_MIN_CONFIDENCE and quotes with unresolved speakers by default, and say so', async () => {
    const res = await get('/quotes?limit=100').expect(200)
    matchesOpenApi('GET', '/quotes', res)
    expect(res.body.shown).toEqual({ minConfidence: 0.7, unresolved: 'exclude' })
    const shown: ListedQuote[] = res.body.data
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.every((q) => q.confidence >= 0.7 && resolved(q))).toBe(true)
    // total counts what the list shows
    expect(res.body.page.total).toEqual({ value: shown.length, relation: 'eq' })

    const all = await list(`/quotes?limit=100&${EVERYTHING}`)
    expect(all).toHaveLength(await ctx.prisma.quote.count())
    const hidden = all.filter((q) => !shown.some((s) => s.id === q.id))
    expect(hidden.some((q) => q.confidence < 0.7 && resolved(q))).toBe(true)
    expect(hidden.some((q) => !resolved(q))).toBe(true)
    expect(hidden.every((q) => q.confidence < 0.7 || !resolved(q))).toBe(true)
  })

  it('take any threshold, 0 showing every confidence, and page through the filtered list', async () => {
    const sure = await list('/quotes?limit=100&minConfidence=0.9')
    expect(sure.length).toBeGreaterThan(0)
    expect(sure.every((q) => q.confidence >= 0.9 && resolved(q))).toBe(true)
    const anyConfidence = await get('/quotes?limit=100&minConfidence=0').expect(200)
    expect(anyConfidence.body.shown).toEqual({ minConfidence: 0, unresolved: 'exclude' })
    expect(anyConfidence.body.data.some((q: ListedQuote) => q.confidence < 0.7)).toBe(true)
    expect(anyConfidence.body.data.every(resolved)).toBe(true)
    // keyset pages of the filtered list give the same quotes as one page
    const ids: string[] = []
    let cursor: string | null = null
    do {
      const page: request.Response = await get(`/quotes?limit=3${cursor ? `&cursor=${cursor}` : ''}`).expect(200)
      ids.push(...page.body.data.map((q: ListedQuote) => q.id))
      cursor = page.body.page.nextCursor
    } while (cursor)
    expect(ids).toEqual((await list('/quotes?limit=100')).map((q) => q.id))
    expect(
      (await get('/quotes?minConfidence=0.75&sort=confidence&limit=100').expect(200)).body.data.at(-1).confidence,
    ).toBeGreaterThanOrEqual(0.75)
  })

  it('include unresolved speakers when asked, or when the unknown speaker type is asked for', async () => {
    const res = await get('/quotes?limit=100&unresolved=include').expect(200)
    matchesOpenApi('GET', '/quotes', res)
    const withUnresolved: ListedQuote[] = res.body.data
    const unresolved = withUnresolved.filter((q) => !resolved(q))
    expect(unresolved.map((q) => q.speaker.text)).toEqual(expect.arrayContaining(['A spokeswoman', 'Officials']))
    expect(withUnresolved.every((q) => q.confidence >= 0.7)).toBe(true)
    // a pronoun that resolved to nobody is unsure twice over: shown only with every confidence
    expect(unresolved.map((q) => q.speaker.text)).not.toContain('He')
    expect((await list(`/quotes?limit=100&${EVERYTHING}`)).map((q) => q.speaker.text)).toContain('He')
    const unknown = await get(`/quotes?speakerType=unknown&minConfidence=0`).expect(200)
    expect(unknown.body.shown.unresolved).toBe('include')
    expect(unknown.body.data.every((q: ListedQuote) => q.speaker.type === 'unknown')).toBe(true)
    const bad = await get('/quotes?unresolved=maybe').expect(400)
    expect(bad.body.errors.map((e: { name: string }) => e.name)).toContain('unresolved')
  })

  it('apply to a person’s and an organisation’s quotes, and never to one quote by id', async () => {
    // the most quoted person of the sample, whoever the extractor finds
    const all = await list(`/quotes?limit=100&${EVERYTHING}`)
    const slug = all.find((q) => q.speaker.person)!.speaker.person!.slug
    const personAll = await list(`/people/${slug}/quotes?limit=100&minConfidence=0`)
    const personQuotes = await list(`/people/${slug}/quotes?limit=100`)
    expect(personQuotes.map((q) => q.id)).toEqual(personAll.filter((q) => q.confidence >= 0.7).map((q) => q.id))
    const top = Math.max(...personAll.map((q) => q.confidence))
    const surest = await list(`/people/${slug}/quotes?limit=100&minConfidence=${top}`)
    expect(surest.map((q) => q.id)).toEqual(personAll.filter((q) => q.confidence >= top).map((q) => q.id))
    const kremlin = await get('/organizations/kremlin/quotes?limit=100').expect(200)
    matchesOpenApi('GET', '/organizations/{slug}/quotes', kremlin)
    const kremlinAll = await list('/organizations/kremlin/quotes?limit=100&minConfidence=0')
    expect(kremlinAll.length).toBeGreaterThanOrEqual(kremlin.body.data.length)
    expect(kremlin.body.data.every((q: ListedQuote) => q.confidence >= 0.7)).toBe(true)
    const hidden = all.find((q) => q.confidence < 0.7)!
    const one = await get(`/quotes/${hidden.id}`).expect(200)
    expect(one.body.id).toBe(hidden.id)
    const nobody = (await list(`/quotes?limit=100&${EVERYTHING}`)).find((q) => !resolved(q))!
    await get(`/quotes/${nobody.id}`).expect(200)
  })

  it('export what the list shows, and everything when asked', async () => {
    const ids = (text: string) =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { id: string }).id)
    const exported = ids((await get('/quotes/export').expect(200)).text)
    expect(exported).toEqual((await list('/quotes?limit=100')).map((q) => q.id))
    const everything = ids((await get(`/quotes/export?${EVERYTHING}`).expect(200)).text)
    expect(everything).toHaveLength(await ctx.prisma.quote.count())
  })
})

describe('QUOTE_MIN_CONFIDENCE', () => {
  it('sets the default threshold', async () => {
    const strict = await createTestContext({ QUOTE_MIN_CONFIDENCE: '0.9' })
    try {
      await strict.ingest(fixture('../../prisma/sample-data'))
      const res = await request(strict.app.server).get('/quotes?limit=100').expect(200)
      expect(res.body.shown).toEqual({ minConfidence: 0.9, unresolved: 'exclude' })
      expect(res.body.data.length).toBeGreaterThan(0)
      expect(res.body.data.every((q: ListedQuote) => q.confidence >= 0.9)).toBe(true)
    } finally {
      await strict.close()
    }
  })
})
