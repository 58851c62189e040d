import { workerData } from 'piscina'
import { openReadStore } from '../db/read-store.js'
import { createArticleRepository, type ArticleFilter } from '../modules/articles/articles.repository.js'

// each worker thread reads through its own query-only connection to the same file, opened on its first task
let articles: Promise<ReturnType<typeof createArticleRepository>> | null = null

/** One broad full-text search, ranked: the worker threads' task. */
export default async function rank(filter: ArticleFilter) {
  articles ??= openReadStore((workerData as { url: string }).url).then(createArticleRepository)
  return (await articles).list(filter)
}
