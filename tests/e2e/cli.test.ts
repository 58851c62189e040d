import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import request from 'supertest'
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { openReadStore } from '../../src/db/read-store.js'
import { createPrisma } from '../../src/db/prisma.js'
import { projectRoot } from '../../src/paths.js'
import { fixture } from '../helpers/context.js'
import { runBin, type BinRun as Run } from '../helpers/ingest-cli.js'
import { loadConfig } from '../../src/config.js'

const SEED = join(projectRoot, 'prisma/sample-data/000_e717161affdd8244.txt')
let dir: string
let url: string

/** Runs the real CLI (`npm run ingest` does the same) against a temporary database. */
function ingest(args: string[], input?: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts/ingest.ts'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
    input,
  })
  return { code: run.status, out: run.stdout, err: run.stderr }
}

// each test its own folder and database: none relies on what another left behind
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-'))
  url = `file:${join(dir, 'cli.db')}`
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('npm run ingest', () => {
  it('ingests the seed article into a new database, then the API serves it', async () => {
    const first = ingest([SEED])
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/^ingested\s+\S+000_e717161affdd8244\.txt -> [0-9a-f]{16}$/m)
    expect(first.out).toMatch(/^1 file; 1 record: 1 ingested, 0 updated, 0 unchanged, 0 failed in /m)

    const prisma = await createPrisma(url)
    const readStore = await openReadStore(url)
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', DATABASE_URL: url }),
      prisma,
      readStore,
    })
    await app.ready()
    try {
      const xi = await request(app.server).get('/people/xi-jinping').expect(200)
      expect(xi.body.titles.map((t: { title: string }) => t.title)).toContain('Chinese President')
      const quotes = await request(app.server).get('/quotes?speaker=yuri-ushakov').expect(200)
      expect(quotes.body.data.length).toBeGreaterThanOrEqual(4)
      expect(quotes.body.data.every((q: { speaker: { name: string } }) => q.speaker.name === 'Yuri Ushakov')).toBe(true)
    } finally {
      await app.close()
      await prisma.$disconnect()
      await readStore.close()
    }
  })

  it('reports "unchanged" on re-ingest and keeps the id', () => {
    const id = /-> ([0-9a-f]{16})$/m.exec(ingest([SEED]).out)?.[1]
    expect(id).toMatch(/^[0-9a-f]{16}$/)
    const again = ingest([SEED])
    expect(again.out).toContain(`-> ${id}`)
    expect(again.code).toBe(0)
    expect(again.out).toMatch(/^unchanged\s+\S+000_e717161affdd8244\.txt -> [0-9a-f]{16}$/m)
    expect(again.out).toMatch(/0 ingested, 0 updated, 1 unchanged, 0 failed/)
  })

  it('ingests the good files of a directory with a corrupt one, names the bad file and exits non-zero', () => {
    const batch = join(dir, 'batch')
    mkdirSync(batch)
    copyFileSync(fixture('articles/harbour-plan.txt'), join(batch, 'harbour-plan.txt'))
    copyFileSync(fixture('articles/records.jsonl'), join(batch, 'records.jsonl'))
    writeFileSync(join(batch, 'corrupt.txt'), Buffer.from([0x00, 0x9f, 0x92, 0x96, 0xff, 0x00]))
    writeFileSync(join(batch, 'empty.txt'), '')
    const run = ingest([batch])
    expect(run.code).toBe(1)
    expect(run.out).toMatch(/^failed\s+\S+corrupt\.txt: binary file \(contains NUL bytes\)$/m)
    expect(run.out).toMatch(/^failed\s+\S+empty\.txt: empty file$/m)
    expect(run.out).toMatch(/^ingested\s+\S+harbour-plan\.txt -> /m)
    expect(run.out).toMatch(/^partial\s+\S+records\.jsonl: 4 records \(3 ingested, 1 failed\): line 3: invalid JSON/m)
    expect(run.out).toMatch(/^4 files \(3 with failures\); 7 records: 4 ingested, 0 updated, 0 unchanged, 3 failed in /m)
  })

  it.each([['0'], ['1']])('fails an article over its time budget alone (--workers %s), the rest goes in', (workers) => {
    const batch = join(dir, 'batch')
    mkdirSync(batch)
    copyFileSync(fixture('articles/harbour-plan.txt'), join(batch, 'harbour-plan.txt'))
    const paragraph = 'The mayor said the harbour plan would bring jobs to the town. "We have waited long enough," she said.\n\n'
    writeFileSync(join(batch, 'huge.txt'), `date 2026-01-05 News\nA very long article\n\n${paragraph.repeat(15000)}`)
    const run = ingest(['--workers', workers, '--extraction-budget', '1000', batch])
    expect(run.code).toBe(1)
    expect(run.out).toMatch(/^failed\s+\S+huge\.txt: extraction failed: extraction took longer than 1 s$/m)
    expect(run.out).toMatch(/^ingested\s+\S+harbour-plan\.txt -> /m)
  })

  it('prints JSON for machines and reads stdin', () => {
    const run = ingest(['--json', '-'], 'Quiet day in parliament\nNothing happened, officials said on Monday.')
    expect(run.code).toBe(0)
    const lines = run.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines[0]).toMatchObject({ source: '-', status: 'ingested', records: [{ status: 'ingested', title: 'Quiet day in parliament' }] })
    expect(lines.at(-1)).toMatchObject({ summary: { files: 1, articles: { ingested: 1, failed: 0 } } })
  })

  it('survives a symlink loop and a missing path, and re-extracts stored articles', () => {
    const loop = join(dir, 'loop')
    mkdirSync(loop)
    copyFileSync(SEED, join(loop, 'seed.txt'))
    symlinkSync(loop, join(loop, 'again'))
    expect(ingest([SEED]).code).toBe(0)
    const run = ingest([loop, join(dir, 'does-not-exist')])
    expect(run.code).toBe(1)
    expect(run.out).toMatch(/^unchanged\s+\S+seed\.txt/m)
    expect(run.out).toMatch(/^failed\s+\S+again: symbolic link loop/m)
    expect(run.out).toMatch(/^failed\s+\S+does-not-exist: no such file or directory$/m)
    const re = ingest(['--reextract', '--all'])
    expect(re.code).toBe(0)
    expect(re.out).toMatch(/^re-extracted 1 article in/m)
  })

  it('explains its usage errors', () => {
    expect(ingest([]).code).toBe(2)
    const bad = ingest(['--ext', ',', SEED])
    expect(bad.code).not.toBe(0)
    expect(bad.err).toMatch(/extension/)
    // unreadable files: tests/e2e/permissions.test.ts (as root too)
  })
})

