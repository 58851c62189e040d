// Article extraction from HTML pages against Readability's test pages: shingle P/R/F1, metadata
// accuracy and speed. `npx tsx scripts/eval-html.ts [--held-out | --all] [--explain] [--page name]`
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { htmlToText, mean, sameDate, sameText, sameTitle, shingleScore, splitPages } from '../src/evaluation/html.js'
import { decodeHtml } from '../src/web/html/decode.js'
import { extractArticle, type HtmlExtraction } from '../src/web/html/extract.js'

const DIR = '/work/shared/data/html/readability-test-pages'

interface Gold {
  title: string | null
  byline: string | null
  lang: string | null
  siteName: string | null
  publishedTime: string | null
}

function main() {
  const { values } = parseArgs({
    options: {
      'held-out': { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      page: { type: 'string' },
      dir: { type: 'string', default: DIR },
    },
  })
  const dir = values.dir
  const names = readdirSync(dir).filter((n) => existsSync(join(dir, n, 'source.html')))
  const split = splitPages(names)
  const chosen = values.page ? [values.page] : values.all ? [...names].sort() : values['held-out'] ? split.heldOut : split.dev
  const pages = chosen.map((name) => ({
    name,
    bytes: new Uint8Array(readFileSync(join(dir, name, 'source.html'))),
    gold: htmlToText(readFileSync(join(dir, name, 'expected.html'), 'utf8')),
    meta: JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as Gold,
  }))
  const url = (name: string) => `http://fakehost/test/${name}/`
  const results = pages.map((p) => ({ p, r: extractArticle(decodeHtml(p.bytes).text, { url: url(p.name) }) }))

  const rows = results.map(({ p, r }) => ({
    name: p.name,
    r,
    ...(r.ok ? shingleScore(r.article.body, p.gold) : { precision: 0, recall: 0, f1: 0 }),
  }))
  const set = values.page ? `page ${values.page}` : values.all ? 'all pages' : values['held-out'] ? 'held-out split' : 'development split'
  console.log(`${set}: ${pages.length} pages`)
  console.log(
    `shingle P ${mean(rows.map((x) => x.precision)).toFixed(3)}  R ${mean(rows.map((x) => x.recall)).toFixed(3)}  F1 ${mean(rows.map((x) => x.f1)).toFixed(3)}  failures ${rows.filter((x) => !x.r.ok).length}`,
  )
  // diagnostic only: Readability's gold keeps figure captions, our contract keeps them out of the body
  const withCaptions = results.map(({ p, r }) => (r.ok ? shingleScore([r.article.body, ...r.article.captions].join('\n\n'), p.gold).f1 : 0))
  console.log(`diagnostic: F1 with captions counted as body ${mean(withCaptions).toFixed(3)}`)
  printMetadata(results.map(({ p, r }) => ({ gold: p.meta, r })))
  printSpeed(pages.map((p) => ({ bytes: p.bytes, url: url(p.name) })))
  if (values.explain) {
    for (const x of [...rows].sort((a, b) => a.f1 - b.f1)) {
      const why = x.r.ok ? '' : `  FAILED: ${x.r.reason}`
      console.log(`${x.f1.toFixed(3)}  P ${x.precision.toFixed(3)}  R ${x.recall.toFixed(3)}  ${x.name}${why}`)
    }
  }
  if (values.page && results[0]?.r.ok) {
    const { article, warnings } = results[0].r
    console.log(JSON.stringify({ ...article, body: undefined, warnings }, null, 2))
    console.log(`----- body -----\n${article.body}\n----- gold -----\n${pages[0]!.gold}`)
  }
}

function printMetadata(items: { gold: Gold; r: HtmlExtraction }[]) {
  const fields: [keyof Gold, (r: HtmlExtraction, g: string) => boolean][] = [
    ['title', (r, g) => r.ok && sameText(r.article.title, g)],
    ['title', (r, g) => r.ok && sameTitle(r.article.title, g)],
    ['byline', (r, g) => r.ok && sameText(r.article.byline, g)],
    ['publishedTime', (r, g) => r.ok && sameDate(r.article.publishedAt, g)],
    ['lang', (r, g) => r.ok && sameText(r.article.language, g)],
    ['siteName', (r, g) => r.ok && sameText(r.article.siteName, g)],
  ]
  const parts = fields.map(([field, same], k) => {
    const withGold = items.filter((i) => i.gold[field])
    const hits = withGold.filter((i) => same(i.r, i.gold[field]!)).length
    const label = k === 1 ? 'title (gold site suffix forgiven)' : field
    return `${label} ${withGold.length ? (hits / withGold.length).toFixed(3) : '-'} (${hits}/${withGold.length})`
  })
  console.log(`metadata: ${parts.join('  ')}`)
}

function printSpeed(pages: { bytes: Uint8Array; url: string }[]) {
  let best = Infinity
  for (let round = 0; round < 3; round++) {
    const start = performance.now()
    for (const p of pages) extractArticle(decodeHtml(p.bytes).text, { url: p.url })
    best = Math.min(best, performance.now() - start)
  }
  const meanKB = mean(pages.map((p) => p.bytes.length)) / 1024
  console.log(
    `speed: ${((pages.length * 1000) / best).toFixed(1)} pages/s (best of 3, decode + parse + extract, one core); mean page ${meanKB.toFixed(0)} KB`,
  )
}

main()
