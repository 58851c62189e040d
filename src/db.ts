import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from './generated/prisma/client.js'

export type { PrismaClient }

/** Path of the SQLite file behind a `file:` URL, relative to the working directory. */
export function sqlitePath(url: string): string {
  return resolve(url.replace(/^file:/, '').replace(/\?.*$/, ''))
}

/**
 * Prisma over better-sqlite3. WAL lets readers go on while ingest writes; synchronous=NORMAL is
 * durable under WAL; busy_timeout makes a second writer wait instead of failing.
 */
export async function createPrisma(url: string): Promise<PrismaClient> {
  mkdirSync(dirname(sqlitePath(url)), { recursive: true })
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) })
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  await prisma.$executeRawUnsafe('PRAGMA busy_timeout = 10000')
  await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON')
  // a 16 MB page cache (default 2 MB) keeps the upper index pages of a large database in memory for writes
  await prisma.$executeRawUnsafe('PRAGMA cache_size = -16384')
  return prisma
}
