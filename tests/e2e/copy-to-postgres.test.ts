import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { poolConfig } from '../../src/db/pg/pool-config.js'
import { Prisma } from '../../src/db/prisma.js'
import { projectRoot } from '../../src/paths.js'
import { fixture } from '../helpers/context.js'
import { testDialect } from '../helpers/databases.js'

const bin = join(projectRoot, 'bin', 'newsdesk.js')
/** The seed article (shared with the other sessions' data), the sample data, and two fixtures with undated and unusual rows. */
const SOURCES = [
  join(projectRoot, '../shared/data/seed/000_e717161affdd8244.txt'),
  join(projectRoot, 'prisma/sample-data'),
  fixture('articles/harbour-plan.txt'),
  fixture('articles/record.json'),
].filter((path) => existsSync(path))
const TABLES = Object.values(Prisma.ModelName)

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the installed bin as a real process, as a user would. */
function runBin(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: tmpdir(), env: { ...process.env, DATABASE_URL: undefined } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** The URL of `database` on the server TEST_DATABASE_URL names. */
function onServer(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!)
  url.pathname = `/${database}`
  return url.toString()
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  // timestamps as PostgreSQL writes them: node-postgres would read them as local time
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 1114 ? (v: string) => v : pg.types.getTypeParser(oid, format)),
  }
  const client = new pg.Client({ ...poolConfig(url), types })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const created: string[] = []

/** A new, empty database with C collation (as `createdb --locale=C.UTF-8 -T template0` makes); dropped after the file. */
async function freshDatabase(): Promise<string> {
  const name = `newsdesk_copy_${randomBytes(5).toString('hex')}`
  await withClient(process.env.TEST_DATABASE_URL!, (c) =>
    c.query(`CREATE DATABASE "${name}" TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`),
  )
  created.push(name)
  return onServer(name)
}

const DATE_TIME = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/
const HAS_OFFSET = /(Z|[+-]\d\d:?\d\d)$/

/** One form for both databases: Booleans as SQLite's 0/1, date-times as UTC ISO strings. */
function normalise(value: unknown): unknown {
  if (typeof value === 'boolean') return Number(value)
  if (typeof value !== 'string' || !DATE_TIME.test(value)) return value
  return new Date(HAS_OFFSET.test(value) ? value : `${value.replace(' ', 'T')}Z`).toISOString()
}

/** Every row of every table, normalised, in one order (sorted by the row's JSON, so by key first for tables keyed first). */
function sorted(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const normalised = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalise(v)])))
  return normalised.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
}

type Contents = Record<string, Record<string, unknown>[]>

