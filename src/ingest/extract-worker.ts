import { workerData } from 'node:worker_threads'
import { budgetOf, type Budget } from '../extraction/budget.js'
import { extract } from '../extraction/pipeline.js'
import { preloadTagger } from '../extraction/stages/tag-entities.js'
import type { ArticleText } from '../extraction/types.js'
import type { StoredExtraction } from './extractions.js'

/** One article and the time its extraction may take (ms, 0: no limit), counted from when the task starts. */
export interface ExtractTask extends ArticleText {
  budgetMs?: number
}

/** What a pool gives its worker threads: a flag the pool sets (to 1) when it closes. */
export interface ExtractWorkerData {
  stop: Int32Array
}

/** The error of a task the closing pool called off: nobody waits for its result any more. */
export class ExtractionStopped extends Error {
  constructor() {
    super('extraction stopped: the extractor is closing')
    this.name = 'ExtractionStopped'
  }
}

// on a worker thread of workerExtractor(): its pool's stop flag; in this thread (inProcess), none
const stop = (workerData as ExtractWorkerData | null)?.stop
const stopped = () => !!stop && Atomics.load(stop, 0) !== 0

/** The article's budget, which also gives up once the pool closes: each task then answers at its next check. */
function stoppable(budget: Budget): Budget {
  if (!stop) return budget
  return {
    check: () => {
      if (stopped()) throw new ExtractionStopped()
      budget.check()
    },
  }
}

let warm = false

/**
 * Loads the tagger and runs the pipeline once on a tiny text, so the first article of a thread
 * does not spend its time budget on loading weights and compiling code.
 */
function warmUp(): void {
  if (warm) return
  warm = true
  preloadTagger()
  extract({ title: '', body: 'Mayor Ann Lee said the plan would work. “We are ready,” she told reporters.' })
}

/** One article's extraction without the sentences nobody stores; the worker threads' task. */
export default function extractForStorage(task: ExtractTask): StoredExtraction {
  if (stopped()) throw new ExtractionStopped() // a task still queued in this worker when the pool closes is not started
  warmUp()
  const { people, quotes, furniture } = extract({ title: task.title, body: task.body }, stoppable(budgetOf(task.budgetMs)))
  return { people, quotes, furniture }
}
