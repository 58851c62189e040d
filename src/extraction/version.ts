import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../paths.js'

/**
 * The extractor's version and the fingerprint of the output it names (a hash of the extraction of
 * a fixed text set: src/evaluation/fingerprint.ts). Versions used before are kept, so none is reused.
 */
export interface ExtractorVersionFile {
  version: string
  fingerprint: string
  /** Per fixture text, the hash of its extraction: says which texts a change touched. */
  documents: Record<string, string>
  previous: { version: string; fingerprint: string }[]
}

export const VERSION_PATH = join(projectRoot, 'src/extraction/version.json')

let loaded: ExtractorVersionFile | undefined

export const extractorVersion = (): ExtractorVersionFile =>
  (loaded ??= JSON.parse(readFileSync(VERSION_PATH, 'utf8')) as ExtractorVersionFile)
