/**
 * Dumps every extracted quote of a fixed document set as JSON Lines, so a refactoring of the
 * extraction can be proved to change nothing (`diff` two dumps). Each document runs as written and
 * with its quotation marks stripped. Not a test; the corpora live outside the repository.
 *
 *   npx tsx scripts/dump-extraction.ts [out.jsonl] [--data ../shared/data]
 *
 * Documents: PolNeAR train and dev, the seed article, and every fourth BBC article (sorted by
 * name) outside the held-out files (<category>-011, -047, -083, -119, -157, -193, -229, -263).
 */
import { createWriteStream, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { stripQuotationMarks } from '../src/evaluation/strip-quotes.js'
import { extractWithPatterns } from '../src/extraction/quotes/explain.js'
import type { ArticleText } from '../src/extraction/types.js'
import { parsePlainText, parseSeed } from '../src/ingest/parse.js'

const HELD_OUT = /-(011|047|083|119|157|193|229|263)\.txt$/
const PolnearLine = z.object({ id: z.string(), text: z.string() })

interface Doc extends ArticleText {
  id: string
}

function documents(data: string): Doc[] {
  const polnear = ['polnear-train.jsonl', 'polnear-dev.jsonl'].flatMap((f) =>
    readFileSync(join(data, 'quotes', f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => PolnearLine.parse(JSON.parse(l)))
      .map((r) => ({ id: r.id, title: '', body: r.text })),
  )
  const seedFile = join(data, 'seed', '000_e717161affdd8244.txt')
  const seed = parseSeed(readFileSync(seedFile, 'utf8'))
  const bbcDir = join(data, 'articles', 'bbc')
  const bbc = readdirSync(bbcDir)
    .filter((f) => f.endsWith('.txt') && !HELD_OUT.test(f))
    .sort()
    .filter((_, i) => i % 4 === 0)
    .map((f) => ({ id: `bbc:${f}`, ...parsePlainText(readFileSync(join(bbcDir, f), 'utf8')) }))
  return [...polnear, { id: 'seed:000_e717161affdd8244', title: seed.title, body: seed.body }, ...bbc].map((d) => ({
    id: d.id,
    title: d.title,
    body: d.body,
  }))
}

function main() {
  const { values, positionals } = parseArgs({ options: { data: { type: 'string' } }, allowPositionals: true })
  const out = createWriteStream(positionals[0] ?? '/tmp/quotes-dump.jsonl')
  let quotes = 0
  const docs = documents(values.data ?? '../shared/data')
  for (const doc of docs) {
    for (const variant of ['written', 'stripped'] as const) {
      const body = variant === 'written' ? doc.body : stripQuotationMarks(doc.body).text
      extractWithPatterns({ title: doc.title, body }).forEach((q, n) => {
        quotes++
        const { start, end, parts, kind, cue, cueSpan, speaker, via, confidence, pattern } = q
        out.write(
          JSON.stringify({ doc: doc.id, variant, n, start, end, parts, kind, cue, cueSpan, speaker, via, confidence, pattern }) + '\n',
        )
      })
    }
  }
  out.end()
  console.log(`${docs.length} documents, ${quotes} quotes`)
}

main()
