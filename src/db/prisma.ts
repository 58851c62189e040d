import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { Prisma, PrismaClient } from '../generated/sqlite/client.js'
import { SafeSqliteAdapterFactory } from './sqlite/adapter.js'
import { dialectOf, sqlitePath, type Dialect } from './url.js'

/**
 * Prisma owns the models, the migrations, the generated types and the ingest writer. The code is
 * typed against the SQLite client; on PostgreSQL the same models come from the pg client
 * (src/generated/pg), returned under that type (the two generated clients are not assignable to
 * each other, but every call the writer makes behaves the same on both).
 */
export { Prisma, PrismaClient }
export type { Article, ArticlePerson, Person, PersonAlias, Quote, QuoteDecision } from '../generated/sqlite/client.js'

/**
 * The dialect of a client, or of a transaction it opened (both carry Prisma's `_activeProvider`).
 * That field is not public API: a client without it fails here rather than be taken for SQLite.
 */
export function dialectOfPrisma(client: PrismaClient | Prisma.TransactionClient): Dialect {
  const provider = (client as { _activeProvider?: unknown })._activeProvider
  if (provider === 'sqlite') return 'sqlite'
  if (provider === 'postgresql') return 'postgres'
  throw new Error(`unknown Prisma provider: ${String(provider)}`)
}

/** Prisma over the database `url` names. PostgreSQL's packages load only for a postgres URL. */
export async function createPrisma(url: string): Promise<PrismaClient> {
  return dialectOf(url) === 'postgres' ? (await import('./pg/prisma.js')).createPgPrisma(url) : createSqlitePrisma(url)
}

/**
 * Prisma over better-sqlite3. WAL lets readers go on while ingest writes; synchronous=NORMAL is
 * durable under WAL; busy_timeout makes a second writer wait instead of failing.
 */
async function createSqlitePrisma(url: string): Promise<PrismaClient> {
  mkdirSync(dirname(sqlitePath(url)), { recursive: true })
  const prisma = new PrismaClient({ adapter: new SafeSqliteAdapterFactory({ url }) })
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  await prisma.$executeRawUnsafe('PRAGMA busy_timeout = 10000')
  await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON')
  // a 16 MB page cache (default 2 MB) keeps the upper index pages of a large database in memory for writes
  await prisma.$executeRawUnsafe('PRAGMA cache_size = -16384')
  return prisma
}
