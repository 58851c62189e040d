import { describe, expect, it } from 'vitest'
import { changedDocuments, extractionFingerprint, nextVersion, updatedVersionFile } from '../../src/evaluation/fingerprint.js'
import { fitIsotonic, reliability } from '../../src/evaluation/calibration.js'
import { calibrate, calibratedConfidence, type Calibration } from '../../src/extraction/calibration.js'
import { EXTRACTOR_VERSION } from '../../src/extraction/pipeline.js'
import { extractorVersion } from '../../src/extraction/version.js'
import { TAGGER_VERSION } from '../../src/extraction/stages/tag-entities.js'

describe('the extractor version names its output', () => {
  it('changes whenever the extraction of the fixture texts does', () => {
    const recorded = extractorVersion()
    const now = extractionFingerprint()
    const changed = changedDocuments(recorded.documents, now.documents)
    const message =
      `Extraction output changed (on ${changed.join(', ')}) but EXTRACTOR_VERSION is still ${recorded.version}. ` +
      'Run `npm run extraction:fingerprint` (or `npm run calibrate` when speaker resolution or the patterns changed): it bumps the ' +
      'version in src/extraction/version.json, so `newsdesk ingest --reextract` re-extracts stored articles. Commit that file.'
    expect(now.fingerprint, message).toBe(recorded.fingerprint)
    expect(EXTRACTOR_VERSION).toBe(recorded.version)
  })

  it('never reuses a version that named other output', () => {
    const { version, previous } = extractorVersion()
    expect(previous.map((p) => p.version)).not.toContain(version)
    expect(new Set(previous.map((p) => p.version)).size).toBe(previous.length)
  })

  it('bumps the rules number and keeps the history when the fingerprint changes', () => {
    const current = { version: 'rules-8+perceptron-2', fingerprint: 'sha256:a', documents: { x: 'a' }, previous: [] }
    // the new version names the tagger the code expects now
    expect(nextVersion('rules-8+perceptron-2')).toBe(`rules-9+${TAGGER_VERSION}`)
    expect(updatedVersionFile(current, { fingerprint: 'sha256:a', documents: { x: 'a' } }).version).toBe('rules-8+perceptron-2')
    const next = updatedVersionFile(current, { fingerprint: 'sha256:b', documents: { x: 'b' } })
    expect(next).toMatchObject({ version: `rules-9+${TAGGER_VERSION}`, fingerprint: 'sha256:b' })
    expect(next.previous).toEqual([{ version: 'rules-8+perceptron-2', fingerprint: 'sha256:a' }])
    // a version named in the history (another branch's bump) is skipped
    const taken = updatedVersionFile({ ...current, previous: [{ version: `rules-9+${TAGGER_VERSION}`, fingerprint: 'sha256:z' }] }, next)
    expect(taken.version).toBe(`rules-10+${TAGGER_VERSION}`)
  })
})

describe('confidence calibration', () => {
  const blocks = [
    { lo: 0.2, hi: 0.3, p: 0.1, n: 50 },
    { lo: 0.6, hi: 0.7, p: 0.6, n: 50 },
    { lo: 0.8, hi: 0.85, p: 0.9, n: 50 },
  ]
  it('maps raw confidence through the fitted blocks, joining them with a line and keeping the order', () => {
    expect(calibrate(0.1, blocks)).toBe(0.1)
    expect(calibrate(0.25, blocks)).toBe(0.1)
    expect(calibrate(0.45, blocks)).toBeCloseTo(0.35)
    expect(calibrate(0.7, blocks)).toBe(0.6)
    expect(calibrate(0.95, blocks)).toBe(0.9)
    const raws = Array.from({ length: 101 }, (_, i) => i / 100)
    const mapped = raws.map((r) => calibrate(r, blocks))
    expect(mapped).toEqual([...mapped].sort((a, b) => a - b))
  })

  it('uses the curve of the speaker class', () => {
    const c: Calibration = { method: '', fittedOn: [], curves: { person: blocks, named: [{ lo: 0, hi: 1, p: 0.5, n: 1 }], unknown: [] } }
    const speaker = { text: 'X', start: 0, end: 1, type: 'organization' as const, person: null, name: 'X' }
    expect(calibratedConfidence({ confidence: 0.8, speaker: { ...speaker, type: 'person', person: 0 } }, c)).toBe(0.9)
    expect(calibratedConfidence({ confidence: 0.8, speaker }, c)).toBe(0.5)
    expect(calibratedConfidence({ confidence: 0.8, speaker: { ...speaker, type: 'unknown' } }, c)).toBe(0.8)
  })
})

describe('fitting the calibration', () => {
  const judged = (raw: number, right: number, wrong: number) => [
    ...Array.from({ length: right }, () => ({ raw, right: true })),
    ...Array.from({ length: wrong }, () => ({ raw, right: false })),
  ]
  it('pools adjacent violators into non-decreasing blocks, smoothed toward the overall rate', () => {
    // 0.6 is right more often than 0.7: the two pool into one block
    const blocks = fitIsotonic([...judged(0.3, 1, 9), ...judged(0.6, 8, 2), ...judged(0.7, 6, 4), ...judged(0.8, 19, 1)], 0)
    expect(blocks.map((b) => [b.lo, b.hi, b.p, b.n])).toEqual([
      [0.3, 0.3, 0.1, 10],
      [0.6, 0.7, 0.7, 20],
      [0.8, 0.8, 0.95, 20],
    ])
    const smoothed = fitIsotonic(judged(0.9, 2, 0), 4)
    expect(smoothed[0]!.p).toBe(1) // the overall rate is 1 here
    expect(fitIsotonic([...judged(0.2, 0, 2), ...judged(0.9, 2, 0)], 4).map((b) => b.p)).toEqual([0.333, 0.667])
  })
  it('reports calibrated confidence in bins with the share of right quotes', () => {
    const speaker = { text: 'X', start: 0, end: 1, type: 'person' as const, person: 0, name: 'X' }
    const rows = reliability(
      [...judged(0.85, 9, 1), ...judged(0.15, 1, 3)].map((j) => ({ ...j, speaker })),
      null,
    )
    expect(rows.map((r) => [r.from.toFixed(1), r.count, r.accuracy])).toEqual([
      ['0.1', 4, 0.25],
      ['0.8', 10, 0.9],
    ])
  })
})
