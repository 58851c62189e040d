import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseFacts, exited, freshDatabase, startIngest, startServer, writeCorpus } from './helpers.js'

let dir: string
let corpus: string
let clean: ReturnType<typeof databaseFacts>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-stress-'))
  corpus = await writeCorpus(join(dir, 'corpus'), 1200, null, 100)
  const url = freshDatabase(join(dir, 'clean.db'))
  const run = await exited(startIngest(url, [corpus]))
  expect(run.code).toBe(0)
  clean = databaseFacts(join(dir, 'clean.db'))
  expect(clean.articles).toBe(1200)
}, 240_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('crashes', () => {
  it('kill -9 in the middle of an ingest loses nothing: the database is intact, every stored article is whole, and a second run ends equal to a clean one', async () => {
    const file = join(dir, 'crash.db')
    const url = freshDatabase(file)
    const child = startIngest(url, [corpus])
    let files = 0
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        files += chunk
          .toString()
          .split('\n')
          .filter((l) => l.startsWith('{"source"')).length
        if (files >= 3 && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL')
          resolve()
        }
      })
    })
    expect((await exited(child)).signal).toBe('SIGKILL')

    const crashed = databaseFacts(file)
    expect(crashed.integrity).toBe('ok')
    expect(crashed.articles).toBeGreaterThan(0)
    expect(crashed.articles).toBeLessThan(1200)
    // an article is there with all of its quotes, or not at all
    const quotesOf = (n: string | undefined) => n?.split('/')[0]
    for (const [id, n] of Object.entries(crashed.perArticle)) expect(quotesOf(n), id).toBe(quotesOf(clean.perArticle[id]))
    // and with its people: every entity linked in the article's own transaction (identity is
    // corpus-wide, so a bare surname may be filed differently once the whole corpus is in)
    expect(unlinkedPeople(file)).toEqual({ pending: 0, miscounted: 0 })

    const again = await exited(startIngest(url, [corpus]))
    expect(again.code).toBe(0)
    expect(databaseFacts(file)).toEqual(clean)
  }, 240_000)
})

/** Entities left without a link, and articles whose people count disagrees with their rows. */
function unlinkedPeople(file: string) {
  const db = new Database(file, { readonly: true })
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number
    return {
      pending: one(`SELECT count(*) FROM "ArticleEntity" WHERE "status" = 'pending'`),
      miscounted: one(
        `SELECT count(*) FROM "Article" a WHERE a."peopleCount" <> (SELECT count(*) FROM "ArticlePerson" p WHERE p."articleSeq" = a."seq")`,
      ),
    }
  } finally {
    db.close()
  }
}

describe('ingest while serving', () => {
  it('serves every request while another process ingests, never shows an article without all its quotes, and the writer waits instead of failing', async () => {
    const file = join(dir, 'live.db')
    const url = freshDatabase(file)
    const server = await startServer(url)
    const { port } = server
    const ingest = startIngest(url, [corpus])
    const done = exited(ingest)
    let finished = false
    void done.then(() => (finished = true))
    const seen = new Map<string, string>()
    const failures: string[] = []
    let requests = 0
    const client = async () => {
      while (!finished) {
        try {
          const list = await fetch(`http://127.0.0.1:${port}/articles?limit=20`)
          requests++
          if (list.status !== 200) failures.push(`list ${list.status}`)
          const { data } = (await list.json()) as { data: { id: string; quoteCount: number; peopleCount: number }[] }
          for (const summary of data.slice(0, 5)) {
            const res = await fetch(`http://127.0.0.1:${port}/articles/${summary.id}`)
            requests++
            if (res.status !== 200) failures.push(`article ${res.status}`)
            const a = (await res.json()) as { id: string; quotes: unknown[]; people: unknown[]; quoteCount: number; peopleCount: number }
            seen.set(a.id, `${a.quotes.length}/${a.people.length}`)
            if (a.quoteCount !== a.quotes.length || summary.quoteCount !== a.quotes.length) failures.push(`torn ${a.id}`)
            if (a.peopleCount !== a.people.length) failures.push(`torn people ${a.id}`)
          }
        } catch (err) {
          failures.push(String(err))
        }
      }
    }
    await Promise.all(Array.from({ length: 8 }, client))
    expect((await done).code).toBe(0)
    server.kill('SIGTERM')
    await exited(server)

    expect(failures).toEqual([])
    expect(requests).toBeGreaterThan(100)
    expect(seen.size).toBeGreaterThan(20)
    const final = databaseFacts(file)
    expect(final).toEqual(clean)
    // quotes never change once an article is seen; its people may, as later articles tell who a bare surname is
    for (const [id, n] of seen) expect(n.split('/')[0], id).toBe(final.perArticle[id]!.split('/')[0])
  }, 240_000)
})

