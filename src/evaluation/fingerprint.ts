import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unlimitedBudget } from '../extraction/budget.js'
import { shippedCalibration, type Calibration } from '../extraction/calibration.js'
import { extract } from '../extraction/pipeline.js'
import { TAGGER_VERSION } from '../extraction/stages/tag-entities.js'
import { VERSION_PATH, type ExtractorVersionFile } from '../extraction/version.js'
import { parseFile } from '../ingest/parse.js'
import { projectRoot } from '../paths.js'

/**
 * The texts the extractor's output is fingerprinted on: the sample article, the test articles and
 * invented paragraphs that exercise quotes, pronouns, descriptions, organisations and running speakers.
 */
export const FINGERPRINT_SOURCES = ['prisma/sample-data', 'tests/fixtures/articles', 'tests/fixtures/fingerprint']

function fingerprintTexts(root: string): { id: string; title: string; body: string }[] {
  return FINGERPRINT_SOURCES.flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => /\.(txt|json|jsonl)$/.test(f))
      .sort()
      .flatMap((f) =>
        parseFile(f, readFileSync(join(root, dir, f), 'utf8')).flatMap((r, i) =>
          r.ok ? [{ id: `${dir}/${f}#${i + 1}`, title: r.article.title, body: r.article.body }] : [],
        ),
      ),
  )
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

/**
 * The hash of everything extraction stores, per text and over all of them: page furniture, people
 * with their mentions, quotes with speakers, offsets, cues, kinds and (calibrated) confidences.
 */
export function extractionFingerprint(
  root = projectRoot,
  calibration: Calibration = shippedCalibration(),
): { fingerprint: string; documents: Record<string, string> } {
  const documents: Record<string, string> = {}
  for (const t of fingerprintTexts(root)) {
    const { furniture, people, quotes } = extract({ title: t.title, body: t.body }, unlimitedBudget, calibration)
    documents[t.id] = sha256(JSON.stringify({ furniture, people, quotes }))
  }
  return { fingerprint: `sha256:${sha256(JSON.stringify(documents))}`, documents }
}

/** The next rules version: "rules-8+perceptron-2" → "rules-9+perceptron-2" (with the tagger's current version). */
export function nextVersion(version: string): string {
  const n = /^rules-(\d+)/.exec(version)
  return `rules-${n ? Number(n[1]) + 1 : 1}+${TAGGER_VERSION}`
}

/** What version.json should hold for the current output: unchanged when the fingerprint is, else the next version. */
export function updatedVersionFile(current: ExtractorVersionFile, now: ReturnType<typeof extractionFingerprint>): ExtractorVersionFile {
  if (current.fingerprint === now.fingerprint) return { ...current, documents: now.documents }
  const used = new Set([current.version, ...current.previous.map((p) => p.version)])
  let version = nextVersion(current.version)
  while (used.has(version)) version = nextVersion(version)
  return {
    version,
    fingerprint: now.fingerprint,
    documents: now.documents,
    previous: current.fingerprint
      ? [{ version: current.version, fingerprint: current.fingerprint }, ...current.previous]
      : current.previous,
  }
}

/** The documents whose extraction differs from the one recorded. */
export const changedDocuments = (recorded: Record<string, string>, now: Record<string, string>) =>
  [...new Set([...Object.keys(recorded), ...Object.keys(now)])].filter((id) => recorded[id] !== now[id]).sort()

/** Fingerprints the output now, rewrites version.json (bumping the version when the output changed) and says what it did. */
export function recordFingerprint(path = VERSION_PATH, calibration?: Calibration): string {
  const current = JSON.parse(readFileSync(path, 'utf8')) as ExtractorVersionFile
  const now = extractionFingerprint(projectRoot, calibration)
  const next = updatedVersionFile(current, now)
  writeFileSync(path, JSON.stringify(next, null, 2) + '\n')
  if (next.version === current.version) return `extraction output unchanged: ${current.version} (${now.fingerprint.slice(0, 19)})`
  const changed = changedDocuments(current.documents ?? {}, now.documents)
  return `extraction output changed on ${changed.length} of ${Object.keys(now.documents).length} fixture texts (${changed.join(', ')}): ${current.version} → ${next.version}; commit src/extraction/version.json`
}
