import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { Command, InvalidArgumentError } from 'commander'
import type { PRF } from '../evaluation/match.js'
import { isBbcGold, loadBbcGold, type BbcGoldLine } from '../evaluation/bbc.js'
import { scorePeopleCorpus, type PeopleDoc } from '../evaluation/people.js'
import {
  buildIdentityCorpus,
  fragmentation,
  isIdentityGold,
  reviewedNotPeople,
  scoreIdentity,
  type IdentityCorpus,
  type IdentityGoldLine,
} from '../evaluation/identity.js'
import { scoreQuoteCorpus, type QuoteDoc } from '../evaluation/quotes.js'
import { isRecordGold, recordOfMention, scoreRecords, STRATA, type RecordGoldLine } from '../evaluation/records.js'
import { scoreSeed, type SeedGold } from '../evaluation/seed.js'
import { parseArgs, type CliIO } from './io.js'

const f3 = (x: number) => x.toFixed(3)
const row = (label: string, p: PRF, extra = '') =>
  `  ${label.padEnd(34)} P ${f3(p.precision)}  R ${f3(p.recall)}  F1 ${f3(p.f1)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})${extra}`

interface Fold {
  index: number
  of: number
}

/** The documents of a JSONL file: the first `limit`, and of those the `fold`th of k interleaved folds. */
function readJsonl<T>(path: string, limit?: number, fold?: Fold): T[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean)
  const first = limit ? lines.slice(0, limit) : lines
  return (fold ? first.filter((_, i) => i % fold.of === fold.index - 1) : first).map((l) => JSON.parse(l) as T)
}

const foldSpec = (v: string): Fold => {
  const m = /^(\d+)\/(\d+)$/.exec(v)
  const fold = m ? { index: Number(m[1]), of: Number(m[2]) } : null
  if (!fold || fold.of < 2 || fold.index < 1 || fold.index > fold.of) throw new InvalidArgumentError('expected i/k with 1 ≤ i ≤ k, k ≥ 2')
  return fold
}

function kindOf(path: string): 'seed' | 'quotes' | 'people' | 'bbc' | 'identity' | 'records' {
  if (path.endsWith('.gold.json')) return 'seed'
  const first = JSON.parse(readFileSync(path, 'utf8').split('\n', 1)[0]!) as { quotes?: unknown; personMentions?: unknown }
  if (isRecordGold(first)) return 'records'
  if (isIdentityGold(first)) return 'identity'
  if (isBbcGold(first)) return 'bbc'
  if (Array.isArray(first.quotes)) return 'quotes'
  if (Array.isArray(first.personMentions)) return 'people'
  throw new Error(`${path}: not a gold file this command knows (seed *.gold.json, quotes or people JSONL)`)
}

const positiveInt = (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer')
  return n
}

