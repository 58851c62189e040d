/**
 * Learns hierarchical word clusters (src/extraction/lexicon/build-word-clusters.ts) from the unlabelled
 * news text we have, tokenised as the pipeline tokenises, and writes src/extraction/lexicon/word-clusters.txt
 * (`word<TAB>bits`, one a line, sorted). Only training text: the BBC articles, the HTML test pages'
 * extracted text, PolNeAR *train* and CoNLL-2003 *train* (never dev or test). Deterministic.
 *
 *   npm run build:clusters -- [--data ../shared/data]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildWordClusters } from '../src/extraction/lexicon/build-word-clusters.js'
import { splitSentences } from '../src/extraction/stages/split-sentences.js'
import { tokenize } from '../src/extraction/stages/tokenize.js'

const { values } = parseArgs({ options: { data: { type: 'string', default: '../shared/data' } } })
const data = values.data
const started = Date.now()

const texts: string[] = []
const bbc = join(data, 'articles/bbc')
for (const f of readdirSync(bbc).sort()) if (f.endsWith('.txt')) texts.push(readFileSync(join(bbc, f), 'utf8'))

const pages = join(data, 'html/readability-test-pages')
if (existsSync(pages)) {
  for (const d of readdirSync(pages).sort()) {
    const f = join(pages, d, 'expected.html')
    if (existsSync(f)) texts.push(htmlText(readFileSync(f, 'utf8')))
  }
}

const jsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { text: string })
for (const path of [join(data, 'quotes/polnear-train.jsonl'), join(data, 'people/conll2003-train.jsonl')]) {
  if (/dev|test/.test(path.split('/').at(-1)!)) throw new Error('clusters are learned from training text only')
  // PolNeAR holds some articles once per annotator: each text counts once
  const seen = new Set<string>()
  for (const { text } of jsonl(path)) {
    if (seen.has(text)) continue
    seen.add(text)
    texts.push(text)
  }
}

function* sentences(): Generator<string[]> {
  for (const text of texts) {
    const ss = splitSentences(text)
    const bySentence = ss.map(() => [] as string[])
    for (const t of tokenize(ss)) bySentence[t.sentence]!.push(t.text)
    yield* bySentence.filter((s) => s.length > 0)
  }
}

function htmlText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/(p|div|h\d|li|tr|br|blockquote|section|article)>|<br\s*\/?>/gi, '\n\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]+/g, ' ')
}

const clusters = buildWordClusters(sentences())
const lines = [...clusters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([w, bits]) => `${w}\t${bits}`)
const out = new URL('../src/extraction/lexicon/word-clusters.txt', import.meta.url)
writeFileSync(out, lines.join('\n') + '\n')
const clustersUsed = new Set(clusters.values()).size
console.log(
  `${texts.length} texts; ${clusters.size} words in ${clustersUsed} leaf clusters; ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${out.pathname}`,
)
