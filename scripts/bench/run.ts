/**
 * Read and ingest benchmark (a command, not a test):
 *
 *   npm run bench -- [paths of real articles...] [--articles 100000] [--duration 10] [--json out.json]
 *
 * Builds (or reuses) a database of N articles from the given real text through the real ingest
 * CLI (without paths: generated text), then runs autocannon against the real server and, in the
 * same run, against a bare Fastify route (the ceiling). Prints req/s, p50, p99 and the ratio to
 * the ceiling per route. "Cold" routes run on a server with the response cache off (every request
 * reads the database); "hot" ones on the server as shipped.
 */
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, totalmem } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { Command } from 'commander'
import { encodeCursor } from '../../src/shared/pagination.js'
import { projectRoot } from '../../src/paths.js'
import { random, readRealArticles, writeCorpus } from './corpus.js'

const program = new Command('bench')
  .argument('[paths...]', 'real articles (files or directories) to build the corpus from; none: generated text')
  .option('--articles <n>', 'articles in the large database', (v) => Number(v), 100_000)
  .option('--small <n>', 'articles in the small database (growth)', (v) => Number(v), 1_000)
  .option('--duration <s>', 'seconds per route', (v) => Number(v), 10)
  .option('--connections <n>', 'concurrent connections', (v) => Number(v), 50)
  .option('--server <file>', 'server entry to measure', 'dist/src/server.js')
  .option('--dir <dir>', 'where corpora, databases and results live', 'bench-results')
  .option('--json <file>', 'also write the results as JSON')
  .option('--rebuild', 'build the databases again even if they exist')
  .option(
    '--postgres <url>',
    'also measure PostgreSQL: a server URL whose role may create databases (the SQLite databases are copied there)',
  )
  .parse()
const opts = program.opts<{
  articles: number
  small: number
  duration: number
  connections: number
  server: string
  dir: string
  json?: string
  rebuild?: boolean
  postgres?: string
}>()
const paths = program.args
const dir = resolve(opts.dir)
mkdirSync(dir, { recursive: true })
const kind = paths.length ? 'real' : 'generated'

interface IngestFigures {
  articles: number
  seconds: number
  articlesPerSecond: number
  peakRssMB: number
  measuredAt: string
}

/** Builds the database of `n` articles through the ingest CLI, or reuses it; returns the ingest figures. */
async function database(n: number): Promise<{ url: string; ingest: IngestFigures }> {
  const file = join(dir, `${kind}-${n}.db`)
  const metaFile = `${file}.ingest.json`
  if (!opts.rebuild && existsSync(file) && existsSync(metaFile))
    return { url: `file:${file}`, ingest: JSON.parse(readFileSync(metaFile, 'utf8')) as IngestFigures }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  const corpus = join(dir, `corpus-${kind}-${n}`)
  rmSync(corpus, { recursive: true, force: true })
  console.error(`building ${n} ${kind} articles in ${corpus} ...`)
  await writeCorpus(corpus, n, paths.length ? await readRealArticles(paths) : null)
  console.error(`ingesting them into ${file} (as npm run ingest does) ...`)
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=256', join(projectRoot, 'dist/scripts/ingest.js'), '--json', '--database', `file:${file}`, corpus],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, LOG_LEVEL: 'warn' },
    },
  )
  const last = run.stdout.trim().split('\n').at(-1) ?? ''
  if (!last.startsWith('{"summary"')) throw new Error(`ingest failed (${run.status}): ${run.stderr.slice(-2000)}`)
  const s = (JSON.parse(last) as { summary: unknown }).summary as { articles: { ingested: number }; seconds: number; peakRssMB: number }
  const ingest = {
    articles: s.articles.ingested,
    seconds: s.seconds,
    articlesPerSecond: s.articles.ingested / s.seconds,
    peakRssMB: s.peakRssMB,
    measuredAt: new Date().toISOString(),
  }
  writeFileSync(metaFile, JSON.stringify(ingest, null, 2))
  rmSync(corpus, { recursive: true, force: true })
  return { url: `file:${file}`, ingest }
}

