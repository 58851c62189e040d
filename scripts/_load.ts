import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { encodeCursor } from '../src/shared/pagination.js'
const db = new Database('/work/main/bench-results/real-100000.db', { readonly: true })
const kind = process.argv[2]
let paths: string[] = []
if (kind === 'detail') paths = (db.prepare('SELECT id FROM Article ORDER BY random() LIMIT 3000').pluck().all() as string[]).map((id) => `/articles/${id}`)
else if (kind === 'list') paths = (db.prepare('SELECT listedAt, seq FROM Article ORDER BY random() LIMIT 3000').all() as any[]).map((r) => `/articles?limit=20&cursor=${encodeCursor('articles:newest', [r.listedAt, r.seq])}`)
else if (kind === 'quotes') paths = (db.prepare('SELECT slug FROM Person WHERE quoteCount > 0 ORDER BY random() LIMIT 3000').pluck().all() as string[]).map((s) => `/quotes?speaker=${s}`)
else paths = [kind!]
let i = 0
const r = await autocannon({ url: 'http://127.0.0.1:4555', connections: 50, duration: 8, requests: [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: paths[i++ % paths.length]! }) }] })
console.log(kind, r.requests.average, 'req/s', 'p99', r.latency.p99, 'non2xx', r.non2xx)
