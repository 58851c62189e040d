import { extract } from '../extraction/pipeline.js'
import type { ArticleText } from '../extraction/types.js'
import type { StoredExtraction } from './store.js'

/** One article's extraction without the sentences nobody stores; the worker threads' task. */
export default function extractForStorage(doc: ArticleText): StoredExtraction {
  const { people, quotes, furniture } = extract(doc)
  return { people, quotes, furniture }
}