/** The SQLite database at `url` copied into a PostgreSQL database of its own on the --postgres server (once; --rebuild copies again). */
async function postgresCopy(url: string): Promise<string> {
  const name = `newsdesk_bench_${basename(url).replace(/\W+/g, '_')}`
  const target = new URL(opts.postgres!)
  target.pathname = `/${name}`
  const { default: pg } = await import('pg')
  const admin = new pg.Client({ connectionString: opts.postgres })
  await admin.connect()
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount
    if (exists && !opts.rebuild) return target.toString()
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`)
  } finally {
    await admin.end()
  }
  console.error(`copying ${url} into ${name} ...`)
  const run = spawnSync(
    process.execPath,
    [join(projectRoot, 'bin/newsdesk.js'), 'copy-to-postgres', '--from', url, '--to', target.toString()],
    {
      stdio: 'inherit',
    },
  )
  if (run.status !== 0) throw new Error(`copy-to-postgres failed (${run.status})`)
  return target.toString()
}

async function waitFor(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not come up`)
}

async function start(args: string[], port: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
  })
  await waitFor(`http://127.0.0.1:${port}${args.some((a) => a.includes('ceiling')) ? '/' : '/health'}`, child)
  servers.set(port, child.pid!)
  return { stop: () => new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGTERM'))) }
}

/** Server pid by port, for its CPU time. */
const servers = new Map<number, number>()

/** CPU seconds (user + system) a process has used so far; NaN where /proc is missing. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100 // clock ticks: 100 per second on Linux
  } catch {
    return NaN
  }
}

const apiServer = (url: string, port: number, cacheBytes: string) =>
  start([resolve(opts.server)], port, {
    DATABASE_URL: url,
    LOAD_SAMPLE_DATA: 'false',
    RATE_LIMIT_MAX: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    RESPONSE_CACHE_BYTES: cacheBytes,
  })

interface Row {
  route: string
  server: string
  reqPerSec: number
  p50: number
  p99: number
  errors: number
  ratio?: number
  /** Server CPU time per request, µs: the cost of a request without the load generator's share of the machine. */
  cpuMicros: number
}

/** Waits until the server answers /health quickly again: a slow route leaves a queue behind it. */
async function settle(port: number) {
  for (let i = 0; i < 600; i++) {
    const t0 = performance.now()
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok && performance.now() - t0 < 50) return
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** autocannon over the paths `next()` gives (a new one per request). */
async function load(route: string, server: string, port: number, next: () => string, headers: Record<string, string> = {}): Promise<Row> {
  if (server !== 'bare') await settle(port)
  const cpuBefore = cpuSeconds(servers.get(port))
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: opts.connections,
    duration: opts.duration,
    headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
  })
  const ok = route.includes('304') ? (result.statusCodeStats?.['304']?.count ?? 0) : result['2xx']
  const cpuMicros = ((cpuSeconds(servers.get(port)) - cpuBefore) * 1e6) / result.requests.total
  const row = {
    route,
    server,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (result.requests.total - ok),
    cpuMicros,
  }
  console.error(
    `  ${route.padEnd(44)} ${server.padEnd(10)} ${row.reqPerSec.toFixed(0).padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  ${row.cpuMicros.toFixed(0)} µs CPU/request${row.errors ? `  ${row.errors} not ok` : ''}`,
  )
  return row
}

/**
 * `next()` on all but `besideConnections` connections while those ask `beside()`: how a route fares
 * while a few clients run expensive searches. The row gives the first route's figures.
 */
async function loadBeside(
  route: string,
  server: string,
  port: number,
  next: () => string,
  beside: () => string,
  besideConnections: number,
): Promise<Row> {
  await settle(port)
  const cpuBefore = cpuSeconds(servers.get(port))
  const run = (connections: number, path: () => string) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: opts.duration,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: path() }) }],
    })
  const [result, other] = await Promise.all([run(opts.connections - besideConnections, next), run(besideConnections, beside)])
  const cpuMicros = ((cpuSeconds(servers.get(port)) - cpuBefore) * 1e6) / (result.requests.total + other.requests.total)
  const row = {
    route,
    server,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (result.requests.total - result['2xx']),
    cpuMicros,
  }
  console.error(
    `  ${route.padEnd(44)} ${server.padEnd(10)} ${row.reqPerSec.toFixed(0).padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms; beside it ${other.requests.average.toFixed(0)} searches/s, p99 ${other.latency.p99} ms`,
  )
  return row
}

