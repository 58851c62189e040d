import { availableParallelism } from 'node:os'
import { Piscina } from 'piscina'
import extractForStorage from './extract-worker.js'
import type { ArticleText } from '../extraction/types.js'
import type { StoredExtraction } from './store.js'

/** Where extraction runs: in this thread, or on a pool of worker threads while this one writes. */
export interface Extractor {
  extract(doc: ArticleText): Promise<StoredExtraction>
  close(): Promise<void>
}

export const inProcessExtractor: Extractor = {
  extract: async (doc) => extractForStorage(doc),
  close: async () => {},
}

/** One worker thread per core: the writer needs less than a core, and waits on SQLite part of the time. */
export const defaultWorkerCount = () => Math.max(1, availableParallelism())

/** Extraction on `threads` worker threads (from TypeScript sources, the workers load them through tsx). */
export function workerExtractor(threads = defaultWorkerCount()): Extractor {
  const fromSource = import.meta.url.endsWith('.ts')
  const pool = new Piscina<ArticleText, StoredExtraction>({
    filename: new URL(`./extract-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    // a queue inside each worker: it goes on while this thread is busy writing and cannot hand out the next task
    concurrentTasksPerWorker: 16,
    // a bounded heap makes the collector work early instead of letting memory grow; an article
    // too big for it fails alone (the worker is replaced), it cannot take the process down
    resourceLimits: { maxOldGenerationSizeMb: 160 },
    ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}),
  })
  return {
    extract: (doc) => pool.run({ title: doc.title, body: doc.body }),
    close: () => pool.destroy(),
  }
}
