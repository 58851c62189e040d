import { extract } from '../extraction/pipeline.js'
import type { ArticleText } from '../extraction/types.js'
import type { StoredExtraction } from './store.js'

/** Runs in a worker thread: one article's extraction, without the sentences nobody stores. */
export default function extractInWorker(doc: ArticleText): StoredExtraction {
  const { people, quotes } = extract(doc)
  return { people, quotes }
}
