/**
 * The newsroom routes at scale: builds (or reuses) a database of N articles (default 100,000),
 * starts the real server on it, and prints
 * - each export (quotes, articles with bodies, people; CSV and JSON Lines) streamed to the end:
 *   rows, bytes, seconds, rows/s, and the server's resident memory before and at its peak while
 *   streaming, for the whole corpus and for a tenth of it (the same peak means constant memory);
 * - the median time of the analytics routes (timeline, related, organisations, stats, facets) and
 *   of lists with their total, with the response cache off (every request reads the database).
 * Not a test.
 *
 *   npm run bench:newsroom -- [--articles 100000] [--source ../shared/data/articles/bbc] [--db /tmp/newsroom.db] [--server-heap MB]
 *
 * The BBC folder is ingested once; its articles are copied (bodies, people and quotes included)
 * until there are N, each copy on its own day over two years and under one of four agencies.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { createPrisma } from '../../src/db/prisma.js'
import { inProcessExtractor } from '../../src/ingest/extractor.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { ensureMigrated } from '../../src/db/migrate.js'
import { projectRoot } from '../../src/paths.js'

const { values: opts } = parseArgs({
  options: {
    articles: { type: 'string' },
    source: { type: 'string' },
    db: { type: 'string' },
    port: { type: 'string' },
    'server-heap': { type: 'string' },
  },
})
const target = Number(opts.articles) || 100_000
const source = opts.source ?? '../shared/data/articles/bbc'
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-newsroom-'))
const file = opts.db ?? join(dir, 'bench.db')
const port = Number(opts.port) || 4310
const seconds = (t0: number) => (performance.now() - t0) / 1000

async function build() {
  await ensureMigrated(`file:${file}`)
  const prisma = await createPrisma(`file:${file}`)
  const t0 = performance.now()
  for await (const outcome of ingestPaths(prisma, [source], { extractor: inProcessExtractor })) void outcome
  await prisma.$disconnect()
  console.log(`ingested the source folder in ${seconds(t0).toFixed(1)} s`)
  const db = new Database(file)
  const t1 = performance.now()
  const { top, n } = db.prepare(`SELECT max("seq") AS top, count(*) AS n FROM "Article"`).get() as { top: number; n: number }
  const copies = Math.ceil(target / n) - 1
  db.exec(`CREATE TEMP TABLE "SeqMap" ("old" INTEGER, "k" INTEGER, "new" INTEGER PRIMARY KEY)`)
  db.exec(`
    WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < ${copies}),
    a AS (SELECT "seq", row_number() OVER (ORDER BY "seq") AS i FROM "Article")
    INSERT INTO "SeqMap" SELECT a."seq", c."k", ${top} + (c."k" - 1) * ${n} + a.i FROM a CROSS JOIN c`)
  // a day over 2004-2005 and an agency for every article, copies and originals alike
  const day = `strftime('%Y-%m-%dT00:00:00.000+00:00', '2004-01-01', '+' || ((s."old" * 7 + s."k" * 13) % 730) || ' days')`
  const agency = `CASE s."new" % 4 WHEN 0 THEN 'AP' WHEN 1 THEN 'Reuters' WHEN 2 THEN 'AFP' ELSE NULL END`
  db.transaction(() => {
    db.exec(`
      INSERT INTO "Article" ("seq", "id", "contentHash", "title", "publishedAt", "listedAt", "section", "agency", "format", "extractorVersion",
        "createdAt", "updatedAt", "excerpt", "peopleCount", "quoteCount", "body", "furniture")
      SELECT s."new", a."id" || '-' || s."k", a."contentHash" || '-' || s."k", a."title", ${day}, ${day}, a."section", ${agency}, a."format",
        a."extractorVersion", a."createdAt", a."updatedAt", a."excerpt", a."peopleCount", a."quoteCount", a."body", a."furniture"
      FROM "SeqMap" s JOIN "Article" a ON a."seq" = s."old" ORDER BY s."new"`)
    db.exec(`
      INSERT INTO "ArticlePerson" SELECT s."new", ap."personId", ap."role", ap."titles", ap."aliases", ap."mentionCount", ap."mentions"
      FROM "SeqMap" s JOIN "ArticlePerson" ap ON ap."articleSeq" = s."old"`)
    db.exec(`
      INSERT INTO "Quote" ("id", "articleSeq", "position", "personId", "speakerEntity", "speakerName", "speakerType", "speakerKey", "speakerText",
        "speakerStart", "speakerEnd", "cue", "cueStart", "cueEnd", "kind", "via", "content", "contentStart", "contentEnd", "parts",
        "sentenceStart", "sentenceEnd", "sentence", "confidence", "publishedAt", "listedAt")
      SELECT q."id" || '-' || s."k", s."new", q."position", q."personId", q."speakerEntity", q."speakerName", q."speakerType", q."speakerKey",
        q."speakerText", q."speakerStart", q."speakerEnd", q."cue", q."cueStart", q."cueEnd", q."kind", q."via", q."content", q."contentStart",
        q."contentEnd", q."parts", q."sentenceStart", q."sentenceEnd", q."sentence", q."confidence", ${day}, ${day}
      FROM "SeqMap" s JOIN "Quote" q ON q."articleSeq" = s."old"`)
    // the originals get dates and agencies too, then every person's counters
    db.exec(`
      WITH s AS (SELECT "seq" AS "old", 0 AS "k", "seq" AS "new" FROM "Article" WHERE "seq" <= ${top})
      UPDATE "Article" SET "publishedAt" = (SELECT ${day} FROM s WHERE s."old" = "Article"."seq"), "agency" = (SELECT ${agency} FROM s WHERE s."old" = "Article"."seq")
      WHERE "seq" <= ${top}`)
    db.exec(`UPDATE "Article" SET "listedAt" = "publishedAt" WHERE "seq" <= ${top}`)
    db.exec(`UPDATE "Quote" SET "publishedAt" = (SELECT "publishedAt" FROM "Article" a WHERE a."seq" = "Quote"."articleSeq"),
      "listedAt" = (SELECT "listedAt" FROM "Article" a WHERE a."seq" = "Quote"."articleSeq") WHERE "articleSeq" <= ${top}`)
    db.exec(`
      UPDATE "Person" SET
        "articleCount" = (SELECT count(*) FROM "ArticlePerson" ap WHERE ap."personId" = "Person"."id"),
        "mentionCount" = (SELECT coalesce(sum(ap."mentionCount"), 0) FROM "ArticlePerson" ap WHERE ap."personId" = "Person"."id"),
        "quoteCount" = (SELECT count(*) FROM "Quote" q WHERE q."personId" = "Person"."id"),
        "firstSeen" = (SELECT min(a."publishedAt") FROM "ArticlePerson" ap JOIN "Article" a ON a."seq" = ap."articleSeq" WHERE ap."personId" = "Person"."id"),
        "lastSeen" = (SELECT max(a."publishedAt") FROM "ArticlePerson" ap JOIN "Article" a ON a."seq" = ap."articleSeq" WHERE ap."personId" = "Person"."id")`)
  })()
  db.exec('ANALYZE')
  db.close()
  console.log(`copied to ${target.toLocaleString('en')}+ articles in ${seconds(t1).toFixed(1)} s`)
}

if (!existsSync(file)) await build()
const db = new Database(file, { readonly: true })
const counts = db
  .prepare(
    `SELECT (SELECT count(*) FROM "Article") AS articles, (SELECT count(*) FROM "Quote") AS quotes, (SELECT count(*) FROM "Person") AS people`,
  )
  .get() as { articles: number; quotes: number; people: number }
const topPerson = (db.prepare(`SELECT "slug" FROM "Person" ORDER BY "articleCount" DESC LIMIT 1`).get() as { slug: string }).slug
const midDay = (
  db.prepare(`SELECT "publishedAt" AS d FROM "Article" ORDER BY "publishedAt" LIMIT 1 OFFSET ?`).get(Math.floor(counts.articles * 0.9)) as {
    d: string
  }
).d.slice(0, 10)
db.close()
console.log(
  `database: ${counts.articles.toLocaleString('en')} articles, ${counts.quotes.toLocaleString('en')} quotes, ${counts.people.toLocaleString('en')} people (${file})`,
)

// --server-heap caps the server's V8 heap: every export completing under a small cap shows its memory does not grow with the corpus
const heapCap = opts['server-heap'] ? [`--max-old-space-size=${Number(opts['server-heap'])}`] : []
if (heapCap.length) console.log(`server heap capped at ${opts['server-heap']} MB`)
const server = spawn(process.execPath, [...heapCap, join(projectRoot, 'dist/src/server.js')], {
  env: {
    ...process.env,
    DATABASE_URL: `file:${file}`,
    PORT: String(port),
    LOAD_SAMPLE_DATA: 'false',
    RATE_LIMIT_MAX: '0',
    RESPONSE_CACHE_BYTES: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
})
const base = `http://127.0.0.1:${port}`
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/health`)).ok) break
  } catch {
    if (i > 600) throw new Error(`the server did not start (exit code ${server.exitCode})`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
/**
 * The server's anonymous resident memory (heap, buffers, stacks), in MB. The file-backed part of
 * its RSS is the database mapped into memory (2 GiB mmap), which grows with whatever was read and
 * is the page cache's to drop, so it is reported apart.
 */
