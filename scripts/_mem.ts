import { rmSync } from 'node:fs'
import { createPrisma } from '../src/db.js'
import { ensureMigrated } from '../src/migrate.js'
import { ingestPaths } from '../src/ingest/ingest.js'
import { workerExtractor } from '../src/ingest/extractor.js'
import { readRealArticles, writeCorpus } from './bench/corpus.js'
const n = Number(process.argv[2] ?? 10000)
await writeCorpus('/tmp/memcorpus', n, await readRealArticles(['../shared/data/articles/bbc', '../shared/data/quotes']))
for (const f of ['/tmp/mem.db', '/tmp/mem.db-wal', '/tmp/mem.db-shm']) rmSync(f, { force: true })
ensureMigrated('file:/tmp/mem.db')
const prisma = await createPrisma('file:/tmp/mem.db')
const ex = workerExtractor(Number(process.argv[3] ?? 1))
let done = 0
const t0 = performance.now()
let last = t0
for await (const o of ingestPaths(prisma, ['/tmp/memcorpus'], { extractor: ex })) {
  done += o.records.length
  const m = process.memoryUsage()
  const now = performance.now()
  console.log(done, 'rss', (m.rss / 1048576).toFixed(0), 'heap', (m.heapUsed / 1048576).toFixed(0), 'ext', (m.external / 1048576).toFixed(0), 'rate', (1000 * 1000 / (now - last)).toFixed(0), '/s')
  last = now
}
console.log('total', (done / ((performance.now() - t0) / 1000)).toFixed(0), '/s')
await ex.close()
