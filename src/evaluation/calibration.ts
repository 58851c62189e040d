import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { unlimitedBudget } from '../extraction/budget.js'
import { calibratedConfidence, speakerClass, type Blocks, type Calibration, type SpeakerClass } from '../extraction/calibration.js'
import type { Speaker } from '../extraction/types.js'
import { speakerKeyOf } from '../speakers/speaker-key.js'
import { extract } from '../extraction/pipeline.js'
import { loadBbcGold, type BbcGoldLine } from './bbc.js'
import { scoreQuoteDoc, type QuoteDoc, type QuoteScoring } from './quotes.js'

/** One extracted quote of a gold document: its raw confidence and whether it was right (matched, right speaker). */
export interface Judged {
  raw: number
  speaker: Speaker
  right: boolean
}

/** A gold file as calibration reads it: its documents and how the evaluation scores them (eval-command.ts). */
export interface CalibrationSet {
  name: string
  docs: QuoteDoc[]
  scoring: Omit<QuoteScoring, 'extractor'>
}

const jsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T)

/**
 * The training sets (PolNeAR train, our two BBC train sets) and the one dev set the table is reported on
 * (PolNeAR dev). Our BBC gold (bbc-gold.jsonl) is held out of all of it: it measures the rules.
 */
export function calibrationSets(sharedDir: string, evalDataDir: string): { train: CalibrationSet[]; dev: CalibrationSet[] } {
  const polnear = (file: string): CalibrationSet => ({
    name: file,
    docs: jsonl<QuoteDoc>(join(sharedDir, 'data/quotes', file)),
    scoring: { threshold: 0.3, strip: false },
  })
  // our annotation holds speech only, splits multi-part quotes and names the canonical speaker: a
  // quote is right there only when its resolved record is the annotated person (as `newsdesk eval` scores it)
  const bbc = (file: string): CalibrationSet => ({
    name: file,
    docs: loadBbcGold(jsonl<BbcGoldLine>(join(evalDataDir, file)), join(sharedDir, 'data/articles/bbc')).quoteDocs,
    scoring: { threshold: 0.3, strip: false, speechOnly: false, parts: true, canonical: true },
  })
  return { train: [polnear('polnear-train.jsonl'), bbc('bbc-train.jsonl'), bbc('bbc-train-2.jsonl')], dev: [polnear('polnear-dev.jsonl')] }
}

/** Every quote extracted from the set's documents with raw (uncalibrated) confidence, judged against the gold. */
export function judgeQuotes(set: CalibrationSet): Judged[] {
  const extractor = (d: Parameters<typeof extract>[0]) => extract(d, unlimitedBudget, null)
  return set.docs.flatMap((doc) =>
    scoreQuoteDoc(doc, { ...set.scoring, extractor }).verdicts.map((v) => ({
      raw: v.quote.confidence,
      speaker: v.quote.speaker,
      right: v.right,
    })),
  )
}

/**
 * Isotonic regression by pooling adjacent violators: the non-decreasing step function of raw
 * confidence closest (least squares) to the 0/1 verdicts. Each block's value is then smoothed
 * toward the overall rate by `prior` pseudo-quotes, so a block of a few quotes does not claim 0 or 1,
 * and kept non-decreasing.
 */
export function fitIsotonic(judged: Omit<Judged, 'speaker'>[], prior = 4): Blocks {
  const byRaw = new Map<number, { n: number; k: number }>()
  for (const j of judged) {
    const b = byRaw.get(j.raw) ?? byRaw.set(j.raw, { n: 0, k: 0 }).get(j.raw)!
    b.n++
    if (j.right) b.k++
  }
  const blocks: { lo: number; hi: number; n: number; k: number }[] = []
  for (const [raw, { n, k }] of [...byRaw].sort((a, b) => a[0] - b[0])) {
    blocks.push({ lo: raw, hi: raw, n, k })
    // pool while the last block is no surer than the one before it
    while (blocks.length > 1 && blocks.at(-1)!.k / blocks.at(-1)!.n <= blocks.at(-2)!.k / blocks.at(-2)!.n) {
      const last = blocks.pop()!
      const prev = blocks.at(-1)!
      blocks[blocks.length - 1] = { lo: prev.lo, hi: last.hi, n: prev.n + last.n, k: prev.k + last.k }
    }
  }
  const total = judged.length
  const rate = total ? judged.filter((j) => j.right).length / total : 0
  let floor = 0
  return blocks.map((b) => {
    const p = Math.max(floor, (b.k + prior * rate) / (b.n + prior))
    floor = p
    return { lo: b.lo, hi: b.hi, p: Math.round(p * 1000) / 1000, n: b.n }
  })
}

