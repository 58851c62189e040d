import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises'
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

export async function readSource(path: string): Promise<Uint8Array> {
  if (path !== '-') return readFile(path)
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export { reason as fsErrorReason }
