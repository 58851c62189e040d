import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { projectRoot } from '../../src/paths.js'
import { fixture } from '../helpers/context.js'
import { ingestJson } from '../helpers/ingest-cli.js'

// root writes any file whatever its mode: as root the server runs as nobody (65534), so read-only is real either way
const asRoot = process.getuid?.() === 0
const user = asRoot ? { uid: 65534, gid: 65534 } : {}
const serverArgs = ['--import', 'tsx', join(projectRoot, 'src/server.ts')]
const serverEnv = (file: string, env: Record<string, string> = {}) => ({
  ...process.env,
  DATABASE_URL: `file:${file}`,
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'info',
  LOAD_SAMPLE_DATA: 'true',
  RATE_LIMIT_MAX: '0',
  MAX_EVENT_LOOP_DELAY_MS: '0',
  HOME: tmpdir(),
  ...env,
})

/** Starts the real server; resolves with its port once it listens, and the log lines so far. */
function startServer(file: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, serverArgs, {
    cwd: projectRoot,
    env: serverEnv(file, env),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...user,
  })
  const log: string[] = []
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${log.join('\n')}`)), 60_000)
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${log.join('\n')}`)))
    child.stderr.on('data', (c: Buffer) => log.push(c.toString()))
    child.stdout.on('data', (c: Buffer) => {
      log.push(c.toString())
      const listening = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(c.toString())
      if (listening) {
        clearTimeout(timer)
        resolve(Number(listening[1]))
      }
    })
  })
  return { child, port, log, stop: () => child.kill('SIGTERM') }
}

/** Runs the server until it exits by itself (it should: the database is unusable). */
const serverRun = (file: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, serverArgs, { cwd: projectRoot, env: serverEnv(file, env), encoding: 'utf8', timeout: 60_000, ...user })

let dir: string
let stocked: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-broken-'))
  chmodSync(dir, 0o755)
  // a database with articles, checkpointed (no -wal left), as an operator would ship it
  stocked = join(dir, 'stocked.db')
  copyFileSync(inject('templateDb'), stocked)
  ingestJson(stocked, [fixture('articles')])
  const db = new Database(stocked)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.skipIf(process.platform === 'win32')('a read-only database', () => {
  it('serves reads from a read-only file in a read-only folder (a volume mounted read-only)', async () => {
    const folder = join(dir, 'readonly')
    mkdirSync(folder)
    const file = join(folder, 'news.db')
    copyFileSync(stocked, file)
    chmodSync(file, 0o444)
    chmodSync(folder, 0o555)
    const server = startServer(file)
    try {
      const base = `http://127.0.0.1:${await server.port}`
      const health = await fetch(`${base}/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok', writer: null })
      const page = (await (await fetch(`${base}/articles?limit=2`)).json()) as { data: unknown[] }
      expect(page.data).toHaveLength(2)
      expect(server.log.join('')).toMatch(/served from a copy in memory/)
    } finally {
      server.stop()
    }
  })

  it('refuses to start the write API on it, in one line with exit status 78', () => {
    const folder = join(dir, 'readonly-writer')
    mkdirSync(folder)
    const file = join(folder, 'news.db')
    copyFileSync(stocked, file)
    chmodSync(file, 0o444)
    const run = serverRun(file, { API_KEYS: 'read-only-key-0123456789' })
    expect(run.status).toBe(78)
    expect(run.stderr.trim()).toMatch(
      /^newsdesk: database .*news\.db: the write API \(API_KEYS\) needs to write, but the file or its folder is read-only$/,
    )
  })
})

describe('a damaged database', () => {
  it('is named in one line with exit status 78 when it is not a database at all, by the server and the CLI', () => {
    const file = join(dir, 'garbage.db')
    writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a))
    chmodSync(file, 0o666)
    const server = serverRun(file)
    expect(server.status).toBe(78)
    expect(server.stderr.trim()).toBe(
      `newsdesk: database ${file}: the file is damaged or not a SQLite database (SQLITE_NOTADB): restore it from a backup`,
    )
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'scripts/ingest.ts'), '--database', file, fixture('articles')],
      {
        cwd: projectRoot,
        encoding: 'utf8',
      },
    )
    expect(cli.status).toBe(78)
    expect(cli.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^ingest: database .*garbage\.db: the file is damaged/)])
  })

  it('starts when the damage is deep inside the file, and /health reports it once the check at start finds it', async () => {
    const file = join(dir, 'damaged.db')
    copyFileSync(stocked, file)
    // overwrite the page header of an index's root page: the first queries still work, quick_check does not
    const db = new Database(file, { readonly: true })
    const root = db
      .prepare(`SELECT rootpage FROM sqlite_master WHERE type = 'index' AND name = 'Person_name_id_idx'`)
      .pluck()
      .get() as number
    const pageSize = db.pragma('page_size', { simple: true }) as number
    db.close()
    const fd = openSync(file, 'r+')
    writeSync(fd, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0, 8, (root - 1) * pageSize)
    closeSync(fd)
    chmodSync(file, 0o666)
    chmodSync(dir, 0o777)
    const server = startServer(file)
    try {
      const base = `http://127.0.0.1:${await server.port}`
      let body: { status?: string; database?: string } = {}
      for (let i = 0; i < 200 && body.database !== 'damaged'; i++) {
        body = (await (await fetch(`${base}/health`)).json()) as typeof body
        if (body.database !== 'damaged') await new Promise((r) => setTimeout(r, 100))
      }
      expect(body).toMatchObject({ status: 'degraded', database: 'damaged' })
      expect(server.log.join('')).toMatch(/is damaged: restore it from a backup/)
    } finally {
      server.stop()
    }
  })
})
