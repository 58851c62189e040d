/**
 * Records the fingerprint of the extractor's output in src/extraction/version.json and bumps the
 * extractor version when it changed, so `newsdesk ingest --reextract` re-extracts stored articles.
 *
 *   npm run extraction:fingerprint
 */
import { recordFingerprint } from '../src/evaluation/fingerprint.js'

try {
  console.log(recordFingerprint())
} catch (err) {
  console.error(err)
  process.exitCode = 1
}
