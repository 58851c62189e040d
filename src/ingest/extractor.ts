import { availableParallelism } from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import { Piscina } from 'piscina'
import { defaultBudgetMs } from '../extraction/budget.js'
import extractForStorage, { ExtractionStopped, type ExtractTask, type ExtractWorkerData } from './extract-worker.js'
import type { ArticleText } from '../extraction/types.js'
import type { StoredExtraction } from './extractions.js'

/** Where extraction runs: in this thread, or on a pool of worker threads while this one writes. */
export interface Extractor {
  extract(doc: ArticleText): Promise<StoredExtraction>
  close(): Promise<void>
}

/**
 * Extraction in this thread, each article within `budgetMs` (default `EXTRACTION_BUDGET_MS`, else
 * 10 s): past it the article fails alone with "extraction took longer than …".
 */
export function inProcess(budgetMs = defaultBudgetMs()): Extractor {
  return {
    extract: async (doc) => extractForStorage({ title: doc.title, body: doc.body, budgetMs }),
    close: async () => {},
  }
}

/** In this thread with the default budget, read from the environment at each article. */
export const inProcessExtractor: Extractor = {
  extract: async (doc) => extractForStorage({ title: doc.title, body: doc.body, budgetMs: defaultBudgetMs() }),
  close: async () => {},
}

/** One worker thread per core: the writer needs less than a core, and waits on SQLite part of the time. */
export const defaultWorkerCount = () => Math.max(1, availableParallelism())

/**
 * How long a task may stay with the pool, queue included, before its worker is presumed stuck
 * and terminated: far past the budget, which the extraction checks itself at every sentence, and
 * longer than the 16 tasks a worker may hold all running to their budgets.
 */
const backstopMs = (budgetMs: number) => (budgetMs > 0 ? Math.max(60_000, budgetMs * 20) : 0)

/** Piscina's rejection of the other tasks of a worker it terminates. */
const isTermination = (err: unknown) => err instanceof Error && /terminat/i.test(err.message)

/** How long closing waits for the workers to answer the tasks they hold before it terminates them anyway. */
const CLOSE_WAIT_MS = 10_000

/**
 * Extraction on `threads` worker threads (from TypeScript sources, the workers load them through
 * tsx). Each article runs within `budgetMs`, counted in the worker from the task's start; a task
 * that outlives the backstop has its worker terminated and replaced (the worker is recycled), and
 * the tasks that shared that worker are run again once.
 *
 * Closing (at the end of a run, or after Ctrl-C with tasks still out) goes in an order that leaves
 * no answer in flight: no new task is taken, the workers are told to stop (each task they hold
 * answers at its next budget check, those not started answer at once), every task's answer is
 * received, and only then are the idle workers terminated. Piscina reports an answer that arrives
 * after its worker was terminated as an 'error' event ("Unexpected message from Worker"), which
 * without a listener ends the process.
 */
export function workerExtractor(threads = defaultWorkerCount(), budgetMs = defaultBudgetMs(), backstop = backstopMs(budgetMs)): Extractor {
  const fromSource = import.meta.url.endsWith('.ts')
  const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
  const pool = new Piscina<ExtractTask, StoredExtraction>({
    filename: new URL(`./extract-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    // a queue inside each worker: it goes on while this thread is busy writing and cannot hand out the next task
    concurrentTasksPerWorker: 16,
    // a bounded heap makes the collector work early instead of letting memory grow; an article
    // too big for it fails alone (the worker is replaced), it cannot take the process down
    resourceLimits: { maxOldGenerationSizeMb: 160 },
    workerData: { stop } satisfies ExtractWorkerData,
    ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}),
  })
  // a worker terminated by the backstop may have answered in the same instant: its task has already
  // failed (or runs again), so the late answer is dropped; anything else still ends the process
  pool.on('error', (err: Error) => {
    if (!err.message.startsWith('Unexpected message from Worker')) throw err
  })
  const outstanding = new Set<Promise<unknown>>()
  let closing = false
  const submit = (task: ExtractTask, signal: AbortSignal | undefined) => {
    const answer = pool.run(task, signal ? { signal } : {})
    outstanding.add(answer)
    const settle = () => outstanding.delete(answer)
    answer.then(settle, settle)
    return answer
  }
  const run = async (doc: ArticleText, retried = false): Promise<StoredExtraction> => {
    if (closing) throw new ExtractionStopped()
    const signal = backstop > 0 ? AbortSignal.timeout(backstop) : undefined
    try {
      return await submit({ title: doc.title, body: doc.body, budgetMs }, signal)
    } catch (err) {
      if (signal?.aborted)
        throw new Error(`extraction did not finish within ${backstop / 1000} s; its worker was restarted`, { cause: err })
      if (isTermination(err) && !retried) return run(doc, true)
      throw err
    }
  }
  const close = async () => {
    closing = true
    Atomics.store(stop, 0, 1)
    const answered = Promise.allSettled([...outstanding])
    await Promise.race([answered, delay(CLOSE_WAIT_MS, undefined, { ref: false })])
    // a worker still silent is stuck inside one step of an article (the backstop's case): it posts nothing
    await pool.destroy()
  }
  return {
    extract: (doc) => run(doc),
    close,
  }
}
