/**
 * Extraction speed on one core: runs the pure pipeline over a folder of articles (default: the
 * BBC corpus in ../shared/data) and prints articles/s and ms/article. Not a test.
 *
 *   npm run bench:extract -- [dir] [--rounds 3]
 *
 * It builds and runs the compiled JavaScript, as production does: through tsx every function pays
 * for esbuild's keepNames wrappers (`bench:extract:tsx` still measures that way).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { extract } from '../../src/extraction/pipeline.js'
import { parsePlainText } from '../../src/ingest/parse.js'

const args = process.argv.slice(2)
const dir = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '../shared/data/articles/bbc'
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 3
const articles = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => parsePlainText(readFileSync(join(dir, f), 'utf8')))
const chars = articles.reduce((n, a) => n + a.body.length, 0)
extract(articles[0]!) // load the tagger model outside the timing
const rates: number[] = []
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now()
  let quotes = 0
  let people = 0
  for (const a of articles) {
    const e = extract(a)
    quotes += e.quotes.length
    people += e.people.length
  }
  const s = (performance.now() - t0) / 1000
  rates.push(articles.length / s)
  console.log(
    `round ${r + 1}: ${articles.length} articles (${(chars / 1e6).toFixed(1)} M chars) in ${s.toFixed(2)} s = ${(articles.length / s).toFixed(0)} articles/s, ${((s * 1000) / articles.length).toFixed(2)} ms/article; ${people} people, ${quotes} quotes`,
  )
}
console.log(`best: ${Math.max(...rates).toFixed(0)} articles/s (one core, Node ${process.version})`)
