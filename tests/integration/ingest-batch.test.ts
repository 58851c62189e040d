import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inProcessExtractor, workerExtractor, type Extractor } from '../../src/ingest/extractor.js'
import { ingestPaths, type FileOutcome } from '../../src/ingest/ingest.js'
import { compactSearchIndexes } from '../../src/db/writer.js'
import { excerptOf } from '../../src/ingest/excerpt.js'
import { refreshPeople } from '../../src/ingest/people-counts.js'
import { createTestContext, fixture, scratchFiles, type TestContext } from '../helpers/context.js'
import { testDialect } from '../helpers/databases.js'

let ctx: TestContext
const write = scratchFiles('newsdesk-batch-')

const files = [
  write('1.txt', 'Talks in Beijing\nPresident Vladimir Putin met Xi Jinping on Friday. The talks were useful, Putin said.'),
  write('2.txt', 'Kremlin reply\nThe sanctions will fail, Putin told reporters in Moscow on Saturday.'),
  write('3.txt', 'Harbour plan approved\nThe council approved the plan. It will create jobs, Mayor Anne Hidalgo said.'),
  write('4.txt', 'Budget passes\nThe budget passed, Senator John Adams said. Mary Adams disagreed.'),
]

async function run(paths: string[], opts: { extractor?: Extractor; batchSize?: number } = {}) {
  const out: FileOutcome[] = []
  for await (const o of ingestPaths(ctx.prisma, paths, opts)) out.push(o)
  return out
}

