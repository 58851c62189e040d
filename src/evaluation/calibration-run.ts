import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_QUOTE_MIN_CONFIDENCE } from '../config.js'
import { CALIBRATION_PATH } from '../extraction/calibration.js'
import { projectRoot } from '../paths.js'
import {
  accuracyAbove,
  brier,
  calibrationSets,
  fitCalibration,
  judgeQuotes,
  reliability,
  reliabilityTable,
  resolvedSpeaker,
  thresholdTable,
  type Judged,
} from './calibration.js'
import { recordFingerprint } from './fingerprint.js'

export const CONFIDENCE_DOC = join(projectRoot, 'docs/confidence.md')
const BEGIN = '<!-- npm run calibrate: tables from here -->'
const END = '<!-- npm run calibrate: tables to here -->'
const THRESHOLDS = [0, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]

const share = (judged: Judged[]) => judged.filter((j) => j.right).length / Math.max(1, judged.length)

/** The doc with its generated section replaced (the markers kept); the doc unchanged when it has no markers. */
export function replaceGenerated(doc: string, section: string): string {
  const from = doc.indexOf(BEGIN)
  const to = doc.indexOf(END)
  if (from < 0 || to < from) return doc
  return `${doc.slice(0, from + BEGIN.length)}\n${section}\n${doc.slice(to)}`
}

/**
 * `npm run calibrate`: judges the quotes extracted from the training sets (raw confidences), fits
 * the calibration, writes it, reports the reliability of train and dev, rewrites the tables of
 * docs/confidence.md and records the extraction fingerprint (the output changed with the calibration).
 */
export function runCalibration(sharedDir: string): string[] {
  const sets = calibrationSets(sharedDir, join(projectRoot, 'scripts/eval-data'))
  const judge = (list: typeof sets.train): Judged[] => list.flatMap(judgeQuotes)
  const train = judge(sets.train)
  const dev = judge(sets.dev)
  const calibration = fitCalibration(
    train,
    sets.train.map((s) => s.name),
  )
  writeFileSync(CALIBRATION_PATH, JSON.stringify(calibration, null, 2) + '\n')
  const devAtDefault = accuracyAbove(
    dev.filter((j) => resolvedSpeaker(j.speaker)),
    calibration,
    [DEFAULT_QUOTE_MIN_CONFIDENCE],
  )[0]!
  const section = [
    `Fitted on ${sets.train.map((s) => s.name).join(' and ')} (${train.length} extracted quotes); reported on ${sets.dev.map((s) => s.name).join(', ')} (${dev.length}).`,
    '',
    `Brier score (mean squared error of confidence against right/wrong, lower is better): train ${brier(train, null).toFixed(4)} raw → ${brier(train, calibration).toFixed(4)} calibrated; dev ${brier(dev, null).toFixed(4)} raw → ${brier(dev, calibration).toFixed(4)} calibrated.`,
    '',
    '### Train (calibrated confidence)',
    '',
    reliabilityTable(reliability(train, calibration)),
    '',
    '### Dev (calibrated confidence)',
    '',
    reliabilityTable(reliability(dev, calibration)),
    '',
    '### Dev: what a list shows at each threshold (unresolved speakers hidden)',
    '',
    thresholdTable(dev, calibration, THRESHOLDS),
    '',
    `Of every dev quote ${(100 * share(dev)).toFixed(1)} % is right. At the default QUOTE_MIN_CONFIDENCE ${DEFAULT_QUOTE_MIN_CONFIDENCE.toFixed(2)}, lists show ${devAtDefault.shown} of ${dev.length} dev quotes, ${(100 * devAtDefault.accuracy).toFixed(1)} % of them right.`,
  ].join('\n')
  if (existsSync(CONFIDENCE_DOC)) writeFileSync(CONFIDENCE_DOC, replaceGenerated(readFileSync(CONFIDENCE_DOC, 'utf8'), section))
  const warning =
    devAtDefault.accuracy < 0.8
      ? [
          `warning: at QUOTE_MIN_CONFIDENCE ${DEFAULT_QUOTE_MIN_CONFIDENCE} only ${(100 * devAtDefault.accuracy).toFixed(1)} % of shown dev quotes are right: raise the default in src/config.ts`,
        ]
      : []
  return [`wrote ${CALIBRATION_PATH}`, section, ...warning, recordFingerprint(undefined, calibration)]
}
