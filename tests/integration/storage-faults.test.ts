import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createPrisma, type PrismaClient } from '../../src/db/prisma.js'
import { storageFaultOf } from '../../src/db/storage-fault.js'
import { inWriteTransaction } from '../../src/db/writer.js'
import { copyOfTemplate, testDialect } from '../helpers/databases.js'

/** Settles within `ms` or fails the test: a transaction that never settles is the bug this file guards against. */
const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms))])

/** A Prisma client over a SQLite file of the test's own, for the describe block that calls it. */
function sqliteClient(): () => PrismaClient {
  let database: Awaited<ReturnType<typeof copyOfTemplate>> | undefined
  let prisma: PrismaClient | undefined
  beforeAll(async () => {
    database = await copyOfTemplate(inject('templateDb'))
    prisma = await createPrisma(database.url)
  })
  afterAll(async () => {
    await prisma?.$disconnect()
    await database?.drop()
  })
  return () => prisma!
}

/**
 * A database that cannot grow: SQLite's max_page_count makes every write past it fail with
 * SQLITE_FULL exactly as a full disk does (SQLite rolls the transaction back itself), on a real file.
 */
describe.skipIf(testDialect() === 'postgres')('a write transaction refused by a full database (SQLite)', () => {
  const prisma = sqliteClient()
  const capAt = async (extraPages: number) => {
    const [{ page_count }] = await prisma().$queryRawUnsafe<[{ page_count: bigint | number }]>('PRAGMA page_count')
    await prisma().$queryRawUnsafe(`PRAGMA max_page_count = ${Number(page_count) + extraPages}`)
  }
  const fill = (rows: number) =>
    inWriteTransaction(prisma(), async (tx) => {
      for (let i = 0; i < rows; i++)
        await tx.$executeRawUnsafe(`INSERT INTO "IdentityBacklog"("key") VALUES (? || randomblob(2000))`, `k${i}-`)
    })

  it('fails with a storage fault, and the next transactions settle instead of waiting for ever', async () => {
    await capAt(4)
    const first = await within(5_000, fill(200)).catch((err: unknown) => err)
    expect(storageFaultOf(first)?.kind).toBe('disk full')
    // before the fix, the adapter's lock stayed held after SQLite's own rollback and these hung
    const second = await within(5_000, fill(200)).catch((err: unknown) => err)
    expect(storageFaultOf(second)?.kind).toBe('disk full')
    await within(
      5_000,
      inWriteTransaction(prisma(), (tx) => tx.$queryRawUnsafe('SELECT 1')),
    )
  })

  it('writes again once there is room, and nothing of the refused transactions was kept', async () => {
    await capAt(10_000)
    await within(5_000, fill(3))
    const [{ n }] = await prisma().$queryRawUnsafe<[{ n: bigint | number }]>('SELECT count(*) AS n FROM "IdentityBacklog"')
    expect(Number(n)).toBe(3)
  })
})

describe('storage faults told apart from errors in the data', () => {
  const sqliteError = (code: string) => Object.assign(new Error('x'), { code })
  it('classifies SQLite and PostgreSQL codes, wrapped or not', () => {
    expect(storageFaultOf(sqliteError('SQLITE_FULL'))?.kind).toBe('disk full')
    expect(storageFaultOf(sqliteError('SQLITE_IOERR_WRITE'))?.kind).toBe('I/O error')
    expect(storageFaultOf(sqliteError('SQLITE_READONLY_DBMOVED'))?.kind).toBe('read-only')
    expect(storageFaultOf(sqliteError('SQLITE_CORRUPT'))?.kind).toBe('corrupt')
    expect(storageFaultOf({ meta: { driverAdapterError: { cause: { originalCode: '53100' } } } })?.kind).toBe('disk full')
    expect(storageFaultOf(new Error('Invalid `prisma.$executeRaw()` invocation:\n\ndatabase or disk is full'))?.kind).toBe('disk full')
  })
  it('leaves constraint violations and other errors alone', () => {
    expect(storageFaultOf(sqliteError('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull()
    expect(storageFaultOf({ code: 'P2002', meta: { driverAdapterError: { cause: { originalCode: '23505' } } } })).toBeNull()
    expect(storageFaultOf(new Error('no such table: X'))).toBeNull()
  })
})

describe.skipIf(testDialect() === 'postgres')('a long write transaction (SQLite)', () => {
  const prisma = sqliteClient()

  it('lets the event loop turn between its statements, so requests are not held until it commits', async () => {
    // the driver is synchronous and Prisma chains statements through promises: without the adapter's
    // time slices, no macrotask (an incoming request, a timer) runs until the transaction ends
    let turns = 0
    let counting = true
    const count = () => {
      if (!counting) return
      turns++
      setImmediate(count)
    }
    let turnsAtStart = 0
    await inWriteTransaction(prisma(), async (tx) => {
      turnsAtStart = turns
      setImmediate(count)
      for (let i = 0; i < 6; i++)
        await tx.$queryRawUnsafe(
          'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT count(*) AS n FROM c',
        )
    })
    counting = false
    expect(turns - turnsAtStart).toBeGreaterThanOrEqual(3)
  })
})
