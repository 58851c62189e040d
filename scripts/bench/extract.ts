/**
 * Extraction speed on one core: runs the pure pipeline over a folder of articles (default: the
 * BBC corpus in ../shared/data) and prints articles/s and ms/article. Not a test.
 *
 *   npm run bench:extract -- [dir] [--rounds 3]
 *   npm run bench:extract -- --scaling [--sizes 50000,200000,800000,2000000]
 *
 * `--scaling` joins the articles into single long articles of each size and prints characters/s
 * per size and the time per character at the largest size over that at the smallest: linear
 * extraction keeps that ratio near 1.
 *
 * It builds and runs the compiled JavaScript, as production does: through tsx every function pays
 * for esbuild's keepNames wrappers (`bench:extract:tsx` still measures that way).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { extract } from '../../src/extraction/pipeline.js'
import { parsePlainText } from '../../src/ingest/parse.js'

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string' }, scaling: { type: 'boolean' }, sizes: { type: 'string' } },
})
const dir = positionals[0] ?? '../shared/data/articles/bbc'
const rounds = Number(opts.rounds) || 3
const articles = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => parsePlainText(readFileSync(join(dir, f), 'utf8')))
const chars = articles.reduce((n, a) => n + a.body.length, 0)
extract(articles[0]!) // load the tagger model outside the timing
if (opts.scaling) {
  scaling()
  process.exit(0)
}
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

/** Characters/s on one long article per size, best of `rounds`; the time per character relative to the smallest size. */
function scaling(): void {
  const sizes = opts.sizes ? opts.sizes.split(',').map(Number) : [50_000, 200_000, 800_000, 2_000_000]
  const joined = articles.map((a) => a.body).join('\n\n')
  let text = joined
  while (text.length < Math.max(...sizes)) text += '\n\n' + joined
  const perChar: number[] = []
  for (const size of sizes) {
    const body = text.slice(0, size)
    let best = Infinity
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now()
      extract({ title: '', body })
      best = Math.min(best, (performance.now() - t0) / 1000)
    }
    perChar.push(best / size)
    const ratio = perChar.at(-1)! / perChar[0]!
    console.log(
      `${String(size).padStart(9)} chars: ${best.toFixed(2)} s, ${(size / best / 1000).toFixed(0)} k chars/s, time per char ×${ratio.toFixed(2)} of ${sizes[0]}`,
    )
  }
  console.log(`time per character at ${sizes.at(-1)} over ${sizes[0]}: ×${(perChar.at(-1)! / perChar[0]!).toFixed(2)} (linear: ≤ 1.5)`)
}