/** `eval <gold files...>`: precision/recall/F1 for people and quotes, per file and overall. */
export async function runEvalCommand(argv: string[], io: CliIO): Promise<number> {
  const program = new Command('eval')
    .description('Score extraction against gold data: seed *.gold.json, PolNeAR quotes JSONL, CoNLL-2003 people JSONL')
    .argument('<files...>', 'gold files')
    .option('--json', 'print the results as JSON')
    .option('--explain', 'list missed and spurious items per document')
    .option('--stripped', 'with --explain, list the errors on the text with its quotation marks stripped')
    .option('--limit <n>', 'only the first n documents of each JSONL file', positiveInt)
    .option('--fold <i/k>', 'only the i-th of k interleaved folds of each JSONL file (error analysis on training folds)', foldSpec)
    .option('--folds <k>', 'score each JSONL file fold by fold (k interleaved folds) and print the spread', positiveInt)
    .option('--floors <file>', 'JSON of minimum scores ({"file": {"metric.path": min}}); exit 1 when one is not reached')
    .option(
      '--articles-dir <dir>',
      'where the BBC gold, identity and person-record samples read their article texts',
      join(process.env.SHARED_DIR ?? '../shared', 'data/articles/bbc'),
    )
  const stop = parseArgs(program, argv, io)
  if (stop !== null) return stop
  const opts = program.opts<{
    json?: boolean
    explain?: boolean
    stripped?: boolean
    limit?: number
    floors?: string
    articlesDir: string
    fold?: Fold
    folds?: number
  }>()
  const results: Record<string, unknown> = {}
  const units = program.args.flatMap((path): { path: string; kind: ReturnType<typeof kindOf>; fold: Fold | undefined }[] => {
    const kind = kindOf(path)
    if (kind === 'seed' || kind === 'identity' || kind === 'records') return [{ path, kind, fold: undefined }]
    if (opts.folds && opts.folds >= 2)
      return Array.from({ length: opts.folds }, (_, i) => ({ path, kind, fold: { index: i + 1, of: opts.folds! } }))
    return [{ path, kind, fold: opts.fold }]
  })
  let identityCorpus: IdentityCorpus | null = null
  for (const { path, kind, fold } of units) {
    const name = fold ? `${basename(path)} fold ${fold.index}/${fold.of}` : basename(path)
    const started = performance.now()
    if (kind === 'records') {
      identityCorpus ??= buildIdentityCorpus(opts.articlesDir)
      const corpus = identityCorpus
      const gold = readJsonl<RecordGoldLine>(path)
      const shown = gold.map((g) => recordOfMention(corpus, g))
      const { verdicts, ...r } = scoreRecords(gold, shown)
      results[name] = r
      if (!opts.json) {
        io.out(`${name} (${gold.length} labelled person records of ${corpus.entities.size} BBC articles: docs/records-annotation.md)`)
        const pct = (x: number) => `${(100 * x).toFixed(1)} %`
        for (const [label, s] of [['all', r.all], ...STRATA.map((k) => [k, r.strata[k]] as const)] as const)
          io.out(
            `  listed, not a person or name mangled, ${label.padEnd(9)} ${pct(s.errorRate).padStart(7)} ` +
              `(${s.notPeople} not people + ${s.mangled} mangled of ${s.listed} listed)`,
          )
        io.out(
          `  labelled real people still listed          ${pct(r.people.listedShare).padStart(7)} (${r.people.listed}/${r.people.labelled})`,
        )
        if (opts.explain)
          gold.forEach((g, i) => {
            const v = verdicts[i]!
            if (v === 'right' || (v === 'not-listed' && g.label !== 'person')) return
            const expected = g.label === 'person' ? (g.names ?? [g.name]).join(' | ') : `not a person (${g.kind ?? 'other'})`
            io.out(
              `  ${v.padEnd(10)} ${g.stratum.padEnd(8)} ${g.file}:${g.start} "${g.text}" shown as ${shown[i] ? `"${shown[i].name}"` : '—'}; expected ${expected}`,
            )
          })
      }
    } else if (kind === 'identity') {
      identityCorpus ??= buildIdentityCorpus(opts.articlesDir)
      const gold = readJsonl<IdentityGoldLine>(path)
      const r = scoreIdentity(gold, identityCorpus)
      const f = fragmentation(identityCorpus)
      const notPeople = reviewedNotPeople(f.top.map((p) => p.name))
      results[name] = { bCubed: r.bCubed, records: r.records, fragmentation: { ...f, top: undefined, notPeopleInTop100: notPeople } }
      if (!opts.json) {
        io.out(
          `${name} (${gold.length} person mentions drawn from ${identityCorpus.entities.size} BBC articles: docs/identity-annotation.md)`,
        )
        const b = r.bCubed
        io.out(`  B-cubed mention → person           P ${f3(b.precision)}  R ${f3(b.recall)}  F1 ${f3(b.f1)}`)
        io.out(`  mentions filed under the right record ${f3(r.records.accuracy)} (${r.records.right}/${r.records.total})`)
        io.out(
          `  corpus: ${f.people} people, ${f.singleWord} known by one word, ${f.singleWordSurnames} of them a full-name person's surname ` +
            `(${(100 * f.singleWordSurnameMentionShare).toFixed(2)} % of ${f.mentions} mentions); ${f.honorific.length} named with an honorific; ` +
            `${f.unresolvedMentions} unresolved mentions (${((100 * f.unresolvedMentions) / (f.mentions + f.unresolvedMentions)).toFixed(1)} %)`,
        )
        io.out(
          `  not people among the 100 most mentioned (reviewed list): ${notPeople.notPeople.length ? notPeople.notPeople.join(', ') : 'none'}; ${notPeople.unreviewed.length} not yet reviewed${notPeople.unreviewed.length ? `: ${notPeople.unreviewed.join(', ')}` : ''}`,
        )
        if (opts.explain)
          gold.forEach((g, i) => {
            if (r.verdicts[i] === false) io.out(`  ${g.file} "${g.text}" gold ${g.entity} → ${r.predicted[i]}`)
          })
      }
    } else if (kind === 'seed') {
      const gold = JSON.parse(readFileSync(path, 'utf8')) as SeedGold
      const text = readFileSync(path.replace(/\.gold\.json$/, '.txt'), 'utf8')
      const r = scoreSeed(text, gold)
      results[name] = r
      if (!opts.json) {
        io.out(`${name} (seed gold)`)
        io.out(row('people (canonical names)', r.people, `  titles ${r.people.titlesCorrect}/${gold.people.length}`))
        io.out(row('quotes (30% overlap)', r.quotes, `  speaker ${f3(r.quotes.speakerAccuracy)}`))
        io.out(
          `  required quotes: ${r.quotes.requiredFound}/${r.quotes.required} found, ${r.quotes.requiredWithSpeaker}/${r.quotes.required} with the right speaker; ${r.quotes.notInGold} not in the gold`,
        )
        if (opts.explain) io.out(JSON.stringify(r.explain, null, 2))
      }
    } else if (kind === 'quotes' || kind === 'bbc') {
      const bbc = kind === 'bbc' ? loadBbcGold(readJsonl<BbcGoldLine>(path, opts.limit, fold), opts.articlesDir) : null
      const docs = bbc ? bbc.quoteDocs : readJsonl<QuoteDoc>(path, opts.limit, fold)
      // our BBC gold holds speech only and splits multi-part quotes into their segments
      const scoring = bbc ? { speechOnly: false, parts: true, canonical: true } : {}
      const variants = {
        asWritten30: { threshold: 0.3, strip: false, ...scoring },
        asWritten80: { threshold: 0.8, strip: false, ...scoring },
        stripped30: { threshold: 0.3, strip: true, ...scoring },
        stripped80: { threshold: 0.8, strip: true, ...scoring },
      }
      const out: Record<string, ReturnType<typeof scoreQuoteCorpus>['total']> = {}
      for (const [k, v] of Object.entries(variants)) {
        const { total, reports } = scoreQuoteCorpus(docs, v)
        out[k] = total
        if (opts.explain && k === (opts.stripped ? 'stripped30' : 'asWritten30') && !opts.json) {
          for (const r of reports)
            if (r.missed.length || r.spurious.length || r.wrongSpeaker.length)
              io.out(
                JSON.stringify(
                  {
                    doc: r.id,
                    missed: r.missed.map((m) => `[${m.cue}] ${m.speaker}: ${m.content.slice(0, 140)}`),
                    spurious: r.spurious.map((s) => `[${s.cue}] ${s.speaker}: ${s.content.slice(0, 140)}`),
                    wrongSpeaker: r.wrongSpeaker,
                  },
                  null,
                  1,
                ),
              )
        }
      }
      const people = bbc ? scorePeopleCorpus(bbc.peopleDocs).all : null
      results[name] = people ? { ...out, people } : out
      if (!opts.json) {
        io.out(
          bbc
            ? `${name} (${docs.length} BBC articles, our annotation: docs/annotation.md; each segment of a multi-part quote scored on its own)`
            : `${name} (${docs.length} docs, speech quotes; cue filter in src/evaluation/quotes.ts)`,
        )
        const label: Record<string, string> = {
          asWritten30: 'as written, 30% overlap',
          asWritten80: 'as written, 80% overlap',
          stripped30: 'marks stripped, 30% overlap',
          stripped80: 'marks stripped, 80% overlap',
        }
        for (const [k, t] of Object.entries(out))
          io.out(row(label[k]!, t.quotes, `  speaker ${f3(t.speakerAccuracy)}  cue ${f3(t.cueAccuracy)}`))
        for (const [k, t] of Object.entries(out))
          if (t.strict)
            io.out(
              `  strict speaker, ${label[k]!.padEnd(27)} ${f3(t.strict.accuracy)}  pronouns ${f3(t.strict.pronounAccuracy)} (${t.strict.pronouns})  right quote with right person ${f3(t.strict.rightQuoteRightSpeaker)}`,
            )
        if (people) io.out(row('person mentions, exact span', people.mentions))
      }
    } else {
      const docs = readJsonl<PeopleDoc>(path, opts.limit, fold)
      const r = scorePeopleCorpus(docs)
      results[name] = { all: r.all, withoutTables: r.withoutTables }
      if (!opts.json) {
        io.out(`${name} (${docs.length} docs; ${r.withoutTables.docs} without sports tables)`)
        io.out(row('person mentions, exact span', r.all.mentions))
        io.out(row('  without sports tables', r.withoutTables.mentions))
        io.out(row('people per document (names)', r.all.names))
        io.out(row('  without sports tables', r.withoutTables.names))
        if (opts.explain)
          for (const d of r.reports)
            if (d.missed.length || d.spurious.length)
              io.out(JSON.stringify({ doc: d.id, table: d.sportsTable, missed: d.missed, spurious: d.spurious }))
      }
    }
    if (!opts.json) io.out(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`)
  }
  if (opts.folds && !opts.json) for (const line of foldSpread(results)) io.out(line)
  if (opts.json) io.out(JSON.stringify(results, null, 2))
  if (!opts.floors) return 0
  const failures = checkFloors(results, JSON.parse(readFileSync(opts.floors, 'utf8')) as Record<string, Record<string, number>>)
  for (const f of failures) io.err(`below floor: ${f}`)
  if (failures.length === 0) io.out(`all scores at or above the floors in ${basename(opts.floors)}`)
  return failures.length ? 1 : 0
}

/** Floors name a score by file and dotted path ("asWritten30.quotes.f1"); a missing score fails too. */
export function checkFloors(results: Record<string, unknown>, floors: Record<string, Record<string, number>>): string[] {
  const failures: string[] = []
  for (const [file, metrics] of Object.entries(floors)) {
    if (!(file in results)) continue
    for (const [path, min] of Object.entries(metrics)) {
      const value = path
        .split('.')
        .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), results[file])
      if (typeof value !== 'number' || value < min)
        failures.push(`${file} ${path} = ${typeof value === 'number' ? value.toFixed(3) : 'missing'} < ${min}`)
    }
  }
  return failures
}

/** Mean and range of each file's F1 over its folds: how much the figure moves from one sample to another. */
function foldSpread(results: Record<string, unknown>): string[] {
  const metrics: [string, string][] = [
    ['asWritten30.quotes.f1', 'quotes, as written, 30%'],
    ['stripped30.quotes.f1', 'quotes, marks stripped, 30%'],
    ['asWritten30.speakerAccuracy', 'speaker accuracy, as written'],
    ['all.mentions.f1', 'person mentions, exact span'],
    ['people.mentions.f1', 'person mentions, exact span'],
  ]
  const byFile = new Map<string, Record<string, unknown>[]>()
  for (const [name, r] of Object.entries(results)) {
    const m = / fold \d+\/\d+$/.exec(name)
    if (m) byFile.set(name.slice(0, m.index), [...(byFile.get(name.slice(0, m.index)) ?? []), r as Record<string, unknown>])
  }
  const lines: string[] = []
  for (const [file, folds] of byFile) {
    lines.push(`${file}: ${folds.length} folds`)
    for (const [path, label] of metrics) {
      const values = folds
        .map((f) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], f))
        .filter((v): v is number => typeof v === 'number')
      if (values.length !== folds.length) continue
      const mean = values.reduce((a, b) => a + b, 0) / values.length
      lines.push(`  ${label.padEnd(34)} mean ${f3(mean)}  min ${f3(Math.min(...values))}  max ${f3(Math.max(...values))}`)
    }
  }
  return lines
}
