/**
 * Refits the quote-confidence calibration on the training sets, writes src/extraction/calibration.json,
 * rewrites the tables of docs/confidence.md, and records the new extraction fingerprint (bumping the
 * extractor version when the output changed). Run it after any change to the patterns or to speaker
 * resolution:
 *
 *   npm run calibrate [-- --shared ../shared]
 */
import { parseArgs } from 'node:util'
import { runCalibration } from '../src/evaluation/calibration-run.js'

const { values } = parseArgs({ options: { shared: { type: 'string' } } })
try {
  for (const line of runCalibration(values.shared ?? process.env.SHARED_DIR ?? '../shared')) console.log(line)
} catch (err) {
  console.error(err)
  process.exitCode = 1
}