const bin = join(projectRoot, 'bin', 'newsdesk.js')

/** A migrated scratch database file (a copy of the test template). */
function scratchDb(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'newsdesk-cli-')), 'cli.db')
  copyFileSync(inject('templateDb'), file)
  return file
}

const count = (db: string, sql = 'SELECT count(*) AS n FROM "Article"') => {
  const conn = new Database(db, { readonly: true })
  try {
    return (conn.prepare(sql).get() as { n: number }).n
  } finally {
    conn.close()
  }
}

beforeAll(() => {
  // the bin runs compiled code: build it once, as `npm install` (prepare) does
  const build = spawnSync(process.execPath, [join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: projectRoot,
    encoding: 'utf8',
  })
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`)
}, 120_000)

describe('newsdesk bin', () => {
  it('prints only JSON Lines on stdout with --json', async () => {
    const db = scratchDb()
    const run = await runBin(['ingest', '--json', '--workers', '0', '--database', db, fixture('articles')])
    expect(run.code).toBe(1) // records.jsonl holds a broken line on purpose
    const lines = run.stdout.trimEnd().split('\n')
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(parsed.slice(0, -1).map((o) => o.source)).toEqual(
      ['harbour-plan.txt', 'record.json', 'records.jsonl'].map((f) => fixture(`articles/${f}`)),
    )
    const { summary } = parsed.at(-1) as { summary: { files: number; articles: { ingested: number } } }
    expect(summary.files).toBe(3)
    expect(summary.articles.ingested).toBe(count(db))
  })

  it('deletes articles by id with their quotes, and says which ids it did not find', async () => {
    const db = scratchDb()
    await runBin(['ingest', '--json', '--workers', '0', '--database', db, SEED])
    const sqlite = new Database(db, { readonly: true })
    const { id } = sqlite.prepare('SELECT "id" FROM "Article"').get() as { id: string }
    sqlite.close()
    const run = await runBin(['delete', '--database', db, id, 'no-such-id'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe(`deleted    ${id}\n`)
    expect(run.stderr).toBe('not found  no-such-id\n')
    expect(count(db)).toBe(0)
    const after = new Database(db, { readonly: true })
    expect(after.prepare('SELECT count(*) AS n FROM "Quote"').get()).toEqual({ n: 0 })
    expect(after.prepare('SELECT count(*) AS n FROM "Person"').get()).toEqual({ n: 0 })
    after.close()
    expect((await runBin(['delete', '--json', '--database', db, id])).stdout).toBe(`{"id":"${id}","status":"not found"}\n`)
    expect((await runBin(['delete'])).code).toBe(2)
  })

  it('exits 2 on a usage error and 0 on help', async () => {
    expect((await runBin(['ingest', '--no-such-option'])).code).toBe(2)
    expect((await runBin(['ingest'])).code).toBe(2)
    expect((await runBin(['frobnicate'])).code).toBe(2)
    expect((await runBin(['ingest', '--workers', '99', 'a.txt'])).code).toBe(2)
    const help = await runBin(['ingest', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/--database/)
    expect(help.stdout).toMatch(/--allow-host <host\[:port\]>/)
  })
})

/** 1,500 small articles in a new folder: long enough a run to interrupt. */
function manyArticles(n = 1500): string {
  const folder = mkdtempSync(join(tmpdir(), 'newsdesk-many-'))
  for (let i = 0; i < n; i++) {
    writeFileSync(
      join(folder, `a${String(i).padStart(4, '0')}.txt`),
      `Council vote number ${i}\n\nThe council approved plan ${i} on Monday, Mayor Anne Hidalgo said. "It will create ${i} jobs," she said.\n`,
    )
  }
  return folder
}

const SUMMARY = /^interrupted: (\d+) files; (\d+) records: (\d+) ingested, 0 updated, 0 unchanged, 0 failed in /m

describe('Ctrl-C during ingest', () => {
  it('stops after the open batch, reports what is stored, exits 130, and a re-run completes the rest', async () => {
    const db = scratchDb()
    const folder = manyArticles()
    let sent = false
    const run = await runBin(['ingest', '--workers', '1', '--database', db, folder], {
      onStdout: (all, child) => {
        // the first outcome lines come once the first batch is stored
        if (!sent && all.includes('\n')) {
          sent = true
          child.kill('SIGINT')
        }
      },
    })
    expect(run.code).toBe(130)
    expect(run.stderr).toMatch(/interrupted, finishing the open batch/)
    const m = run.stdout.match(SUMMARY)
    expect(m, run.stdout.slice(-500)).not.toBeNull()
    const stored = Number(m![3])
    expect(stored).toBeGreaterThan(0)
    expect(stored).toBeLessThan(1500)
    expect(count(db)).toBe(stored)
    // every stored article is whole: its extraction went in with it
    expect(
      count(
        db,
        'SELECT count(*) AS n FROM "Article" a WHERE NOT EXISTS (SELECT 1 FROM "ArticlePerson" ap WHERE ap."articleSeq" = a."seq")',
      ),
    ).toBe(0)
    expect(run.stdout.split('\n').filter((l) => l.startsWith('ingested ')).length).toBe(stored)

    const again = await runBin(['ingest', '--workers', '1', '--database', db, folder])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(
      new RegExp(`^1500 files; 1500 records: ${1500 - stored} ingested, 0 updated, ${stored} unchanged, 0 failed`, 'm'),
    )
    expect(count(db)).toBe(1500)
  })

  // a real terminal: `script` gives the process a pty, and ^C typed into it raises SIGINT
  it.skipIf(spawnSync('script', ['--version']).status !== 0)(
    'on a terminal: the bar shows a rate and time left, ^C restores the cursor, --reextract shows progress',
    async () => {
      const db = scratchDb()
      const folder = manyArticles()
      const inPty = (args: string, stopWhen?: RegExp) =>
        new Promise<Run>((resolve) => {
          const child = spawn('script', ['-qefc', `${process.execPath} ${bin} ${args}`, '/dev/null'], { cwd: tmpdir() })
          let stdout = ''
          let sent = false
          child.stdout.on('data', (d) => {
            stdout += d
            if (stopWhen && !sent && stopWhen.test(stdout)) {
              sent = true
              child.stdin.write('\x03')
            }
          })
          child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr: '' }))
        })
      const run = await inPty(`ingest --workers 1 --database ${db} ${folder}`, /\d+ articles\/s \| \d+:\d\d left/)
      expect(run.code).toBe(130)
      expect(run.stdout).toMatch(/\d+\/1500 files \| \d+ articles\/s \| \d+:\d\d left/)
      // the cursor hidden by the bar is shown again before the summary
      expect(run.stdout.lastIndexOf('\x1b[?25h')).toBeGreaterThan(run.stdout.lastIndexOf('\x1b[?25l'))
      const m = run.stdout.match(SUMMARY)
      expect(m).not.toBeNull()
      expect(count(db)).toBe(Number(m![3]))

      const re = await inPty(`ingest --reextract --all --workers 1 --database ${db}`)
      expect(re.code).toBe(0)
      expect(re.stdout).toMatch(new RegExp(`${m![3]}/${m![3]} articles \\| \\d+ articles/s`))
      expect(re.stdout).toMatch(new RegExp(`re-extracted ${m![3]} articles`))
    },
  )
})

describe('a folder with a manifest.jsonl of metadata', () => {
  const folder = fixture('manifest-folder')
  const articles = (db: string) => {
    const conn = new Database(db, { readonly: true })
    try {
      return conn.prepare('SELECT "title", "section", "publishedAt", "url", "sourcePath" FROM "Article" ORDER BY "title"').all() as {
        title: string
        section: string | null
        publishedAt: string | null
        url: string | null
        sourcePath: string
      }[]
    } finally {
      conn.close()
    }
  }

  it('applies each line to the file it names and does not ingest the manifest itself', async () => {
    const db = scratchDb()
    const run = await runBin(['ingest', '--json', '--workers', '0', '--database', db, folder])
    expect(run.code).toBe(0)
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { source?: string; status?: string })
    expect(lines.filter((l) => l.source).map((l) => [l.source!.slice(folder.length + 1), l.status])).toEqual([
      ['more/arts-001.txt', 'ingested'],
      ['politics-001.txt', 'ingested'],
      ['sport-001.txt', 'ingested'],
      ['unlisted.txt', 'ingested'],
    ])
    expect(articles(db).map((a) => [a.title, a.section, a.publishedAt?.slice(0, 10) ?? null, a.url])).toEqual([
      ['Festival draws crowds', 'entertainment', null, null],
      ['Mayor opens bridge', 'politics', null, null],
      ['Rovers win the cup', 'sport', '2005-03-12', 'https://example.org/sport-001'],
      ['Unlisted note', null, null, null],
    ])
  })

  it('given by itself, a manifest means the files it names', async () => {
    const db = scratchDb()
    const run = await runBin(['ingest', '--workers', '0', '--database', db, join(folder, 'manifest.jsonl')])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^3 files; 3 records: 3 ingested/m)
    expect(articles(db).map((a) => a.section)).toEqual(['entertainment', 'politics', 'sport'])
  })
})
