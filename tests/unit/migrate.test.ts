import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { ensureMigrated } from '../../src/db/migrate.js'

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-migrate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('ensureMigrated', () => {
  it('creates the database and its missing folder on first start, then does nothing', async () => {
    const file = join(dir, 'not', 'yet', 'there.db')
    const first = await ensureMigrated(`file:${file}`)
    expect(first.applied.length).toBeGreaterThan(0)
    expect(existsSync(file)).toBe(true)
    const db = new Database(file, { readonly: true })
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`)
      .all()
      .map((r) => (r as { name: string }).name)
    db.close()
    expect(tables).toEqual(expect.arrayContaining(['Article', 'Person', 'Quote', 'ArticleFts', 'QuoteFts', '_prisma_migrations']))
    expect((await ensureMigrated(`file:${file}`)).applied).toEqual([])
  })
})