const snapshot = async () => ({
  people: await ctx.prisma.person.findMany({
    orderBy: { id: 'asc' },
    select: { id: true, name: true, articleCount: true, mentionCount: true, quoteCount: true, firstSeen: true, lastSeen: true },
  }),
  quotes: await ctx.prisma.quote.findMany({
    orderBy: { id: 'asc' },
    select: { id: true, personId: true, speakerName: true, content: true },
  }),
  links: await ctx.prisma.articlePerson.count(),
  // the counts and excerpt stored with each article agree with its rows
  wrongSummaries:
    (
      await ctx.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "Article" a WHERE
    a."peopleCount" <> (SELECT count(*) FROM "ArticlePerson" ap WHERE ap."articleSeq" = a."seq")
    OR a."quoteCount" <> (SELECT count(*) FROM "Quote" q WHERE q."articleSeq" = a."seq")`)
    )[0]!.n +
    BigInt(
      (await ctx.prisma.article.findMany({ select: { body: true, excerpt: true } })).filter((a) => a.excerpt !== excerptOf(a.body)).length,
    ),
})

// a new database for each test: reset() deletes rows but leaves the full-text index's segments, which the merge test counts
beforeEach(async () => {
  ctx = await createTestContext()
})
afterEach(() => ctx.close())

describe('batched ingest', () => {
  it('keeps counters equal to a full recount when many articles share one transaction', async () => {
    await run([...files, fixture('articles/records.jsonl'), fixture('../../prisma/sample-data')], { batchSize: 64 })
    const incremental = await snapshot()
    expect(incremental.people.length).toBeGreaterThan(4)
    expect(incremental.wrongSummaries).toBe(0n)
    await refreshPeople(
      ctx.prisma,
      incremental.people.map((p) => p.id),
    )
    expect(await snapshot()).toEqual(incremental)
  })

  it('gives the same records whatever the batch size', async () => {
    await run(files, { batchSize: 64 })
    const together = await snapshot()
    await ctx.reset()
    await run(files, { batchSize: 1 })
    expect(await snapshot()).toEqual(together)
    // "Putin" alone in the second article joins the person named in full in the first, in one batch too
    expect(together.quotes.find((q) => q.content.startsWith('The sanctions'))?.speakerName).toBe('Vladimir Putin')
  })

  it('fails only the article that cannot be stored; the rest of its batch goes in', async () => {
    // two quotes over the same words get the same id: the database refuses the second
    const broken: Extractor = {
      async extract(doc) {
        const extraction = await inProcessExtractor.extract(doc)
        return doc.title === 'Kremlin reply' ? { ...extraction, quotes: [...extraction.quotes, ...extraction.quotes] } : extraction
      },
      close: async () => {},
    }
    const outcomes = await run(files, { extractor: broken, batchSize: 64 })
    expect(outcomes.map((o) => o.status)).toEqual(['ingested', 'failed', 'ingested', 'ingested'])
    expect(outcomes[1]!.records[0]!.reason).toMatch(/^could not store: .*Unique constraint/i)
    expect(await ctx.prisma.article.count()).toBe(3)
    expect(await ctx.prisma.quote.count({ where: { content: { startsWith: 'The sanctions' } } })).toBe(0)
    const after = await snapshot()
    await refreshPeople(
      ctx.prisma,
      after.people.map((p) => p.id),
    )
    expect(await snapshot()).toEqual(after)
  })

  it('extracts on worker threads with the same result as in this thread', async () => {
    await run(files)
    const here = await snapshot()
    await ctx.reset()
    const workers = workerExtractor(1)
    try {
      const outcomes = await run(files, { extractor: workers })
      expect(outcomes).toHaveLength(files.length)
      expect(outcomes.every((o) => o.status === 'ingested')).toBe(true)
    } finally {
      await workers.close()
    }
    expect(await snapshot()).toEqual(here)
  })

  it.skipIf(testDialect() !== 'sqlite')(
    'merges the full-text indexes into one segment after a run that wrote a tenth of the articles or more',
    async () => {
      const many = Array.from({ length: 12 }, (_, i) =>
        write(`many-${i}.txt`, `Report ${i}\nThe plan number ${i} will work, the mayor said on day ${i}.`),
      )
      await run(many, { batchSize: 1 }) // a transaction, so a segment, per article
      const segments = async () =>
        Number((await ctx.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(DISTINCT "segid") AS n FROM "ArticleFts_idx"`))[0]!.n)
      const search = () =>
        ctx.prisma.$queryRawUnsafe<{ seq: number }[]>(
          `SELECT rowid AS seq FROM "ArticleFts" WHERE "ArticleFts" MATCH 'mayor' ORDER BY bm25("ArticleFts"), rowid`,
        )
      const before = await search()
      expect(before.length).toBe(12)
      expect(await segments()).toBeGreaterThan(1)
      expect(await compactSearchIndexes(ctx.prisma, 0)).toBe(false)
      expect(await compactSearchIndexes(ctx.prisma, 1)).toBe(false) // 1 of 12: left to FTS5's own merging
      expect(await segments()).toBeGreaterThan(1)
      expect(await compactSearchIndexes(ctx.prisma, 2)).toBe(true)
      expect(await segments()).toBe(1)
      expect(await search()).toEqual(before)
    },
  )

  it.skipIf(testDialect() !== 'postgres')(
    'analyzes the tables after a run that wrote a tenth of the articles or more (PostgreSQL)',
    async () => {
      const many = Array.from({ length: 12 }, (_, i) =>
        write(`many-${i}.txt`, `Report ${i}\nThe plan number ${i} will work, the mayor said on day ${i}.`),
      )
      await run(many)
      // ANALYZE sets the row estimate of a table it has never seen (-1)
      const estimate = async () =>
        (await ctx.prisma.$queryRaw<{ n: number }[]>`SELECT "reltuples" AS n FROM pg_class WHERE "relname" = 'Article'`)[0]!.n
      expect(await estimate()).toBe(-1)
      expect(await compactSearchIndexes(ctx.prisma, 1)).toBe(false)
      expect(await estimate()).toBe(-1)
      expect(await compactSearchIndexes(ctx.prisma, 2)).toBe(true)
      expect(await estimate()).toBe(12)
    },
  )
})
