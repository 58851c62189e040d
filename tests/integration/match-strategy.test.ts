import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { walkFindsPageSooner } from '../../src/shared/match-strategy.js'
import { createTestContext, scratchFiles, type TestContext } from '../helpers/context.js'

let ctx: TestContext
const write = scratchFiles('newsdesk-strategy-')
const ARTICLES = 240

beforeAll(async () => {
  ctx = await createTestContext()
  // every article has "council"; every 40th also "zebra"; dates spread so that date order differs from ingest order
  const files = Array.from({ length: ARTICLES }, (_, i) => {
    const day = String(1 + ((i * 7) % 28)).padStart(2, '0')
    const zebra = i % 40 === 0 ? ' A zebra escaped from the zoo, the keeper said.' : ''
    return write(
      `a${i}.json`,
      JSON.stringify({
        id: `item-${i}`,
        title: `Council report ${i}`,
        date: `2023-${String(1 + (i % 12)).padStart(2, '0')}-${day}`,
        body: `The council met on day ${i}. We will fix the roads, Mayor Jane Doe said.${zebra}`,
      }),
    )
  })
  await ctx.ingest(...files)
}, 120_000)
afterAll(() => ctx.close())

const get = (url: string) => request(ctx.app.server).get(url).expect(200)
/** Every item of a list, page by page. */
async function items<T extends { id: string }>(url: string, limit: number): Promise<T[]> {
  const out: T[] = []
  let cursor: string | null = null
  do {
    const res: request.Response = await get(
      `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    out.push(...res.body.data)
    cursor = res.body.page.nextCursor
  } while (cursor)
  return out
}
const collect = async (url: string, limit: number) => (await items(url, limit)).map((x) => x.id)

describe('date-ordered full-text lists', () => {
  it('walk the date index for a word in most rows and collect the matches of a rare one', async () => {
    expect(await walkFindsPageSooner(ctx.readStore, 'Article', '"council"', 5)).toBe(true)
    expect(await walkFindsPageSooner(ctx.readStore, 'Article', '"zebra"', 5)).toBe(false)
    expect(await walkFindsPageSooner(ctx.readStore, 'Quote', '"roads"', 5)).toBe(true)
    expect(await walkFindsPageSooner(ctx.readStore, 'Quote', '"zebra"', 5)).toBe(false)
  })

  it.each(['council', 'zebra'])('list exactly the matching articles, newest and oldest first, for "%s"', async (word) => {
    const matching = new Set(await collect(`/articles?q=${word}`, 50)) // relevance: ranked by bm25, another path
    expect(matching.size).toBe(word === 'zebra' ? ARTICLES / 40 : ARTICLES)
    for (const sort of ['newest', 'oldest']) {
      const all = (await collect(`/articles?sort=${sort}`, 100)).filter((id) => matching.has(id))
      expect(all).toHaveLength(matching.size)
      expect(await collect(`/articles?q=${word}&sort=${sort}`, 7)).toEqual(all)
    }
  })

  it.each(['roads', 'zebra'])('list exactly the matching quotes for "%s"', async (word) => {
    // every quote: "the keeper" names nobody, and lists hide such speakers by default
    const everything = 'minConfidence=0&unresolved=include'
    const all = (await items<{ id: string; content: string }>(`/quotes?${everything}`, 100))
      .filter((q) => q.content.toLowerCase().includes(word))
      .map((q) => q.id)
    expect(all.length).toBeGreaterThan(0)
    expect(await collect(`/quotes?q=${word}&${everything}`, 7)).toEqual(all)
  })
})
