import { setTimeout as sleep } from 'node:timers/promises'
import { Prisma, dialectOfPrisma, type PrismaClient } from './prisma.js'

/** Attempts of a PostgreSQL write transaction that lost a race (a serialization failure or a deadlock) before its error stands. */
export const WRITE_ATTEMPTS = 8

/** The PostgreSQL error code behind a Prisma or driver adapter error (it may sit in `cause` or `meta`), if any. */
export function pgErrorCode(err: unknown): string | null {
  for (let e = err as Record<string, unknown> | undefined, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (typeof e.originalCode === 'string') return e.originalCode
    const adapterError = (e.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError
    e = (e.cause ?? adapterError) as Record<string, unknown> | undefined
  }
  return null
}

/**
 * How many attempts in all a PostgreSQL write transaction gets when it fails with `err`. A
 * serialization failure or a deadlock lost a race with a concurrent transaction: run again, it
 * sees the winner's rows. A unique key may be one another transaction stored first, or a
 * duplicate in the data itself: one more attempt tells which. Anything else: trying again cannot help.
 */
export function attemptsFor(err: unknown): number {
  const code = pgErrorCode(err)
  const prismaCode = (err as { code?: unknown } | null)?.code
  if (code === '40001' || code === '40P01' || prismaCode === 'P2034') return WRITE_ATTEMPTS
  if (code === '23505' || prismaCode === 'P2002') return 2
  return 1
}

/** Milliseconds to wait before attempt `attempt + 1`: doubling from 20 ms up to 2 s, jittered so that two losers do not meet again. */
export const retryDelay = (attempt: number, random = Math.random()) => Math.min(2000, 20 * 2 ** (attempt - 1)) * (0.5 + random / 2)

/**
 * Runs `work` in a write transaction. SQLite has one writer at a time, so its transactions run
 * as they are. On PostgreSQL several processes may write at once: each transaction is
 * SERIALIZABLE, so that what it reads (stored content, the people an article may name) cannot
 * change under it, and one that loses a race is run again from the start (attemptsFor). `work`
 * must do nothing but its queries: it may run more than once.
 */
export async function inWriteTransaction<T>(
  prisma: PrismaClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  opts: { timeout?: number; maxWait?: number } = {},
): Promise<T> {
  if (dialectOfPrisma(prisma) === 'sqlite') return prisma.$transaction(work, opts)
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(work, { ...opts, isolationLevel: Prisma.TransactionIsolationLevel.Serializable })
    } catch (err) {
      if (attempt >= attemptsFor(err)) throw err
      await sleep(retryDelay(attempt))
    }
  }
}

/** The PostgreSQL tables ingest fills. */
const INGESTED_TABLES = ['Article', 'ArticleEntity', 'ArticlePerson', 'Person', 'PersonAlias', 'Quote', 'ArticleSearch', 'QuoteSearch']

/**
 * Upkeep after a run that wrote at least a tenth of the articles (it rewrites whole indexes, so
 * smaller runs leave it to FTS5's own merging or to autovacuum); returns whether it ran. SQLite:
 * each FTS5 index merged into one segment (FTS5 writes a segment per transaction and a search
 * looks its terms up in every one: after a bulk load of 100k articles one merge halves search
 * time). PostgreSQL: VACUUM ANALYZE of the tables ingest fills, for planner statistics, the
 * visibility map index-only scans need, and the GIN indexes' pending lists merged. Runs outside
 * any transaction (VACUUM must).
 */
export async function compactSearchIndexes(prisma: PrismaClient, written: number): Promise<boolean> {
  if (written === 0) return false
  // count(*) is a bigint on PostgreSQL
  const [{ total }] = await prisma.$queryRaw<[{ total: number | bigint }]>`SELECT count(*) AS "total" FROM "Article"`
  if (written * 10 < Number(total)) return false
  if (dialectOfPrisma(prisma) === 'sqlite') {
    await prisma.$executeRaw`INSERT INTO "ArticleFts"("ArticleFts") VALUES ('optimize')`
    await prisma.$executeRaw`INSERT INTO "QuoteFts"("QuoteFts") VALUES ('optimize')`
  } else await prisma.$executeRaw`VACUUM (ANALYZE) ${Prisma.raw(INGESTED_TABLES.map((t) => `"${t}"`).join(', '))}`
  return true
}
