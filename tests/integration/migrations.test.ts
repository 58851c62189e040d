import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { projectRoot } from '../../src/paths.js'

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-migrations-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Tables, columns (type, null, default, key) and indexes (columns, unique) of a database, as comparable text; FTS5 and Prisma's own bookkeeping left out. */
function shape(file: string): Record<string, unknown> {
  const db = new Database(file, { readonly: true })
  try {
    const tables = (
      db.prepare(`SELECT "name" FROM sqlite_master WHERE "type" = 'table' AND "sql" NOT LIKE 'CREATE VIRTUAL TABLE%'`).all() as {
        name: string
      }[]
    )
      .map((t) => t.name)
      .filter((n) => !n.startsWith('_prisma') && !n.startsWith('sqlite_') && !/Fts(_|$)/.test(n))
      .sort()
    return Object.fromEntries(
      tables.map((t) => {
        const columns = (
          db.prepare(`PRAGMA table_info("${t}")`).all() as {
            name: string
            type: string
            notnull: number
            dflt_value: string | null
            pk: number
          }[]
        )
          .map((c) => `${c.name} ${c.type} ${c.notnull ? 'NOT NULL' : 'NULL'} default=${c.dflt_value} pk=${c.pk}`)
          .sort()
        const indexes = (db.prepare(`PRAGMA index_list("${t}")`).all() as { name: string; unique: number; origin: string }[])
          .filter((i) => i.origin !== 'pk')
          .map((i) => {
            const cols = (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name).join(',')
            return `${i.unique ? 'UNIQUE ' : ''}(${cols})`
          })
          .sort()
        const foreignKeys = (
          db.prepare(`PRAGMA foreign_key_list("${t}")`).all() as { table: string; from: string; to: string; on_delete: string }[]
        )
          .map((f) => `${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete}`)
          .sort()
        return [t, { columns, indexes, foreignKeys }]
      }),
    )
  } finally {
    db.close()
  }
}

describe('the committed migrations', () => {
  it('build exactly the tables, columns, indexes and keys that prisma/sqlite describes (the shared models)', () => {
    // what Prisma would create from the models alone, applied to an empty database
    const cli = createRequire(import.meta.url).resolve('prisma/build/index.js')
    const diff = spawnSync(
      process.execPath,
      [
        cli,
        'migrate',
        'diff',
        '--from-empty',
        '--to-schema-datamodel',
        'prisma/sqlite',
        '--script',
        '--config',
        'prisma/sqlite/prisma.config.ts',
      ],
      { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, DATABASE_URL: `file:${join(dir, 'unused.db')}` } },
    )
    expect(diff.status, diff.stderr).toBe(0)
    const fromModels = join(dir, 'models.db')
    const db = new Database(fromModels)
    db.exec(diff.stdout)
    db.close()
    // the template every test copies was built by `prisma migrate deploy` from prisma/sqlite/migrations
    expect(shape(inject('templateDb'))).toEqual(shape(fromModels))
  })
})
