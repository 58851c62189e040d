import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { databaseFacts, exited, startIngest, startServer, writeCorpus } from './helpers.js'

// A real small file system that fills up: a tmpfs of a few megabytes (mounting needs root, as CI has).
const canMount = process.getuid?.() === 0
if (!canMount && process.env.CI) throw new Error('the disk-full tests need root to mount a tmpfs (CI runs as root)')

function mountTmpfs(megabytes: number) {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-full-'))
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir])
  return {
    dir,
    resize: (mb: number) => execFileSync('mount', ['-o', `remount,size=${mb}m`, dir]),
    unmount: () => {
      execFileSync('umount', [dir])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Runs the real ingest CLI to its end (or a minute, which would mean it hangs); its exit code, JSON lines and stderr. */
async function ingestRun(url: string, corpus: string) {
  const child = startIngest(url, [corpus])
  let out = ''
  let err = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const { code, signal } = await exited(child)
  clearTimeout(timer)
  const lines = out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { summary?: { articles: Record<string, number>; stopped?: string } })
  return { code, signal, summary: lines.at(-1)?.summary, err }
}

describe.skipIf(!canMount)('a full disk', () => {
  let work: string
  let corpus: string
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'newsdesk-full-corpus-'))
    corpus = await writeCorpus(join(work, 'corpus'), 1500, null, 100)
  })
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('stops the CLI with its summary and exit 1, again on a second run, and a run after space is freed completes the database', async () => {
    const disk = mountTmpfs(5)
    try {
      const file = join(disk.dir, 'news.db')
      copyFileSync(inject('templateDb'), file)
      const first = await ingestRun(`file:${file}`, corpus)
      expect(first.signal).toBeNull()
      expect(first.code).toBe(1)
      expect(first.err).toMatch(/ingest: stopped: the disk holding the database is full.*SQLITE_FULL/)
      expect(first.summary?.stopped).toMatch(/disk .* is full/)
      const stored = first.summary!.articles.ingested!
      expect(stored).toBeGreaterThan(0)
      expect(stored).toBeLessThan(1500)

      // still full: the same clear failure, never a silent exit 0
      const second = await ingestRun(`file:${file}`, corpus)
      expect(second.code).toBe(1)
      expect(second.err).toMatch(/disk holding the database is full/)

      disk.resize(200)
      const third = await ingestRun(`file:${file}`, corpus)
      expect(third.err).not.toMatch(/stopped/)
      expect(third.code).toBe(0)
      const facts = databaseFacts(file)
      expect(facts.integrity).toBe('ok')
      expect(facts.articles).toBe(1500)
    } finally {
      disk.unmount()
    }
  })

  it('answers 507 to writes while the disk is full, says so on /health, and writes again once space is freed', async () => {
    const disk = mountTmpfs(6)
    const file = join(disk.dir, 'news.db')
    copyFileSync(inject('templateDb'), file)
    const server = await startServer(`file:${file}`, { API_KEYS: 'disk-full-key-0123456789', WRITE_RATE_LIMIT_MAX: '0' })
    const base = `http://127.0.0.1:${server.port}`
    const post = (i: number) =>
      fetch(`${base}/articles`, {
        method: 'POST',
        headers: { authorization: 'Bearer disk-full-key-0123456789', 'content-type': 'application/json' },
        body: JSON.stringify(
          Array.from({ length: 50 }, (_, k) => ({
            title: `Full disk report ${i}-${k}`,
            body: `LONDON - Minister Jane Doe said on Monday that report ${i}-${k} was ${'long and detailed '.repeat(40)}.\n\n"It matters," Doe said.`,
          })),
        ),
        signal: AbortSignal.timeout(30_000),
      })
    try {
      // fill what is left with a file the operator can delete later
      const filler = join(disk.dir, 'filler')
      writeFileSync(filler, Buffer.alloc(0))
      try {
        execFileSync('fallocate', ['-l', '4500k', filler])
      } catch {
        writeFileSync(filler, Buffer.alloc(4500 * 1024))
      }
      let full: Response | null = null
      for (let i = 0; i < 40 && !full; i++) {
        const res = await post(i)
        if (res.status === 507) full = res
        else expect([200, 201]).toContain(res.status)
      }
      expect(full, 'the disk never filled up').not.toBeNull()
      expect(full!.headers.get('content-type')).toMatch(/application\/problem\+json/)
      expect(full!.headers.get('retry-after')).toBeTruthy()
      expect(((await full!.json()) as { detail: string }).detail).toMatch(/disk holding the database is full/)

      // the writer is not stuck: a second write fails as fast, and reads go on
      expect((await post(1000)).status).toBe(507)
      const degraded = await fetch(`${base}/health`)
      expect(degraded.status).toBe(200)
      expect(await degraded.json()).toMatchObject({ status: 'degraded', database: 'ok', writer: 'disk full' })
      expect((await fetch(`${base}/articles?limit=1`)).status).toBe(200)

      rmSync(filler)
      expect([200, 201]).toContain((await post(2000)).status)
      expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ status: 'ok', writer: 'ok' })
    } finally {
      server.kill('SIGTERM')
      await exited(server)
      disk.unmount()
    }
  })
})