describe('SIGTERM', () => {
  it('finishes the requests in flight, stops, and closes the database cleanly', async () => {
    const file = join(dir, 'clean.db')
    const server = await startServer(`file:${file}`)
    const { port } = server
    // 40 searches at once; SIGTERM as soon as the first is answered, while the others are being served
    const inFlight = Array.from({ length: 40 }, (_, i) =>
      fetch(`http://127.0.0.1:${port}/articles?limit=100&q=said+${['budget', 'school', 'rail', 'water'][i % 4]}`).then(
        (r) => r.status,
        (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message,
      ),
    )
    await Promise.race(inFlight)
    server.kill('SIGTERM')
    const statuses = await Promise.all(inFlight)
    const { code } = await exited(server)
    expect(code).toBe(0)
    // the server answered every request it took in: each "incoming request" has its "request completed"
    const events = server.log.map((l) => JSON.parse(l) as { msg: string; reqId?: string })
    const received = events
      .filter((e) => e.msg === 'incoming request')
      .map((e) => e.reqId)
      .sort()
    const answered = events
      .filter((e) => e.msg === 'request completed' || e.msg.startsWith('request aborted'))
      .map((e) => e.reqId)
      .sort()
    expect(received.length).toBeGreaterThan(0)
    expect(received.filter((id) => !answered.includes(id))).toEqual([])
    expect(events.map((e) => e.msg)).toEqual(
      expect.arrayContaining(['shutting down', 'requests finished, server closed', 'database closed']),
    )
    // clients see answers (200, or 503 once closing), or a refused or dropped idle connection for requests it never took
    expect(statuses.filter((s) => s !== 200 && s !== 503 && s !== 'ECONNREFUSED' && s !== 'ECONNRESET')).toEqual([])
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0)
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow()
    // the last connection to close checkpoints the write-ahead log and removes it
    expect(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0).toBe(true)
  }, 60_000)

  it('ends an export it cuts short with a last line that says so, in JSON Lines and CSV', async () => {
    const file = join(dir, 'clean.db')
    for (const format of ['ndjson', 'csv'] as const) {
      const server = await startServer(`file:${file}`)
      // a slow client: it reads the first chunk, then stops reading while the server is told to stop
      const body = await new Promise<string>((resolve, reject) => {
        get(`http://127.0.0.1:${server.port}/quotes/export?format=${format}`, (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.once('data', (first: string) => {
            text += first
            res.pause()
            server.kill('SIGTERM')
            setTimeout(() => {
              res.on('data', (c: string) => (text += c))
              res.resume()
            }, 500)
          })
          res.on('end', () => resolve(text))
          res.on('error', reject)
        }).on('error', reject)
      })
      expect((await exited(server)).code).toBe(0)
      const lines = body.trimEnd().split(format === 'csv' ? '\r\n' : '\n')
      expect(lines.length).toBeLessThan(Number(clean.quotes) + 1)
      const last = lines.at(-1)!
      if (format === 'csv') expect(last).toMatch(/^"?#error: the export was cut short after \d+ rows: the server is shutting down/)
      else expect(JSON.parse(last)).toMatchObject({ error: { status: 503, detail: expect.stringMatching(/cut short after \d+ rows/) } })
    }
  }, 60_000)
})
