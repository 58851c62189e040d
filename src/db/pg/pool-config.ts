import type pg from 'pg'
import { parseIntoClientConfig } from 'pg-connection-string'

/**
 * The connection as separate fields rather than `connectionString`: node-postgres lets a
 * connection string override `database`, which Prisma's adapter relies on changing for its
 * shadow database (prisma/postgres/migration-adapter.ts), and fields are what every pool here takes.
 */
export function poolConfig(url: string): pg.PoolConfig {
  return parseIntoClientConfig(url)
}
