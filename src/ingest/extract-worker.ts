import { budgetOf } from '../extraction/budget.js'
import { extract } from '../extraction/pipeline.js'
import { preloadTagger } from '../extraction/stages/tag-entities.js'
import type { ArticleText } from '../extraction/types.js'
import type { StoredExtraction } from './extractions.js'

/** One article and the time its extraction may take (ms, 0: no limit), counted from when the task starts. */
export interface ExtractTask extends ArticleText {
  budgetMs?: number
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
  warmUp()
  const { people, quotes, furniture } = extract({ title: task.title, body: task.body }, budgetOf(task.budgetMs))
  return { people, quotes, furniture }
}
