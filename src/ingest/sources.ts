import { constants, type Stats } from 'node:fs'
import { lstat, open, readdir, realpath, stat, type FileHandle } from 'node:fs/promises'
import type { RecordResult } from './parse.js'
import { ParseError } from './types.js'
import { dirname, extname, join, relative, resolve, sep } from 'node:path'

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
    const { handle, info } = await openRegular(path)
    try {
      if (info.size > MAX_FILE_BYTES) return null
      text = await handle.readFile('utf8')
    } finally {
      await handle.close()
    }
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

/** What a path that is neither a file nor a folder is. */
function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  return 'neither a file nor a folder'
}

/** Why a FIFO, a socket or a device is not read. */
const notRegular = (info: Stats) => `not a regular file (${kindOf(info)})${info.isFIFO() ? ': to read a stream, pipe it to -' : ''}`

/** Whether the real path `real` is `root` or lies under it. */
const isInside = (real: string, root: string) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep)

/**
 * Where a walk's paths come from: named by the user (their choice, read wherever a link leads),
 * listed by a manifest the user named, or found in a walked folder (only the wanted extensions).
 */
type Origin = 'named' | 'listed' | 'found'

export interface WalkOptions {
  /**
   * The folders the paths were found in (a watch hands over what changed in its folder): the paths
   * are then taken as found there, under the same rules as a folder's entries. Default: the paths
   * are named by the user, and are themselves the roots.
   */
  roots?: string[]
}

/**
 * Files under the given paths, in a stable order. Directories are walked recursively, hidden
 * entries skipped, and only files with one of `extensions` taken from directories. A symbolic link
 * found in a folder is followed only when its real target lies inside the paths given (once: a
 * link back into a walked directory is reported, not followed); one leading outside is reported
 * with its target when it would have been taken (a wanted extension, or a folder), never read. A
 * path named is the user's choice and is followed wherever it leads. FIFOs, sockets and devices are
 * never opened: reported when named, or found with a wanted extension.
 */
export async function* walkSources(paths: string[], extensions = DEFAULT_EXTENSIONS, opts: WalkOptions = {}): AsyncGenerator<Source> {
  const given = opts.roots ?? paths.filter((p) => p !== '-')
  const roots = (await Promise.all(given.map((p) => realpath(p).catch(() => null)))).filter((r) => r !== null)
  const inRoots = (real: string) => roots.some((root) => isInside(real, root))
  const wanted = (path: string) => extensions.includes(extname(path).slice(1).toLowerCase())
  /** The real target of a symbolic link that leaves the roots (and `also`), or null: not a link, inside, or leading nowhere (stat says why). */
  const leadsOutside = async (path: string, also?: string): Promise<string | null> => {
    if (!(await lstat(path)).isSymbolicLink()) return null
    const real = await realpath(path).catch(() => null)
    if (real === null || inRoots(real) || (also && isInside(real, also))) return null
    return real
  }
  const seenDirs = new Set<string>()
  // manifests read so far (by absolute path), and the metadata they give files (by absolute path)
  const manifests = new Map<string, Map<string, Record<string, unknown>> | null>()
  const metadata = new Map<string, Record<string, unknown>>()
  const manifestOf = async (dir: string) => {
    const names = MANIFEST_NAMES.map((n) => resolve(dir, n))
    for (const name of names) {
      if (!manifests.has(name)) {
        // a manifest that is a link out of its folder is not read (found in the walk, it is reported)
        const outside = await leadsOutside(name, await realpath(dir).catch(() => undefined)).catch(() => null)
        const entries = outside === null ? await readManifest(name) : null
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
  async function* walk(path: string, origin: Origin, top: boolean): AsyncGenerator<Source> {
    let info
    try {
      const outside = origin === 'named' ? null : await leadsOutside(path)
      if (outside !== null) {
        const isDir = await stat(path).then(
          (s) => s.isDirectory(),
          () => false,
        )
        if (origin === 'listed' || isDir || wanted(path)) yield { path, error: `symbolic link leads outside the folder (${outside})` }
        return
      }
      info = await stat(path)
    } catch (err) {
      yield { path, error: reason(err) }
      return
    }
    if (info.isFile()) {
      const known = await manifestOf(dirname(path))
      if (known.includes(resolve(path))) {
        // a manifest stands for the files it names; given by itself, those are what is ingested (its folder then counts as given)
        if (top) {
          roots.push(await realpath(dirname(path)))
          for (const file of manifests.get(resolve(path))!.keys()) yield* walk(file, 'listed', false)
        }
        return
      }
      if (origin !== 'found' || wanted(path)) yield source(path)
      return
    }
    if (!info.isDirectory()) {
      // never opened: a FIFO would block the walk until something writes to it
      if (origin !== 'found' || wanted(path)) yield { path, error: notRegular(info) }
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
      yield* walk(join(path, name), 'found', false)
    }
  }
  for (const p of paths) {
    if (p === '-') yield { path: '-' }
    else yield* walk(p, opts.roots ? 'found' : 'named', true)
  }
}

/**
 * Opens a file for reading if it is a regular file, as the open file says (the walk's look at the
 * path may be out of date): a FIFO is opened without waiting for a writer, then refused.
 */
async function openRegular(path: string): Promise<{ handle: FileHandle; info: Stats }> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new ParseError(notRegular(info))
    return { handle, info }
  } catch (err) {
    await handle.close()
    throw err
  }
}

/** Whole-file formats are read into memory up to this size; JSON Lines files are streamed, whatever their size. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024
const tooLarge = () => new ParseError(`file larger than ${MAX_FILE_BYTES / 1024 / 1024} MB (use JSON Lines for large collections)`)

export async function readSource(path: string): Promise<Uint8Array> {
  if (path !== '-') {
    const { handle, info } = await openRegular(path)
    try {
      if (info.size > MAX_FILE_BYTES) throw tooLarge()
      return await handle.readFile()
    } finally {
      await handle.close()
    }
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
  const { handle } = await openRegular(path)
  for await (const chunk of handle.createReadStream({ highWaterMark: 1 << 20 })) {
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
