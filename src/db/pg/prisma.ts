import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient as PgPrismaClient } from '../../generated/pg/client.js'
import type { PrismaClient } from '../prisma.js'
import { poolConfig } from './pool-config.js'

/**
 * Prisma over node-postgres. The pg client is returned under the SQLite client's type: the models
 * are the same file (prisma/shared/models.prisma), and the generated clients differ only in types
 * the writer never names.
 */
export function createPgPrisma(url: string): PrismaClient {
  const client = new PgPrismaClient({ adapter: new PrismaPg(poolConfig(url)) })
  return client as unknown as PrismaClient
}