/** What the routes are asked for: ids, slugs, cursors and terms sampled from the database. */
type Targets = ReturnType<typeof targets>

function targets(url: string) {
  const db = new Database(url.replace(/^file:/, ''), { readonly: true })
  const ids = db.prepare(`SELECT "id" FROM "Article" ORDER BY random() LIMIT 5000`).pluck().all() as string[]
  const slugs = db.prepare(`SELECT "slug" FROM "Person" ORDER BY random() LIMIT 5000`).pluck().all() as string[]
  const speakers = db.prepare(`SELECT "slug" FROM "Person" WHERE "quoteCount" > 0 ORDER BY random() LIMIT 5000`).pluck().all() as string[]
  const cursors = (
    db.prepare(`SELECT "listedAt", "seq" FROM "Article" ORDER BY random() LIMIT 5000`).all() as { listedAt: string; seq: number }[]
  ).map((r) => encodeCursor('articles:newest', [r.listedAt, r.seq]))
  const nth = (n: number) =>
    db.prepare(`SELECT "listedAt", "seq" FROM "Article" ORDER BY "listedAt" DESC, "seq" DESC LIMIT 1 OFFSET ?`).get(n) as
      { listedAt: string; seq: number } | undefined
  const before1000 = nth(20 * 999 - 1)
  const words = (db.prepare(`SELECT "title" FROM "Article" ORDER BY random() LIMIT 3000`).pluck().all() as string[]).flatMap(
    (t) => t.toLowerCase().match(/\p{L}{7,}/gu) ?? [],
  )
  const count = db.prepare(`SELECT count(*) FROM "ArticleFts" WHERE "ArticleFts" MATCH ?`).pluck()
  const rare = [...new Set(words)].filter((w) => (count.get(`"${w}"`) as number) <= 50).slice(0, 500)
  const articles = db.prepare(`SELECT count(*) FROM "Article"`).pluck().get() as number
  db.close()
  return {
    ids,
    slugs,
    speakers,
    cursors,
    page1000: before1000 ? encodeCursor('articles:newest', [before1000.listedAt, before1000.seq]) : null,
    rare,
    articles,
  }
}

const cycle = (xs: string[]) => {
  const r = random(7)
  return () => xs[Math.floor(r() * xs.length)]!
}

