import { createReadStream } from 'node:fs'
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises'
import type { RecordResult } from './parse.js'
import { ParseError } from './types.js'
import { dirname, extname, join, relative, resolve } from 'node:path'

export const DEFAULT_EXTENSIONS = ['txt', 'json', 'jsonl', 'ndjson', 'html', 'htm', 'xhtml', 'rss', 'atom', 'xml']

/**
 * A file to read (with its line of a folder manifest, if any), or a path that could not be walked,
 * with the reason. A source may also bring its records itself (a request body, a fetched page, a
 * feed's items): `path` then only names it in outcomes, and `sourcePath` is what articles keep.
 */
export type Source =
  | {
      path: string
      error?: undefined
      meta?: Record<string, unknown>
      records?: () => AsyncIterable<SourceRecord> | Iterable<SourceRecord>
      sourcePath?: string | null
    }
  | { path: string; error: string; meta?: undefined; records?: undefined; sourcePath?: undefined }

/** A record its source already knows is stored unchanged (a web page answering 304 Not Modified); `id` when known. */
export type UnchangedRecord = { ok: 'unchanged'; where: string; id: string | null }
export type SourceRecord = RecordResult | UnchangedRecord

/** A folder's metadata file: one JSON object per line naming a file beside it (`file`, `path` or `filename`). */
export const MANIFEST_NAMES = ['manifest.jsonl', 'manifest.ndjson']
const REFERENCE_FIELDS = ['file', 'path', 'filename'] as const
const ARTICLE_FIELDS = ['body', 'text', 'content']

/**
 * The metadata a manifest gives each file it names (keyed by absolute path), or null when the
 * file is not a metadata manifest: every line must be an object naming a file in or under the
 * manifest's folder and carrying no article text (a JSON Lines file of articles is ingested as such).
 */
export async function readManifest(path: string): Promise<Map<string, Record<string, unknown>> | null> {
  let text: string
  try {
    if ((await stat(path)).size > MAX_FILE_BYTES) return null
    text = await readFile(path, 'utf8')
  } catch {
    return null
  }
  const dir = resolve(dirname(path))
  const entries = new Map<string, Record<string, unknown>>()
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      return null
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
    const record = value as Record<string, unknown>
    const ref = REFERENCE_FIELDS.map((f) => record[f]).find((v) => typeof v === 'string' && v.trim())
    if (typeof ref !== 'string' || ARTICLE_FIELDS.some((f) => f in record)) return null
    const file = resolve(dir, ref)
    const rel = relative(dir, file)
    if (!rel || rel.startsWith('..')) return null
    entries.set(file, record)
  }
  return entries.size > 0 ? entries : null
}

const reason = (err: unknown) => {
  const e = err as NodeJS.ErrnoException
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied'
  if (e.code === 'ENOENT') return 'no such file or directory'
  if (e.code === 'ELOOP') return 'symbolic link loop'
  return e.message ?? String(err)
}

/**
 * Files under the given paths, in a stable order. Directories are walked recursively, hidden
 * entries skipped, symbolic links followed once (a link back into a walked directory is reported,
 * not followed), and only files with one of `extensions` taken from directories.
 */
export async function* walkSources(paths: string[], extensions = DEFAULT_EXTENSIONS): AsyncGenerator<Source> {
  const seenDirs = new Set<string>()
  // manifests read so far (by absolute path), and the metadata they give files (by absolute path)
  const manifests = new Map<string, Map<string, Record<string, unknown>> | null>()
  const metadata = new Map<string, Record<string, unknown>>()
  const manifestOf = async (dir: string) => {
    const names = MANIFEST_NAMES.map((n) => resolve(dir, n))
    for (const name of names) {
      if (!manifests.has(name)) {
        const entries = await readManifest(name)
        manifests.set(name, entries)
        for (const [file, meta] of entries ?? []) metadata.set(file, meta)
      }
    }
    return names.filter((n) => manifests.get(n))
  }
  const source = (path: string): Source => {
    const meta = metadata.get(resolve(path))
    return meta ? { path, meta } : { path }
  }
  async function* walk(path: string, explicit: boolean): AsyncGenerator<Source> {
    let info
    try {
      info = await stat(path)
    } catch (err) {
      yield { path, error: reason(err) }
      return
    }
    if (info.isFile()) {
      const known = await manifestOf(dirname(path))
      if (known.includes(resolve(path))) {
        // a manifest stands for the files it names; given by itself, those are what is ingested
        if (explicit) for (const file of manifests.get(resolve(path))!.keys()) yield* walk(file, true)
        return
      }
      if (explicit || extensions.includes(extname(path).slice(1).toLowerCase())) yield source(path)
      return
    }
    if (!info.isDirectory()) {
      if (explicit) yield { path, error: 'not a regular file or directory' }
      return
    }
    const real = await realpath(path)
    if (seenDirs.has(real)) {
      if ((await lstat(path)).isSymbolicLink()) yield { path, error: 'symbolic link loop (directory already walked)' }
      return
    }
    seenDirs.add(real)
    let entries
    try {
      entries = await readdir(path)
    } catch (err) {
      yield { path, error: reason(err) }
      return
    }
    await manifestOf(path) // before the files, which may sit in folders below it
    for (const name of entries.sort()) {
      if (name.startsWith('.')) continue
      yield* walk(join(path, name), false)
    }
  }
  for (const p of paths) {
    if (p === '-') yield { path: '-' }
    else yield* walk(p, true)
  }
}

/** Whole-file formats are read into memory up to this size; JSON Lines files are streamed, whatever their size. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024
const tooLarge = () => new ParseError(`file larger than ${MAX_FILE_BYTES / 1024 / 1024} MB (use JSON Lines for large collections)`)

export async function readSource(path: string): Promise<Uint8Array> {
  if (path !== '-') {
    if ((await stat(path)).size > MAX_FILE_BYTES) throw tooLarge()
    return readFile(path)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length
    if (size > MAX_FILE_BYTES) throw tooLarge()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** The lines of a file as bytes (without the newline), read in chunks: memory stays flat however big the file is. */
export async function* readLines(path: string): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0)
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let data = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer)
    let newline
    while ((newline = data.indexOf(0x0a)) >= 0) {
      yield data.subarray(0, newline)
      data = data.subarray(newline + 1)
    }
    rest = Buffer.from(data)
  }
  if (rest.length) yield rest
}

export { reason as fsErrorReason }