function sqliteContents(file: string): Contents {
  const db = new Database(file, { readonly: true })
  try {
    return Object.fromEntries(TABLES.map((t) => [t, sorted(db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${t}"`).all())]))
  } finally {
    db.close()
  }
}

function pgContents(url: string): Promise<Contents> {
  return withClient(url, async (c) => {
    const contents: Contents = {}
    for (const t of TABLES) contents[t] = sorted((await c.query<Record<string, unknown>>(`SELECT * FROM "${t}"`)).rows)
    return contents
  })
}

const counts = (contents: Contents) => Object.fromEntries(Object.entries(contents).map(([t, rows]) => [t, rows.length]))

let dir: string
let source: string

describe.skipIf(testDialect() !== 'postgres')('newsdesk copy-to-postgres', () => {
  beforeAll(async () => {
    // the bin runs compiled code: build it once, as `npm install` (prepare) does
    const build = spawnSync(process.execPath, [join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: projectRoot,
      encoding: 'utf8',
    })
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`)
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-copy-'))
    source = join(dir, 'source.db')
    const ingest = await runBin(['ingest', '--workers', '0', '--database', `file:${source}`, ...SOURCES])
    if (ingest.code !== 0) throw new Error(`ingest failed:\n${ingest.stdout}${ingest.stderr}`)
    // an editor's decision: fills IdentityDecision (a serial key) and PersonRedirect (a CURRENT_TIMESTAMP default)
    const rename = await runBin(['people', 'rename', 'xi-jinping', 'Jinping Xi', '--database', source])
    if (rename.code !== 0) throw new Error(`people rename failed:\n${rename.stdout}${rename.stderr}`)
  }, 180_000)

  afterAll(async () => {
    for (const name of created)
      await withClient(process.env.TEST_DATABASE_URL!, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    if (dir) rmSync(dir, { recursive: true, force: true })
  }, 120_000)

  it('copies every table of a SQLite database into a new PostgreSQL database, row for row', async () => {
    const target = await freshDatabase()
    const run = await runBin(['copy-to-postgres', '--from', `file:${source}`, '--to', target])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/^Article\s+\d+ rows in [\d.]+ s \(\d+ rows\/s\)$/m)
    expect(run.stdout).toMatch(/^copied \d+ rows in 11 tables from .* to postgresql:\/\/[^:]+:\*\*\*@.* in [\d.]+ s$/m)
    expect(run.stdout).not.toContain(`:${new URL(target).password}@`)

    const expected = sqliteContents(source)
    expect(expected.Article!.length).toBeGreaterThanOrEqual(3)
    expect(expected.IdentityDecision!.length).toBe(1)
    const copied = await pgContents(target)
    expect(counts(copied)).toEqual(counts(expected))
    for (const table of TABLES) expect(copied[table], table).toEqual(expected[table])
  }, 120_000)

  it('fills the search tables and moves the serial keys past the copied rows', async () => {
    const target = await freshDatabase()
    expect((await runBin(['copy-to-postgres', '--from', source, '--to', target])).code).toBe(0)
    await withClient(target, async (c) => {
      const one = async (sql: string) => (await c.query<{ n: number }>(sql)).rows[0]!.n
      expect(await one(`SELECT count(*)::int AS n FROM "ArticleSearch"`)).toBe(await one(`SELECT count(*)::int AS n FROM "Article"`))
      expect(await one(`SELECT count(*)::int AS n FROM "QuoteSearch"`)).toBe(await one(`SELECT count(*)::int AS n FROM "Quote"`))
      for (const table of ['Article', 'Quote', 'IdentityDecision']) {
        const next = await one(`SELECT nextval(pg_get_serial_sequence('"${table}"', 'seq'))::int AS n`)
        expect(next, table).toBe((await one(`SELECT coalesce(max(seq), 0)::int AS n FROM "${table}"`)) + 1)
      }
    })
  }, 120_000)

  it('refuses a target that holds data unless --replace, which copies the same rows again', async () => {
    const target = await freshDatabase()
    expect((await runBin(['copy-to-postgres', '--from', `file:${source}`, '--to', target])).code).toBe(0)
    const first = await pgContents(target)

    const refused = await runBin(['copy-to-postgres', '--from', `file:${source}`, '--to', target])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/^copy-to-postgres: .* already holds data \(Article, .*\); pass --replace to empty it first$/m)
    expect(counts(await pgContents(target))).toEqual(counts(first))

    const replaced = await runBin(['copy-to-postgres', '--from', `file:${source}`, '--to', target, '--replace'])
    expect(replaced.code, replaced.stderr).toBe(0)
    const second = await pgContents(target)
    expect(counts(second)).toEqual(counts(first))
    expect(second).toEqual(first)
  }, 120_000)

  it('explains a wrong source or target and exits 2', async () => {
    const sqliteTarget = await runBin(['copy-to-postgres', '--from', source, '--to', `file:${join(dir, 'other.db')}`])
    expect(sqliteTarget.code).toBe(2)
    expect(sqliteTarget.stderr).toBe('copy-to-postgres: --to must be a postgresql:// URL, not "file:' + join(dir, 'other.db') + '"\n')
    const missing = await runBin(['copy-to-postgres', '--from', join(dir, 'missing.db'), '--to', onServer('unused')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^copy-to-postgres: no SQLite database at .*missing\.db\n$/)
  }, 120_000)
})