/** Every API route of the benchmark on one database (the large one, then the small one for growth); `port` and the next three are used. */
async function measureApi(db: string, large: string, small: string, t: Targets, ts: Targets, port: number): Promise<Row[]> {
  const COMMON = ['said', 'government', 'people', 'minister', 'market']
  const rows: Row[] = []
  const shipped = await apiServer(large, port, String(64 * 1024 * 1024))
  const hotId = t.ids[0]!
  const etag = (await fetch(`http://127.0.0.1:${port}/articles/${hotId}`)).headers.get('etag') ?? ''
  rows.push(await load('/articles/:id hot (same id, cache)', db, port, () => `/articles/${hotId}`))
  rows.push(await load('/articles/:id hot (If-None-Match, 304)', db, port, () => `/articles/${hotId}`, { 'if-none-match': etag }))
  rows.push(await load('/articles/:id random', db, port, cycle(t.ids.map((id) => `/articles/${id}`))))
  // popular searches repeat (saved searches, dashboards): the shipped server answers them from its cache
  rows.push(await load('/articles?q= common terms (repeated, cache)', db, port, cycle(COMMON.map((w) => `/articles?q=${w}`))))
  await shipped.stop()

  const coldPort = port + 1
  const cold = await apiServer(large, coldPort, '0')
  rows.push(await load('/articles/:id random (cold)', db, coldPort, cycle(t.ids.map((id) => `/articles/${id}`))))
  rows.push(
    await load('/articles?limit=20 random cursor (cold)', db, coldPort, cycle(t.cursors.map((c) => `/articles?limit=20&cursor=${c}`))),
  )
  rows.push(await load('/articles?limit=20 page 1 (cold)', db, coldPort, () => '/articles?limit=20'))
  if (t.page1000)
    rows.push(await load('/articles?limit=20 page 1000 (cold)', db, coldPort, () => `/articles?limit=20&cursor=${t.page1000}`))
  rows.push(await load('/people/:slug random (cold)', db, coldPort, cycle(t.slugs.map((s) => `/people/${s}`))))
  rows.push(await load('/quotes?speaker= random (cold)', db, coldPort, cycle(t.speakers.map((s) => `/quotes?speaker=${s}`))))
  rows.push(await load('/articles?q= common terms (cold)', db, coldPort, cycle(COMMON.map((w) => `/articles?q=${w}`))))
  rows.push(await load('/articles?q= rare terms (cold)', db, coldPort, cycle(t.rare.map((w) => `/articles?q=${w}`))))
  rows.push(
    await loadBeside(
      '/articles/:id random, 4 clients searching common terms beside (cold)',
      db,
      coldPort,
      cycle(t.ids.map((id) => `/articles/${id}`)),
      cycle(COMMON.map((w) => `/articles?q=${w}`)),
      4,
    ),
  )
  await cold.stop()

  const smallPort = port + 2
  const smallCold = await apiServer(small, smallPort, '0')
  rows.push(await load(`/articles/:id random (cold, ${ts.articles} articles)`, db, smallPort, cycle(ts.ids.map((id) => `/articles/${id}`))))
  rows.push(
    await load(
      `/articles?limit=20 random cursor (cold, ${ts.articles})`,
      db,
      smallPort,
      cycle(ts.cursors.map((c) => `/articles?limit=20&cursor=${c}`)),
    ),
  )
  await smallCold.stop()
  return rows
}

