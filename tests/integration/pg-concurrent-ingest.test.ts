import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ensureMigrated } from '../../src/db/migrate.js'
import { poolConfig } from '../../src/db/pg/pool-config.js'
import { createPrisma } from '../../src/db/prisma.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { projectRoot } from '../../src/paths.js'
import { testDialect } from '../helpers/databases.js'

/**
 * TEST_DATABASE_URL, a PostgreSQL role with CREATEDB (e.g. postgresql://newsdesk:newsdesk@127.0.0.1:5432/newsdesk):
 * the test makes, migrates and drops a database of its own.
 */
const adminUrl = testDialect() === 'postgres' ? process.env.TEST_DATABASE_URL : undefined

const PEOPLE = [
  { title: 'Prime Minister', name: 'Tony Blair' },
  { title: 'Chancellor', name: 'Gordon Brown' },
  { title: 'Judge', name: 'Wes Brown' },
  { title: 'Opposition leader', name: 'David Okafor' },
  { title: 'Senator', name: 'Maria Lopez' },
  { title: 'Health Secretary', name: 'John Reid' },
  { title: 'Coach', name: 'Jose Mourinho' },
  { title: 'Governor', name: 'Helen Carter' },
]
const TOPICS = ['harbour', 'budget', 'rail', 'school', 'hospital', 'bridge', 'housing']
const SECTIONS = ['politics', 'business', 'sport', null]

/** Article `i`: two people of the pool, each named in full and then quoted by surname, and one person in every article. */
function article(i: number) {
  const a = PEOPLE[i % PEOPLE.length]!
  const b = PEOPLE[(i * 3 + 1) % PEOPLE.length]!
  const topic = TOPICS[i % TOPICS.length]!
  const surname = (p: { name: string }) => p.name.split(' ')[1]!
  return {
    title: `The ${topic} plan, part ${i}`,
    date: i % 5 === 0 ? null : `2005-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:30:00Z`,
    section: SECTIONS[i % SECTIONS.length],
    body: [
      `${a.title} ${a.name} said on Monday that the ${topic} plan number ${i} would go ahead.`,
      `"We have waited for plan ${i} long enough," ${surname(a)} said.`,
      `${b.title} ${b.name} disagreed. "The cost of plan ${i} is far too high for this town," said ${surname(b)}.`,
      `Mayor Anne Hidalgo welcomed the talks. "Plan ${i} will create jobs in every district," she said.`,
    ].join('\n\n'),
  }
}

/** Writes articles `from`..`to` (exclusive) into a new folder; `reversed` names them so that a walk meets them last to first. */
function folder(root: string, name: string, from: number, to: number, reversed: boolean): string {
  const dir = join(root, name)
  mkdirSync(dir)
  for (let i = from; i < to; i++) {
    const file = reversed ? `x${String(9999 - i).padStart(4, '0')}.json` : `a${String(i).padStart(4, '0')}.json`
    writeFileSync(join(dir, file), JSON.stringify(article(i)))
  }
  return dir
}

interface Outcome {
  source?: string
  records?: { status: string; reason?: string }[]
  summary?: { articles: Record<string, number> }
}

/** The real CLI in its own process, as a user runs it; resolves with its exit code and JSON lines. */
function ingestProcess(url: string, dir: string): Promise<{ code: number | null; lines: Outcome[]; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'scripts/ingest.ts'), '--json', '--workers', '0', '--database', url, dir],
      { cwd: projectRoot, env: { ...process.env, DATABASE_URL: undefined } },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('close', (code) => {
      const lines = out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Outcome)
      resolve({ code, lines, err })
    })
  })
}

const PEOPLE_SQL = `SELECT "id", "name", "articleCount", "mentionCount", "quoteCount" FROM "Person" ORDER BY "id"`
const QUOTES_SQL = `SELECT "id", "personId", "speakerName", "speakerType" FROM "Quote" ORDER BY "id"`
const COUNTED = ['Article', 'ArticleEntity', 'ArticlePerson', 'Person', 'PersonAlias', 'Quote', 'PersonRedirect', 'IdentityBacklog']
const countsSql = COUNTED.map((t) => `SELECT '${t}' AS "table", count(*) AS "n" FROM "${t}"`).join(' UNION ALL ')

describe.skipIf(!adminUrl)('two ingest processes writing to one PostgreSQL database at once', () => {
  const name = `newsdesk_concurrent_${process.pid}`
  const url = adminUrl ? Object.assign(new URL(adminUrl), { pathname: `/${name}` }).href : ''
  let root: string
  let sequential: string

  const admin = async (sql: string) => {
    const client = new pg.Client(poolConfig(adminUrl!))
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }

  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin(`CREATE DATABASE "${name}" TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`)
    await ensureMigrated(url)
    root = mkdtempSync(join(tmpdir(), 'newsdesk-concurrent-'))
    sequential = join(root, 'sequential.db')
    copyFileSync(inject('templateDb'), sequential)
  }, 120_000)

  afterAll(async () => {
    if (root) rmSync(root, { recursive: true, force: true })
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  })

  it('store every article once, fail nothing, and find the people and quotes a sequential ingest into SQLite finds', async () => {
    // 0-299 and 100-399, the second walked from its end: the two meet in the middle, on the same articles and people
    const first = folder(root, 'first', 0, 300, false)
    const second = folder(root, 'second', 100, 400, true)

    const runs = await Promise.all([ingestProcess(url, first), ingestProcess(url, second)])
    for (const run of runs) expect(run.code, run.err).toBe(0)
    const records = runs.flatMap((r) => r.lines.flatMap((l) => l.records ?? []))
    expect(records.filter((r) => r.status === 'failed')).toEqual([])
    // each article went in through exactly one of the two; the other found it stored
    expect(records.filter((r) => r.status === 'ingested').length).toBe(400)
    expect(records.filter((r) => r.status === 'unchanged').length).toBe(200)

    const prisma = await createPrisma(`file:${sequential}`)
    try {
      for (const dir of [first, second]) for await (const outcome of ingestPaths(prisma, [dir])) void outcome
    } finally {
      await prisma.$disconnect()
    }

    const client = new pg.Client(poolConfig(url))
    await client.connect()
    const lite = new Database(sequential, { readonly: true })
    try {
      const pgRows = async (sql: string) => (await client.query(sql)).rows as Record<string, unknown>[]
      const counts = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((r) => [r.table, Number(r.n)]))
      const expected = counts(lite.prepare(countsSql).all() as Record<string, unknown>[])
      expect(expected.Article).toBe(400)
      expect(expected.IdentityBacklog).toBe(0)
      expect(counts(await pgRows(countsSql))).toEqual(expected)
      expect(Number((await pgRows(`SELECT count(DISTINCT "contentHash") AS n FROM "Article"`))[0]!.n)).toBe(400)
      expect(await pgRows(PEOPLE_SQL)).toEqual(lite.prepare(PEOPLE_SQL).all())
      expect(await pgRows(QUOTES_SQL)).toEqual(lite.prepare(QUOTES_SQL).all())
    } finally {
      lite.close()
      await client.end()
    }
  }, 300_000)
})
