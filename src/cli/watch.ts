import { watch } from 'chokidar'
import { extname } from 'node:path'

/**
 * Calls `onFiles` with the files of `dir` (and below) that appear or change, in batches, one batch
 * at a time, until `signal` aborts; then waits for the batch in hand and resolves. A file is
 * reported once its size has stayed the same for `settleMs`, so a file written in several steps
 * is read whole, once.
 */
export async function watchFolder(
  dir: string,
  extensions: string[],
  signal: AbortSignal,
  onFiles: (paths: string[]) => Promise<void>,
  settleMs = 400,
): Promise<void> {
  const wanted = new Set(extensions.map((e) => `.${e.toLowerCase()}`))
  const watcher = watch(dir, {
    ignoreInitial: true,
    awaitWriteFinish: { stabilityThreshold: settleMs, pollInterval: Math.max(50, settleMs / 4) },
    // folders are always walked; files only with a wanted extension, never a manifest being written
    ignored: (path, stats) => !!stats?.isFile() && !wanted.has(extname(path).toLowerCase()),
  })
  const pending = new Set<string>()
  let running: Promise<void> = Promise.resolve()
  let timer: NodeJS.Timeout | null = null
  const drain = () => {
    timer = null
    if (pending.size === 0) return
    const batch = [...pending].sort()
    pending.clear()
    running = running.then(() => onFiles(batch))
  }
  const queue = (path: string) => {
    if (signal.aborted) return
    pending.add(path)
    timer ??= setTimeout(drain, 100)
  }
  watcher.on('add', queue).on('change', queue)
  await new Promise<void>((ready) => watcher.once('ready', () => ready()))
  await new Promise<void>((stopped) => {
    if (signal.aborted) stopped()
    else signal.addEventListener('abort', () => stopped(), { once: true })
  })
  if (timer) clearTimeout(timer)
  await watcher.close()
  await running
}
