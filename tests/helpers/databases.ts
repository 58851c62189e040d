import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { ensureMigrated } from '../../src/db/migrate.js'
import { poolConfig } from '../../src/db/pg/pool-config.js'

/**
 * The database the API and integration suites run on: SQLite by default, PostgreSQL when
 * TEST_DATABASE_URL is a postgresql:// URL (a role that may create databases). Either way every
 * test file gets a database of its own, copied from one migrated template: a file copy on SQLite,
 * CREATE DATABASE ... TEMPLATE on PostgreSQL.
 */
export const testDialect = (): 'sqlite' | 'postgres' =>
  /^postgres(ql)?:/.test(process.env.TEST_DATABASE_URL ?? '') ? 'postgres' : 'sqlite'

/** The URL of `database` on the server TEST_DATABASE_URL names. */
const onServer = (database: string) => {
  const url = new URL(process.env.TEST_DATABASE_URL!)
  url.pathname = `/${database}`
  return url.toString()
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(poolConfig(process.env.TEST_DATABASE_URL!))
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** Builds the migrated template; returns what test files copy and how to remove it. */
export async function createTemplate(): Promise<{ template: string; remove: () => Promise<void> }> {
  if (testDialect() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-test-'))
    const template = join(dir, 'template.db')
    await ensureMigrated(`file:${template}`)
    return { template, remove: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const template = `newsdesk_tpl_${process.pid}_${randomBytes(3).toString('hex')}`
  // C collation sorts like SQLite's BINARY, so keyset pages order the same on both
  await admin((c) => c.query(`CREATE DATABASE "${template}" TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`))
  await ensureMigrated(onServer(template))
  return { template, remove: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`)).then(() => {}) }
}

/** A database of the test's own, copied from the template; `drop` removes it. */
export async function copyOfTemplate(template: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testDialect() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-ctx-'))
    const file = join(dir, 'test.db')
    copyFileSync(template, file)
    return { url: `file:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const name = `newsdesk_t_${randomBytes(6).toString('hex')}`
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`))
  return { url: onServer(name), drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}) }
}
