import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../src/paths.js'
import { databaseFacts, freshDatabase } from './helpers.js'

// Ctrl-C while extraction tasks are out on the worker threads: the pool used to be destroyed with
// an answer still on its way, and piscina's "Unexpected message from Worker" then ended the process with 1

// the first batch (64 articles, then the first outcome line) short; the articles after it long, so
// the workers are inside one when the signal comes (a third of the runs crashed without the fix)
const SHORT = 64
const ARTICLES = SHORT + 100
const RUNS = 12
let dir: string
let corpus: string

function writeArticles(folder: string): string {
  mkdirSync(folder)
  for (let i = 0; i < ARTICLES; i++) {
    const paragraphs = Array.from(
      { length: i < SHORT ? 1 : 30 },
      (_, p) =>
        `The council approved plan ${i}-${p} on Monday, Mayor Anne Hidalgo said. "It will create ${i * p + 3} jobs in district ${p}," she said. Councillor Ray Tan said vote ${p} was fair.`,
    )
    writeFileSync(join(folder, `a${String(i).padStart(4, '0')}.txt`), `Council vote number ${i}\n\n${paragraphs.join('\n\n')}\n`)
  }
  return folder
}

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Milliseconds from the start to the first outcome line (the first batch stored), if one came. */
  firstLineMs: number | null
}

/** The built `newsdesk ingest` of the corpus into `db`, sent SIGINT some ms after it starts or after its first outcome line. */
async function ingest(db: string, interrupt?: { afterStartMs: number } | { afterFirstLineMs: number }): Promise<Run> {
  const started = Date.now()
  const child = spawn(process.execPath, [join(projectRoot, 'bin/newsdesk.js'), 'ingest', '--workers', '2', '--database', db, corpus], {
    cwd: tmpdir(),
    env: { ...process.env, DATABASE_URL: undefined, NODE_ENV: 'production' },
  })
  let stdout = ''
  let stderr = ''
  let firstLineMs: number | null = null
  const sigint = () => child.exitCode === null && child.signalCode === null && child.kill('SIGINT')
  if (interrupt && 'afterStartMs' in interrupt) setTimeout(sigint, interrupt.afterStartMs)
  child.stdout.on('data', (d) => {
    stdout += d
    if (firstLineMs !== null) return
    firstLineMs = Date.now() - started
    if (interrupt && 'afterFirstLineMs' in interrupt) setTimeout(sigint, interrupt.afterFirstLineMs)
  })
  child.stderr.on('data', (d) => (stderr += d))
  // 'close', not 'exit': all of its output read
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (...end) => resolve(end)))
  return { code, signal, stdout, stderr, firstLineMs }
}

beforeAll(() => {
  // the bin runs compiled code: build it, as `npm install` (prepare) does
  const build = spawnSync(process.execPath, [join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: projectRoot,
    encoding: 'utf8',
  })
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`)
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-interrupt-'))
  corpus = writeArticles(join(dir, 'corpus'))
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('Ctrl-C at random moments', () => {
  it(`exits 130 every time without a stack trace, keeps what it stored whole, and a re-run completes the database (${RUNS} interrupts)`, async () => {
    let firstLineMs = 3000 // the shortest time to a first outcome line seen so far
    const interruptRun = async (i: number) => {
      const db = join(dir, `run-${i}.db`)
      freshDatabase(db)
      // one run of two once ingesting is under way, while the workers extract the next batch; the other
      // at a random moment before its first batch is stored (the walk, the workers' warm-up, the first tasks)
      const interrupt =
        i % 2 === 0
          ? { afterFirstLineMs: Math.round(Math.random() * 300) }
          : { afterStartMs: Math.round((0.5 + 0.5 * Math.random()) * firstLineMs) }
      const run = await ingest(db, interrupt)
      if (run.firstLineMs !== null) firstLineMs = Math.min(firstLineMs, run.firstLineMs)
      return {
        db,
        run,
        facts: databaseFacts(db),
        what: `run ${i}, SIGINT ${JSON.stringify(interrupt)}:\n${run.stderr}\n${run.stdout.slice(-300)}`,
      }
    }
    // two runs at a time, to keep the test short: each is mostly its own start-up
    const lanes = await Promise.all(
      [0, 1].map(async (lane) => {
        const runs = []
        for (let i = lane; i < RUNS; i += 2) runs.push(await interruptRun(i))
        return runs
      }),
    )
    let partial = '' // a database a run left part-filled
    let interrupted = 0
    for (const { db, run, facts, what } of lanes.flat()) {
      expect(run.stderr, what).not.toMatch(/Unexpected message|^\s+at /m)
      expect(facts.integrity, what).toBe('ok')
      if (run.signal === 'SIGINT') {
        // before the command set up its handler (still loading its modules), the default applies:
        // the process ends by the signal, which a shell reports as 130 too, having written nothing
        expect(facts.articles, what).toBe(0)
        continue
      }
      if (run.code === 0) {
        // the signal came as a faster run was closing, all done: it says so
        expect(run.stdout, what).toMatch(new RegExp(`^${ARTICLES} files; ${ARTICLES} records: ${ARTICLES} ingested, `, 'm'))
        expect(facts.articles, what).toBe(ARTICLES)
        continue
      }
      expect({ code: run.code, signal: run.signal }, what).toEqual({ code: 130, signal: null })
      const summary = /^interrupted: \d+ files?; \d+ records?: (\d+) ingested, 0 updated, 0 unchanged, 0 failed in /m.exec(run.stdout)
      expect(summary, what).not.toBeNull()
      expect(facts.articles, what).toBe(Number(summary![1]))
      interrupted++
      if (facts.articles) partial = db
    }
    expect(interrupted).toBeGreaterThanOrEqual(RUNS / 2)
    const stored = databaseFacts(partial).articles as number
    const rerun = await ingest(partial)
    expect(rerun.code, rerun.stderr).toBe(0)
    expect(rerun.stdout).toMatch(
      new RegExp(`^${ARTICLES} files; ${ARTICLES} records: ${ARTICLES - stored} ingested, 0 updated, ${stored} unchanged, 0 failed`, 'm'),
    )
    expect(databaseFacts(partial).articles).toBe(ARTICLES)
  }, 240_000)
})