const memory = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8')
  const kB = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024
  return { anon: kB('RssAnon'), file: kB('RssFile') }
}

async function exportRun(path: string) {
  const before = memory()
  let peak = before.anon
  const sampler = setInterval(() => (peak = Math.max(peak, memory().anon)), 20)
  const t0 = performance.now()
  const res = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity' } })
  if (!res.ok || !res.body) throw new Error(`${path}: ${res.status}`)
  let bytes = 0
  let lines = 0
  let previous = 0
  const csv = path.includes('format=csv')
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength
    // CSV rows end in CRLF (a field may hold a bare LF); JSON Lines in LF
    for (const b of chunk) {
      if (b === 10 && (!csv || previous === 13)) lines++
      previous = b
    }
  }
  const s = seconds(t0)
  clearInterval(sampler)
  const rows = csv ? lines - 1 : lines
  console.log(
    `${path.padEnd(52)} ${rows.toLocaleString('en').padStart(9)} rows ${(bytes / 2 ** 20).toFixed(0).padStart(5)} MB ${s.toFixed(1).padStart(6)} s ` +
      `${Math.round(rows / s)
        .toLocaleString('en')
        .padStart(
          8,
        )} rows/s ${(bytes / 2 ** 20 / s).toFixed(1).padStart(6)} MB/s   server memory ${before.anon.toFixed(0)} → peak ${peak.toFixed(0)} MB (mapped file ${before.file.toFixed(0)} → ${memory().file.toFixed(0)} MB)`,
  )
}

