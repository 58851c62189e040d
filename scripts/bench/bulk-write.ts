/**
 * Reads during the largest write the API takes (a command, not a test):
 *
 *   npm run bench:bulk-write -- [--duration 10] [--connections 10] [--records 1000]
 *
 * Starts the real server (dist/) on a fresh database with the write API on, stores a first set of
 * articles, then measures GET /articles/:id (random ids, response cache off) twice with
 * autocannon: alone, and while another client sends write requests of `--records` articles each
 * (the most one request may carry), one after another. Prints p50, p99 and the longest read of
 * both, and how many articles the writes stored per second.
 */
import autocannon from 'autocannon'
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { ensureMigrated } from '../../src/db/migrate.js'
import { projectRoot } from '../../src/paths.js'
import { generatedArticle, variant } from './corpus.js'

const opts = new Command('bench:bulk-write')
  .option('--duration <s>', 'seconds of each measurement', (v) => Number(v), 10)
  .option('--connections <n>', 'concurrent readers', (v) => Number(v), 10)
  .option('--records <n>', 'articles per write request', (v) => Number(v), 1000)
  .option('--profile <dir>', "write the server's CPU profile (.cpuprofile) into <dir>")
  .parse()
  .opts<{ duration: number; connections: number; records: number; profile?: string }>()

const KEY = 'bench-bulk-write-key-0123456789'
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bulk-'))
const template = join(dir, 'template.db')
await ensureMigrated(`file:${template}`)
const file = join(dir, 'bench.db')
copyFileSync(template, file)

const profile = opts.profile ? ['--cpu-prof', '--cpu-prof-dir', opts.profile] : []
const server: ChildProcess = spawn(process.execPath, [...profile, join(projectRoot, 'dist/src/server.js')], {
  cwd: projectRoot,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `file:${file}`,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    LOAD_SAMPLE_DATA: 'false',
    API_KEYS: KEY,
    RATE_LIMIT_MAX: '0',
    WRITE_RATE_LIMIT_MAX: '0',
    RESPONSE_CACHE_BYTES: '0',
    MAX_EVENT_LOOP_DELAY_MS: '0',
  },
})
const port = await new Promise<number>((resolve, reject) => {
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  server.stdout!.on('data', (chunk: Buffer) => {
    const listening = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(chunk.toString())
    if (listening) resolve(Number(listening[1]))
  })
})
const base = `http://127.0.0.1:${port}`

let written = 0
const writeBody = () =>
  JSON.stringify(
    Array.from({ length: opts.records }, () => {
      const i = written++
      const a = variant(generatedArticle(i), 0, i)
      return { title: a.title, body: a.body, publishedAt: a.date, section: a.section }
    }),
  )
const write = async () => {
  const res = await fetch(`${base}/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: writeBody(),
  })
  if (res.status >= 300) throw new Error(`write answered ${res.status}: ${await res.text()}`)
  await res.arrayBuffer()
}

await write()
const ids: string[] = []
for (let cursor: string | null = null; ids.length < opts.records;) {
  const page = (await (await fetch(`${base}/articles?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json()) as {
    data: { id: string }[]
    page: { nextCursor: string | null }
  }
  ids.push(...page.data.map((a) => a.id))
  cursor = page.page.nextCursor
  if (!cursor) break
}

const reads = () =>
  autocannon({
    url: base,
    connections: opts.connections,
    duration: opts.duration,
    requests: [{ setupRequest: (req) => ({ ...req, path: `/articles/${ids[Math.floor(Math.random() * ids.length)]}` }) }],
  })

const row = (name: string, r: autocannon.Result) =>
  `${name.padEnd(24)} ${String(Math.round(r.requests.average)).padStart(7)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  max ${String(r.latency.max).padStart(5)} ms  errors ${r.errors + r.non2xx}`

try {
  const alone = await reads()
  let writing = true
  let storedWhileReading = 0
  const started = Date.now()
  const writer = (async () => {
    while (writing) {
      await write()
      storedWhileReading += opts.records
    }
  })()
  const during = await reads()
  writing = false
  await writer
  const seconds = (Date.now() - started) / 1000
  console.log(`GET /articles/:id, ${opts.connections} connections, ${opts.duration} s each; writes of ${opts.records} articles`)
  console.log(row('reads alone', alone))
  console.log(row('reads during bulk writes', during))
  console.log(`writes: ${storedWhileReading} articles in ${seconds.toFixed(1)} s (${Math.round(storedWhileReading / seconds)} articles/s)`)
} finally {
  server.kill('SIGTERM')
  await new Promise((resolve) => server.once('exit', resolve))
  rmSync(dir, { recursive: true, force: true })
}
