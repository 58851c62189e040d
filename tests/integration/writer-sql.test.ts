import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createPrisma, dialectOfPrisma, type PrismaClient } from '../../src/db/prisma.js'
import { inList, insertRows, updateRows } from '../../src/db/sql.js'
import { inWriteTransaction } from '../../src/db/writer.js'
import { copyOfTemplate, testDialect } from '../helpers/databases.js'

/** The writer's multi-row statements on the database the suite runs on (SQLite, or PostgreSQL with TEST_DATABASE_URL). */
describe(`the writer's SQL helpers (${testDialect()})`, () => {
  let database: Awaited<ReturnType<typeof copyOfTemplate>>
  let prisma: PrismaClient
  let articleSeq: number

  beforeAll(async () => {
    database = await copyOfTemplate(inject('testTemplate'))
    prisma = await createPrisma(database.url)
    const article = await prisma.article.create({
      data: {
        id: 'a1',
        contentHash: 'h1',
        title: 'T',
        body: 'B',
        format: 'txt',
        extractorVersion: 'v',
        listedAt: new Date('2005-03-12T08:30:00.123Z'),
      },
    })
    articleSeq = article.seq
  })
  afterAll(async () => {
    await prisma?.$disconnect()
    await database?.drop()
  })

  it('knows its dialect from the client and from a transaction', async () => {
    expect(dialectOfPrisma(prisma)).toBe(testDialect())
    expect(await prisma.$transaction(async (tx) => dialectOfPrisma(tx))).toBe(testDialect())
  })

  it('insert dates, booleans, floats, nulls and any text as Prisma reads them back', async () => {
    const quote = {
      articleSeq,
      position: 0,
      speakerName: "Zoë “Z” O'Neil",
      speakerType: 'person',
      speakerStart: null,
      cue: 'said',
      kind: 'direct',
      content: 'a \\ backslash, a "quote" and an emoji 🙂',
      contentStart: 0,
      contentEnd: 10,
      sentenceStart: 0,
      sentenceEnd: 10,
      sentence: 's',
      confidence: 0.1 + 0.2,
      publishedAt: null,
      listedAt: new Date('0001-01-01T00:00:00.000Z'),
    }
    const columns = ['id' as const, ...(Object.keys(quote) as (keyof typeof quote)[])]
    await insertRows(prisma, 'Quote', columns, [
      { id: 'q1', ...quote },
      {
        id: 'q2',
        ...quote,
        position: 1,
        publishedAt: new Date('2005-03-12T08:30:00.123Z'),
        listedAt: new Date('2005-03-12T08:30:00.123Z'),
      },
    ])
    const stored = await prisma.quote.findMany({ orderBy: { position: 'asc' } })
    expect(stored.map((q) => [q.speakerName, q.content, q.confidence, q.speakerStart, q.publishedAt, q.listedAt])).toEqual([
      [quote.speakerName, quote.content, 0.30000000000000004, null, null, quote.listedAt],
      [
        quote.speakerName,
        quote.content,
        0.30000000000000004,
        null,
        new Date('2005-03-12T08:30:00.123Z'),
        new Date('2005-03-12T08:30:00.123Z'),
      ],
    ])
    // stored in the form Prisma writes, so that raw comparisons with Prisma's own dates hold
    const same = await prisma.$queryRaw<{ n: number | bigint }[]>`
      SELECT count(*) AS n FROM "Quote" q JOIN "Article" a ON a."listedAt" = q."listedAt"`
    expect(Number(same[0]!.n)).toBe(1)

    const entity = { articleSeq, name: 'X', titles: '[]', aliases: '[]', mentionCount: 1, mentions: '[]', speakerType: null }
    await insertRows(
      prisma,
      'ArticleEntity',
      ['articleSeq', 'position', 'name', 'titles', 'aliases', 'mentionCount', 'mentions', 'joinOnly', 'speakerType'],
      [
        { ...entity, position: 0, joinOnly: true },
        { ...entity, position: 1, joinOnly: false },
      ],
    )
    const entities = await prisma.articleEntity.findMany({ orderBy: { position: 'asc' }, select: { joinOnly: true, status: true } })
    expect(entities).toEqual([
      { joinOnly: true, status: 'pending' },
      { joinOnly: false, status: 'pending' },
    ])
  })

  it('skip rows whose key is stored, or given twice, when told to ignore them', async () => {
    const person = (id: string, name: string) => ({ id, slug: id, name, nameLower: name.toLowerCase() })
    await insertRows(prisma, 'Person', ['id', 'slug', 'name', 'nameLower'], [person('p1', 'One')], 'ignore')
    await insertRows(
      prisma,
      'Person',
      ['id', 'slug', 'name', 'nameLower'],
      [person('p1', 'Other'), person('p2', 'Two'), person('p2', 'Again')],
      'ignore',
    )
    expect(await prisma.person.findMany({ orderBy: { id: 'asc' }, select: { id: true, name: true } })).toEqual([
      { id: 'p1', name: 'One' },
      { id: 'p2', name: 'Two' },
    ])
  })

  it('update the rows whose key is stored, the last given winning, when told to', async () => {
    const columns = ['fromKey', 'personId'] as const
    const upsert = { key: ['fromKey'], update: ['personId'] } as const
    await insertRows(prisma, 'PersonRedirect', columns, [{ fromKey: 'old', personId: 'p1' }], upsert)
    await insertRows(
      prisma,
      'PersonRedirect',
      columns,
      [
        { fromKey: 'old', personId: 'p2' },
        { fromKey: 'new', personId: 'p1' },
        { fromKey: 'old', personId: 'p3' },
      ],
      upsert,
    )
    expect(await prisma.personRedirect.findMany({ orderBy: { fromKey: 'asc' }, select: { fromKey: true, personId: true } })).toEqual([
      { fromKey: 'new', personId: 'p1' },
      { fromKey: 'old', personId: 'p3' },
    ])
  })

  it('update the columns of the rows matching each given key, and no others', async () => {
    await updateRows(
      prisma,
      'ArticleEntity',
      ['articleSeq', 'position'],
      ['status', 'personId'],
      [{ articleSeq, position: 1, status: 'person', personId: 'p2' }],
    )
    expect(await prisma.articleEntity.findMany({ orderBy: { position: 'asc' }, select: { status: true, personId: true } })).toEqual([
      { status: 'pending', personId: null },
      { status: 'person', personId: 'p2' },
    ])
  })

  it('match a list bound as one parameter, empty or not', async () => {
    const d = dialectOfPrisma(prisma)
    const byId = (ids: string[]) => prisma.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Person" WHERE "id" ${inList(d, ids)} ORDER BY "id"`
    expect(await byId([])).toEqual([])
    expect(await byId(['p2', 'p1', 'nobody'])).toEqual([{ id: 'p1' }, { id: 'p2' }])
    const positions = await prisma.$queryRaw<{ position: number }[]>`
      SELECT "position" FROM "ArticleEntity" WHERE "position" ${inList(d, [1, 7])}`
    expect(positions).toEqual([{ position: 1 }])
  })

  it('commit a write transaction, or roll all of it back', async () => {
    expect(await inWriteTransaction(prisma, async (t) => (await t.identityBacklog.create({ data: { key: 'k1' } })).key)).toBe('k1')
    await expect(
      inWriteTransaction(prisma, async (t) => {
        await t.identityBacklog.create({ data: { key: 'k2' } })
        await t.$executeRaw`INSERT INTO "IdentityBacklog" ("key") VALUES (${'k1'})`
      }),
    ).rejects.toThrow()
    expect(await prisma.identityBacklog.findMany({ select: { key: true } })).toEqual([{ key: 'k1' }])
  })
})
