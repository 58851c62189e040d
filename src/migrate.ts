import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { sqlitePath } from './db.js'
import { projectRoot } from './paths.js'
import { speakerKeyOf } from './speakers/speaker-key.js'

const migrationsDir = join(projectRoot, 'prisma', 'migrations')

function pendingMigrations(url: string): string[] {
  const all = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
  const file = sqlitePath(url)
  if (!existsSync(file)) return all
  const db = new Database(file, { readonly: true, fileMustExist: true })
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
}

/**
 * Applies pending migrations with Prisma's own `migrate deploy` (WebAssembly schema engine through
 * the driver adapter; see prisma/prisma.config.ts). Costs nothing when the database is current.
 */
export function ensureMigrated(url: string): { applied: string[] } {
  const pending = pendingMigrations(url)
  if (pending.length === 0) return { applied: [] }
  // the schema engine creates the file, not its folder (a fresh clone has no ./data)
  mkdirSync(dirname(sqlitePath(url)), { recursive: true })
  const cli = createRequire(import.meta.url).resolve('prisma/build/index.js')
  const run = spawnSync(process.execPath, [cli, 'migrate', 'deploy', '--config', join(projectRoot, 'prisma', 'prisma.config.ts')], {
    env: { ...process.env, DATABASE_URL: `file:${sqlitePath(url)}` },
    cwd: projectRoot,
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(`prisma migrate deploy failed:\n${run.stdout}\n${run.stderr}`)
  for (const migration of pending) DATA_MIGRATIONS[migration]?.(url)
  return { applied: pending }
}
