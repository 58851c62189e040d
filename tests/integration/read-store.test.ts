import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.js'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx.close())

const article = (n: number) => ({
  id: `read-store-${n}`,
  contentHash: `hash-${n}`,
  title: `Article ${n}`,
  body: `Body ${n}`,
  listedAt: new Date('2024-01-01T00:00:00Z'),
  format: 'json',
  extractorVersion: 'test',
})
const count = async (db = ctx.readStore) => (await db.get<{ n: number }>('SELECT count(*) AS "n" FROM "Article"'))!.n

/** The contract both read stores keep (run on SQLite, and on PostgreSQL with TEST_DATABASE_URL). */
describe('the read store', () => {
  it('gives numbers for counts and ISO text for dates, as the API mappers expect', async () => {
    await ctx.prisma.article.create({ data: { ...article(0), publishedAt: new Date('2021-12-15T08:30:00.5Z') } })
    const row = await ctx.readStore.get<{ n: number; publishedAt: string; listedAt: string }>(
      'SELECT count(*) AS "n", max("publishedAt") AS "publishedAt", max("listedAt") AS "listedAt" FROM "Article"',
    )
    expect(row).toEqual({ n: 1, publishedAt: '2021-12-15T08:30:00.500+00:00', listedAt: '2024-01-01T00:00:00.000+00:00' })
  })

  it('keeps every statement of a snapshot on one committed state while others commit', async () => {
    const before = await count()
    const seen = await ctx.readStore.snapshot(async (db) => {
      const first = await count(db)
      await ctx.prisma.article.create({ data: article(1) })
      await ctx.readStore.catchUp()
      return [first, await count(db)]
    })
    expect(seen).toEqual([before, before])
    expect(await count()).toBe(before + 1)
  })

  it('changes its data version once a commit is visible, and not otherwise', async () => {
    await ctx.readStore.catchUp()
    const version = ctx.readStore.dataVersion()
    await count()
    await ctx.readStore.catchUp()
    expect(ctx.readStore.dataVersion()).toBe(version)
    await ctx.prisma.article.create({ data: article(2) })
    await ctx.readStore.catchUp()
    expect(ctx.readStore.dataVersion()).not.toBe(version)
  })

  it('refuses to write', async () => {
    await expect(ctx.readStore.all(`DELETE FROM "Article"`)).rejects.toThrow()
    expect(await count()).toBe(3)
  })
})