async function main() {
  const large = await database(opts.articles)
  const small = await database(opts.small)
  const t = targets(large.url)
  const ts = targets(small.url)
  const pgLarge = opts.postgres ? await postgresCopy(large.url) : null
  const pgSmall = opts.postgres ? await postgresCopy(small.url) : null
  console.error(
    `\n${t.articles} articles; ${opts.connections} connections, ${opts.duration} s per route, ${availableParallelism()} cores (${cpus()[0]?.model}), Node ${process.version}`,
  )

  const ceiling = await start(['--import', 'tsx', join(projectRoot, 'scripts/bench/ceiling.ts'), '4100'], 4100)
  const ceilingRow = await load('ceiling: bare Fastify constant (mean of first and last)', 'bare', 4100, () => '/')
  await ceiling.stop()
  const rows: Row[] = [ceilingRow, ...(await measureApi('SQLite', large.url, small.url, t, ts, 4101))]
  const pgRows = pgLarge && pgSmall ? await measureApi('PostgreSQL', pgLarge, pgSmall, t, ts, 4111) : []

  // the ceiling again at the end: one measurement of it moves every ratio, so the two are averaged
  const ceilingAgain = await start(['--import', 'tsx', join(projectRoot, 'scripts/bench/ceiling.ts'), '4100'], 4100)
  const last = await load('ceiling: bare Fastify constant (again)', 'bare', 4100, () => '/')
  await ceilingAgain.stop()
  ceilingRow.reqPerSec = (ceilingRow.reqPerSec + last.reqPerSec) / 2
  ceilingRow.cpuMicros = (ceilingRow.cpuMicros + last.cpuMicros) / 2
  ceilingRow.p50 = Math.max(ceilingRow.p50, last.p50)
  ceilingRow.p99 = Math.max(ceilingRow.p99, last.p99)
  const ceilingRate = ceilingRow.reqPerSec
  for (const r of [...rows, ...pgRows]) r.ratio = r.reqPerSec / ceilingRate
  const row = (prefix: string) => rows.find((r) => r.route.startsWith(prefix))
  const rate = (prefix: string) => row(prefix)?.reqPerSec ?? NaN
  const cpu = (prefix: string) => row(prefix)?.cpuMicros ?? NaN
  const growth = {
    detail: rate(`/articles/:id random (cold, ${ts.articles}`) / rate('/articles/:id random (cold)'),
    list: rate(`/articles?limit=20 random cursor (cold, ${ts.articles}`) / rate('/articles?limit=20 random cursor (cold)'),
    page1000VsPage1: rate('/articles?limit=20 page 1 (cold)') / rate('/articles?limit=20 page 1000 (cold)'),
  }
  // the same growth in server CPU per request: not moved by the load generator's share of the machine
  const cpuGrowth = {
    detail: cpu('/articles/:id random (cold)') / cpu(`/articles/:id random (cold, ${ts.articles}`),
    list: cpu('/articles?limit=20 random cursor (cold)') / cpu(`/articles?limit=20 random cursor (cold, ${ts.articles}`),
    page1000VsPage1: cpu('/articles?limit=20 page 1000 (cold)') / cpu('/articles?limit=20 page 1 (cold)'),
  }

  console.log(
    `\nNewsdesk read benchmark: ${t.articles} ${kind} articles, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, autocannon ${opts.connections} connections x ${opts.duration} s, server and load generator on the same machine`,
  )
  console.log('| route | server | req/s | p50 ms | p99 ms | server CPU µs/request | ratio to ceiling |')
  console.log('|---|---|---:|---:|---:|---:|---:|')
  for (const r of [...rows, ...pgRows])
    console.log(
      `| ${r.route} | ${r.server} | ${r.reqPerSec.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.cpuMicros.toFixed(0)} | ${r.ratio!.toFixed(3)} |${r.errors ? ` ${r.errors} not ok` : ''}`,
    )
  if (pgRows.length) {
    console.log('\nSQLite and PostgreSQL side by side (same data, same run; PostgreSQL server on this machine, loopback)')
    console.log('| route | SQLite req/s | SQLite p99 ms | PostgreSQL req/s | PostgreSQL p99 ms | PostgreSQL / SQLite |')
    console.log('|---|---:|---:|---:|---:|---:|')
    for (const pgRow of pgRows) {
      const lite = rows.find((r) => r.route === pgRow.route)
      if (!lite) continue
      console.log(
        `| ${pgRow.route} | ${lite.reqPerSec.toFixed(0)} | ${lite.p99} | ${pgRow.reqPerSec.toFixed(0)} | ${pgRow.p99} | ${(pgRow.reqPerSec / lite.reqPerSec).toFixed(2)} |${pgRow.errors ? ` ${pgRow.errors} not ok` : ''}`,
      )
    }
  }
  console.log(
    `\ngrowth (cost per request, ${t.articles} vs ${ts.articles} articles): detail ${growth.detail.toFixed(2)}x, list ${growth.list.toFixed(2)}x; page 1000 vs page 1: ${growth.page1000VsPage1.toFixed(2)}x`,
  )
  console.log(
    `growth in server CPU per request: detail ${cpuGrowth.detail.toFixed(2)}x, list ${cpuGrowth.list.toFixed(2)}x; page 1000 vs page 1: ${cpuGrowth.page1000VsPage1.toFixed(2)}x`,
  )
  const ing = large.ingest
  // a database reused from another benchmark has no ingest figures of its own
  if (typeof ing.seconds === 'number')
    console.log(
      `ingest (real CLI, extraction included, one process): ${ing.articles} articles in ${ing.seconds.toFixed(0)} s = ${ing.articlesPerSecond.toFixed(0)} articles/s, peak RSS ${ing.peakRssMB} MB (measured ${ing.measuredAt})`,
    )
  else console.log(`ingest: ${ing.measuredAt}`)
  if (opts.json)
    writeFileSync(
      opts.json,
      JSON.stringify(
        {
          articles: t.articles,
          kind,
          cores: availableParallelism(),
          node: process.version,
          connections: opts.connections,
          duration: opts.duration,
          rows,
          postgres: pgRows,
          growth,
          cpuGrowth,
          ingest: ing,
          smallIngest: small.ingest,
        },
        null,
        2,
      ),
    )
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
