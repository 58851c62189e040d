import { watch } from 'chokidar'
import { statSync } from 'node:fs'
import { realpath } from 'node:fs/promises'
import { extname, join, relative } from 'node:path'

/**
 * Calls `onFiles` with the files of `dir` (and below): those already there, then those that appear
 * or change, in batches, one batch at a time, until `signal` aborts; then waits for the batch in
 * hand and resolves. A file is reported once its size has stayed the same for `settleMs`, so a
 * file written in several steps is read whole, once. `onReady` is called once the folder is
 * watched. A batch that fails is reported to `onError` and watching goes on.
 *
 * Symbolic links are not followed by the watcher (one to `/` would have it watch the whole file
 * system): they are handed over as they are, and `onFiles` decides (walkSources with the folder as
 * its root). Paths are given under `dir` as named, even when `dir` is itself a link.
 */
export async function watchFolder(
  dir: string,
  extensions: string[],
  signal: AbortSignal,
  onFiles: (paths: string[]) => Promise<void>,
  opts: { settleMs?: number; onReady?: () => void; onError?: (err: unknown) => void } = {},
): Promise<void> {
  const settleMs = opts.settleMs ?? 400
  const wanted = new Set(extensions.map((e) => `.${e.toLowerCase()}`))
  // the watcher is given the real folder (it would take a link it is given as a file), and what it reports is named under `dir`
  const real = await realpath(dir)
  const watcher = watch(real, {
    followSymlinks: false,
    // files already there are loaded too (stored ones come out unchanged): nothing dropped while no one watched is lost
    ignoreInitial: false,
    awaitWriteFinish: { stabilityThreshold: settleMs, pollInterval: Math.max(50, settleMs / 4) },
    // folders are always walked; files only with a wanted extension, never a manifest being written
    ignored: (path, stats) => !!stats?.isFile() && !wanted.has(extname(path).toLowerCase()),
  })
  const pending = new Set<string>()
  let running: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | null = null
  // what each file was when last handed over: a change event for a file as it was already read is dropped
  const handed = new Map<string, string>()
  const signature = (path: string) => {
    try {
      const st = statSync(path)
      return `${st.size}:${st.mtimeMs}`
    } catch {
      return null
    }
  }
  const drain = () => {
    timer = null
    const batch = [...pending].sort().filter((path) => {
      const now = signature(path)
      if (now === null || handed.get(path) === now) return false
      handed.set(path, now)
      return true
    })
    pending.clear()
    if (batch.length === 0) return
    running = running.then(() => onFiles(batch)).catch((err: unknown) => opts.onError?.(err))
  }
  const queue = (path: string) => {
    if (signal.aborted) return
    pending.add(join(dir, relative(real, path)))
    timer ??= setTimeout(drain, 100)
  }
  watcher.on('add', queue).on('change', queue)
  await new Promise<void>((ready) => watcher.once('ready', () => ready()))
  opts.onReady?.()
  await new Promise<void>((stopped) => {
    if (signal.aborted) stopped()
    else signal.addEventListener('abort', () => stopped(), { once: true })
  })
  if (timer) clearTimeout(timer)
  await watcher.close()
  await running
}
