import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../paths.js'
import type { ExtractedQuote, Speaker } from './types.js'

/**
 * Calibration fits one curve per kind of speaker, which the raw confidence does not tell apart: a
 * person of the article, any other speaker the text names (an organisation, a group, an unresolved
 * pronoun or description), and a speaker of unknown type.
 */
export type SpeakerClass = 'person' | 'named' | 'unknown'

export const speakerClass = (s: Speaker): SpeakerClass => (s.person !== null ? 'person' : s.type === 'unknown' ? 'unknown' : 'named')

export type Blocks = { lo: number; hi: number; p: number; n: number }[]

/**
 * A monotone map from a quote's raw confidence (its pattern's base less the speaker penalties) to
 * the chance it is right: matched to a gold quote with the right speaker. Fitted on training data by
 * `npm run calibrate` (src/evaluation/calibration.ts, docs/confidence.md), stored as data.
 */
export interface Calibration {
  method: string
  fittedOn: string[]
  /** Per speaker class, blocks of raw confidence in increasing order: every raw value in [lo, hi] maps to `p` (`n` quotes fitted it). */
  curves: Record<SpeakerClass, Blocks>
}

export const CALIBRATION_PATH = join(projectRoot, 'src/extraction/calibration.json')

/** The calibrated confidence of a raw one: its block's value; between two blocks, the line joining them. */
export function calibrate(raw: number, blocks: Blocks): number {
  if (blocks.length === 0) return raw
  const k = blocks.findIndex((b) => raw <= b.hi)
  if (k === -1) return blocks.at(-1)!.p
  const b = blocks[k]!
  if (raw >= b.lo || k === 0) return b.p
  const prev = blocks[k - 1]!
  return prev.p + ((b.p - prev.p) * (raw - prev.hi)) / (b.lo - prev.hi)
}

let loaded: Calibration | undefined

/** The shipped calibration, read once (its absence is an error: the extractor version names calibrated output). */
export function shippedCalibration(): Calibration {
  if (loaded) return loaded
  if (!existsSync(CALIBRATION_PATH)) throw new Error(`${CALIBRATION_PATH} is missing: run npm run calibrate`)
  return (loaded = JSON.parse(readFileSync(CALIBRATION_PATH, 'utf8')) as Calibration)
}

/** A quote's calibrated confidence, to two decimals as stored. */
export const calibratedConfidence = (q: Pick<ExtractedQuote, 'confidence' | 'speaker'>, c: Calibration): number =>
  Math.round(calibrate(q.confidence, c.curves[speakerClass(q.speaker)]) * 100) / 100

/** The quotes with their confidences calibrated (two decimals, as stored). */
export function calibrateQuotes(quotes: ExtractedQuote[], c: Calibration | null): ExtractedQuote[] {
  if (!c) return quotes
  return quotes.map((q) => ({ ...q, confidence: calibratedConfidence(q, c) }))
}