export interface ReliabilityRow {
  /** The bin of calibrated confidence, [from, to). */
  from: number
  to: number
  count: number
  meanConfidence: number
  accuracy: number
}

const CLASSES: SpeakerClass[] = ['person', 'named', 'unknown']

/** One isotonic curve per speaker class, fitted on the training sets' judged quotes. */
export function fitCalibration(judged: Judged[], fittedOn: string[]): Calibration {
  const curves = Object.fromEntries(CLASSES.map((k) => [k, fitIsotonic(judged.filter((j) => speakerClass(j.speaker) === k))]))
  return {
    method:
      'isotonic regression (pooled adjacent violators) of right/wrong on raw confidence, per speaker class; blocks smoothed by 4 pseudo-quotes',
    fittedOn,
    curves: curves as Calibration['curves'],
  }
}

const confidenceOf = (j: Judged, c: Calibration | null) => (c ? calibratedConfidence({ confidence: j.raw, speaker: j.speaker }, c) : j.raw)

/** Mean squared error of the confidences against the verdicts (lower is better calibrated and sharper). */
export const brier = (judged: Judged[], c: Calibration | null) =>
  judged.reduce((s, j) => s + (confidenceOf(j, c) - (j.right ? 1 : 0)) ** 2, 0) / Math.max(1, judged.length)

/** Calibrated confidence in bins of `width`: how many quotes, their mean confidence and the share that was right. */
export function reliability(judged: Judged[], c: Calibration | null, width = 0.1): ReliabilityRow[] {
  const bins = Math.round(1 / width)
  const rows = Array.from({ length: bins }, (_, i) => ({ from: i * width, to: (i + 1) * width, count: 0, sum: 0, right: 0 }))
  for (const j of judged) {
    const p = confidenceOf(j, c)
    const row = rows[Math.min(bins - 1, Math.floor(p / width + 1e-9))]!
    row.count++
    row.sum += p
    if (j.right) row.right++
  }
  return rows
    .filter((r) => r.count > 0)
    .map((r) => ({ from: r.from, to: r.to, count: r.count, meanConfidence: r.sum / r.count, accuracy: r.right / r.count }))
}

/** Share of right quotes among those at or above each threshold: what a list that hides the rest would show. */
export function accuracyAbove(judged: Judged[], c: Calibration | null, thresholds: number[]) {
  const scored = judged.map((j) => ({ p: confidenceOf(j, c), right: j.right }))
  return thresholds.map((t) => {
    const shown = scored.filter((s) => s.p >= t)
    return {
      threshold: t,
      shown: shown.length,
      of: scored.length,
      accuracy: shown.length ? shown.filter((s) => s.right).length / shown.length : 0,
    }
  })
}

/** A quote the API lists by default (besides its confidence): its speaker is a person, or an organisation or group it can name. */
export const resolvedSpeaker = (s: Speaker) => s.person !== null || speakerKeyOf(s.name, s.type) !== ''

const pct = (x: number) => `${(100 * x).toFixed(1)} %`
const f2 = (x: number) => x.toFixed(2)

/** The reliability table as Markdown. */
export function reliabilityTable(rows: ReliabilityRow[]): string {
  return [
    '| calibrated confidence | quotes | mean confidence | right |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${f2(r.from)}–${f2(r.to)} | ${r.count} | ${f2(r.meanConfidence)} | ${pct(r.accuracy)} |`),
  ].join('\n')
}

/** What a list hiding unresolved speakers and quotes below each threshold shows, as Markdown. */
export function thresholdTable(judged: Judged[], c: Calibration | null, thresholds: number[]): string {
  const resolved = judged.filter((j) => resolvedSpeaker(j.speaker))
  return [
    '| minConfidence | quotes shown (resolved speakers) | right |',
    '|---:|---:|---:|',
    ...accuracyAbove(resolved, c, thresholds).map((t) => `| ${f2(t.threshold)} | ${t.shown} of ${judged.length} | ${pct(t.accuracy)} |`),
  ].join('\n')
}