console.log('\nexports (streamed to the end, identity encoding):')
for (const path of [
  `/quotes/export?from=${midDay}`,
  '/quotes/export',
  '/quotes/export?format=csv',
  `/articles/export?from=${midDay}`,
  '/articles/export',
  '/articles/export?format=csv',
  '/people/export?format=csv',
])
  await exportRun(path)

async function timed(path: string, runs = 5) {
  const times: number[] = []
  let status = 0
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const res = await fetch(`${base}${path}`)
    await res.arrayBuffer()
    status = res.status
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  console.log(`${path.padEnd(60)} ${status}  median ${times[runs >> 1]!.toFixed(1).padStart(7)} ms  (min ${times[0]!.toFixed(1)})`)
}

console.log('\nanalytics and lists (response cache off, median of 5):')
for (const path of [
  `/people/${topPerson}/timeline`,
  `/people/${topPerson}/timeline?interval=week`,
  `/people/${topPerson}/related?limit=20`,
  `/people/${topPerson}/related?limit=20&sort=quotes`,
  '/organizations?limit=20',
  '/organizations/labour',
  '/stats',
  '/articles/facets',
  '/articles/facets?q=blair',
  '/articles?limit=20',
  '/articles?limit=20&category=politics',
  '/articles?q=said&sort=newest&limit=20',
  '/articles?q=%22prime+minister%22+-blair&limit=20',
  '/quotes?limit=20',
  '/quotes?limit=20&sort=confidence',
  '/quotes?q=economy&limit=20',
  `/articles?person=${topPerson}&person=gordon-brown&limit=20`,
])
  await timed(path)

server.kill('SIGTERM')
await new Promise((r) => server.once('exit', r))
if (!opts.db) rmSync(dir, { recursive: true, force: true })
