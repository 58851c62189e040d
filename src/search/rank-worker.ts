import { workerData } from 'piscina'
import { openReadStore } from '../read-store.js'
import { createArticleRepository, type ArticleFilter } from '../modules/articles/articles.repository.js'

// each worker thread reads through its own query-only connection to the same file
const articles = createArticleRepository(openReadStore((workerData as { url: string }).url))

/** One broad full-text search, ranked: the worker threads' task. */
export default function rank(filter: ArticleFilter) {
  return articles.list(filter)
}
