import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { projectRoot } from '../paths.js'
import { articleAcronyms, speakerKeyIn, speakerKeyOf } from '../speakers/speaker-key.js'
import { dialectOf, sqlitePath, type Dialect } from './url.js'
import { DatabaseUnusable, isWritable, openSqliteForReading } from './sqlite/open.js'

/** Each provider's schema folder: schema.prisma, prisma.config.ts, migrations/ (one set of models in prisma/shared). */
export const schemaDir = (dialect: Dialect) => join(projectRoot, 'prisma', dialect)

function migrationNames(dialect: Dialect): string[] {
  return readdirSync(join(schemaDir(dialect), 'migrations'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
}

async function pendingPgMigrations(url: string): Promise<string[]> {
  const all = migrationNames('postgres')
  const { default: pg } = await import('pg')
  const { poolConfig } = await import('./pg/pool-config.js')
  const client = new pg.Client(poolConfig(url))
  await client.connect()
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    )
    const applied = new Set(rows.map((r) => r.migration_name))
    return all.filter((m) => !applied.has(m))
  } catch (err) {
    if ((err as { code?: string }).code === '42P01') return all // no _prisma_migrations yet: an empty database
    throw err
  } finally {
    await client.end()
  }
}

function pendingSqliteMigrations(url: string): string[] {
  const all = migrationNames('sqlite')
  const file = sqlitePath(url)
  if (!existsSync(file)) return all
  const db = openSqliteForReading(file)
  try {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get()
    if (!table) return all
    const applied = new Set(
      (
        db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as {
          migration_name: string
        }[]
      ).map((r) => r.migration_name),
    )
    return all.filter((m) => !applied.has(m))
  } finally {
    db.close()
  }
}

/** Data a migration's SQL cannot compute, filled in TypeScript right after that migration is applied. */
const DATA_MIGRATIONS: Record<string, (url: string) => void> = {
  '20261127030000_newsroom': (url) => {
    const db = new Database(sqlitePath(url))
    try {
      const quotes = db.prepare(`SELECT "seq", "speakerName", "speakerType" FROM "Quote" WHERE "speakerKey" IS NULL`).all() as {
        seq: number
        speakerName: string
        speakerType: string
      }[]
      const update = db.prepare(`UPDATE "Quote" SET "speakerKey" = ? WHERE "seq" = ?`)
      db.transaction(() => {
        for (const q of quotes) update.run(speakerKeyOf(q.speakerName, q.speakerType), q.seq)
      })()
    } finally {
      db.close()
    }
  },
  // the forms of one body share a key now; no editor decision on organisations exists yet to apply
  '20261208000000_organization_keys': (url) => {
    const db = new Database(sqlitePath(url))
    try {
      const quotes = db
        .prepare(
          `SELECT "seq", "articleSeq", "speakerName", "speakerType", "speakerKey" FROM "Quote"
           WHERE "speakerType" IN ('organization', 'group') AND "decisionSeq" IS NULL ORDER BY "articleSeq"`,
        )
        .all() as { seq: number; articleSeq: number; speakerName: string; speakerType: string; speakerKey: string | null }[]
      const body = db.prepare(`SELECT "body" FROM "Article" WHERE "seq" = ?`).pluck()
      const update = db.prepare(`UPDATE "Quote" SET "speakerKey" = ? WHERE "seq" = ?`)
      db.transaction(() => {
        let article = -1
        let acronyms = new Map<string, string>()
        for (const q of quotes) {
          if (q.articleSeq !== article)
            [article, acronyms] = [q.articleSeq, articleAcronyms((body.get(q.articleSeq) as string | undefined) ?? '')]
          const key = speakerKeyIn(q.speakerName, q.speakerType, acronyms)
          if (key !== q.speakerKey) update.run(key, q.seq)
        }
      })()
    } finally {
      db.close()
    }
  },
}

/**
 * Applies pending migrations with Prisma's own `migrate deploy` (WebAssembly schema engine through
 * the driver adapter; see prisma/<provider>/prisma.config.ts), from the provider's own migrations
 * folder. Costs one query when the database is current. Concurrent starts on PostgreSQL are safe:
 * migrate deploy takes an advisory lock.
 */
export async function ensureMigrated(url: string): Promise<{ applied: string[] }> {
  const dialect = dialectOf(url)
  const pending = dialect === 'postgres' ? await pendingPgMigrations(url) : pendingSqliteMigrations(url)
  if (pending.length === 0) return { applied: [] }
  if (dialect === 'sqlite' && !isWritable(sqlitePath(url)))
    throw new DatabaseUnusable(sqlitePath(url), `${pending.length} migration(s) to apply, but the file or its folder is read-only`)
  // the schema engine creates the file, not its folder (a fresh clone has no ./data)
  if (dialect === 'sqlite') mkdirSync(dirname(sqlitePath(url)), { recursive: true })
  const cli = createRequire(import.meta.url).resolve('prisma/build/index.js')
  const run = spawnSync(process.execPath, [cli, 'migrate', 'deploy', '--config', join(schemaDir(dialect), 'prisma.config.ts')], {
    env: { ...process.env, DATABASE_URL: dialect === 'sqlite' ? `file:${sqlitePath(url)}` : url },
    cwd: projectRoot,
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(`prisma migrate deploy failed:\n${run.stdout}\n${run.stderr}`)
  // PostgreSQL's migrations start from today's models: no data of earlier layouts to fill
  if (dialect === 'sqlite') for (const migration of pending) DATA_MIGRATIONS[migration]?.(url)
  return { applied: pending }
}
