/**
 * Draws the person-record samples of docs/records-annotation.md: the BBC folder extracted and
 * resolved as ingest does (buildIdentityCorpus), every listed person record, and two disjoint
 * stratified samples (train: rule work; held out: report only), each record anchored on one of
 * its mentions in its most frequent written form. Labels are added by hand afterwards; this writes the lines without them, and a
 * reading aid with several mentions of each record in context.
 *
 *   npx tsx scripts/sample-person-records.ts --out-dir /tmp/records [--articles-dir ../shared/data/articles/bbc]
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildIdentityCorpus } from '../src/evaluation/identity.js'
import { listedRecords, type ListedRecord, type Stratum } from '../src/evaluation/records.js'
import { random } from './bench/corpus.js'

export const SEED = 20261207
/** The most mentioned records form the "top" stratum, as in the issue's outside sample. */
const TOP = 150
/** How many records of each stratum each sample takes. */
const SIZES: Record<'heldOut' | 'train', Record<Stratum, number>> = {
  heldOut: { top: 50, 'one-word': 60, random: 110 },
  train: { top: 40, 'one-word': 40, random: 70 },
}

const { values } = parseArgs({
  options: {
    'out-dir': { type: 'string' },
    'articles-dir': { type: 'string', default: join(process.env.SHARED_DIR ?? '../shared', 'data/articles/bbc') },
  },
})
const outDir = values['out-dir']
if (!outDir) throw new Error('--out-dir is required (the labelled files in scripts/eval-data are not overwritten)')

const corpus = buildIdentityCorpus(values['articles-dir'])
const files = corpus.files
const records = listedRecords(corpus).sort((a, b) => b.mentions - a.mentions || (a.slug < b.slug ? -1 : 1))
const rand = random(SEED)

/** A seeded Fisher–Yates shuffle of a copy, in slug order first so the result depends on the seed only. */
function shuffled(pool: ListedRecord[]): ListedRecord[] {
  const out = [...pool].sort((a, b) => (a.slug < b.slug ? -1 : 1))
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const taken = new Set<string>()
const drawn: Record<'heldOut' | 'train', { record: ListedRecord; stratum: Stratum }[]> = { heldOut: [], train: [] }
const pools: [Stratum, (r: ListedRecord) => boolean][] = [
  ['top', (r) => records.indexOf(r) < TOP],
  ['one-word', (r) => !/\s/.test(r.name.trim())],
  ['random', () => true],
]
for (const [stratum, inPool] of pools) {
  const pool = shuffled(records.filter((r) => !taken.has(r.slug) && r.spans.length > 0 && inPool(r)))
  let at = 0
  for (const sample of ['heldOut', 'train'] as const) {
    for (const record of pool.slice(at, at + SIZES[sample][stratum])) {
      drawn[sample].push({ record, stratum })
      taken.add(record.slug)
    }
    at += SIZES[sample][stratum]
  }
}

/**
 * The mentions written in the record's most frequent form (the longer form on a tie): the anchor
 * is one of these, so the label is about what the record mostly is, not a stray mention of it.
 */
function mainForm(record: ListedRecord) {
  const count = new Map<string, number>()
  for (const s of record.spans) count.set(s.text, (count.get(s.text) ?? 0) + 1)
  const [form] = [...count].sort(([a, m], [b, n]) => n - m || b.length - a.length || (a < b ? -1 : 1))[0]!
  return record.spans.filter((s) => s.text === form)
}

const context = (file: string, start: number, end: number) => {
  const body = files.get(file)!.body
  return `${body.slice(Math.max(0, start - 110), start)}[[${body.slice(start, end)}]]${body.slice(end, end + 110)}`.replace(/\s+/g, ' ')
}

mkdirSync(outDir, { recursive: true })
for (const [sample, file] of [
  ['heldOut', 'bbc-records.jsonl'],
  ['train', 'bbc-records-train.jsonl'],
] as const) {
  const lines = drawn[sample].map(({ record, stratum }) => {
    const anchors = mainForm(record)
    const anchor = anchors[Math.floor(rand() * anchors.length)]!
    // the text as the body has it (a mention's own text may be tidied: "Rooney. Subs" → "Rooney Subs")
    const text = files.get(anchor.file)!.body.slice(anchor.start, anchor.end)
    return { line: { ...anchor, text, record: record.name, stratum }, record }
  })
  lines.sort((a, b) => (a.line.file < b.line.file ? -1 : a.line.file > b.line.file ? 1 : a.line.start - b.line.start))
  writeFileSync(join(outDir, file), lines.map(({ line }) => JSON.stringify(line)).join('\n') + '\n')
  const aid = lines.map(({ line, record }, i) => {
    const texts = new Map<string, number>()
    for (const s of record.spans) texts.set(s.text, (texts.get(s.text) ?? 0) + 1)
    const others = record.spans.filter((s) => s.file !== line.file || s.start !== line.start)
    const step = Math.max(1, Math.floor(others.length / 4))
    const shown = [line, ...others.filter((_, k) => k % step === 0).slice(0, 4)]
    return [
      `#${i} ${line.stratum} "${record.name}" (${record.mentions} mentions; as written: ${[...texts].map(([t, n]) => `${t} ×${n}`).join(', ')})`,
      ...shown.map((s) => `  ${s.file}:${s.start}  ${context(s.file, s.start, s.end)}`),
    ].join('\n')
  })
  writeFileSync(join(outDir, file.replace(/\.jsonl$/, '.contexts.txt')), aid.join('\n\n') + '\n')
  console.log(`${file}: ${lines.length} records`)
}
console.log(`${records.length} listed person records; seed ${SEED}`)
