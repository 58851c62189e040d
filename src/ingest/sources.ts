import { createReadStream } from 'node:fs'
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises'
import { ParseError } from './types.js'
import { extname, join } from 'node:path'

export const DEFAULT_EXTENSIONS = ['txt', 'json', 'jsonl', 'ndjson']

/** A file to read, or a path that could not be walked, with the reason. */
export type Source = { path: string; error?: undefined } | { path: string; error: string }

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
  async function* walk(path: string, explicit: boolean): AsyncGenerator<Source> {
    let info
    try {
      info = await stat(path)
    } catch (err) {
      yield { path, error: reason(err) }
      return
    }
    if (info.isFile()) {
      if (explicit || extensions.includes(extname(path).slice(1).toLowerCase())) yield { path }
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
