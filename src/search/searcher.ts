import { Piscina } from 'piscina'
import { dialectOf } from '../db/url.js'
import { ServiceUnavailableError } from '../errors.js'
import type { ArticleFilter, ArticleRepository, ArticleSummaryRow } from '../modules/articles/articles.repository.js'

/**
 * Runs article searches ranked by relevance. Ranking scores every match: a word found in most of
 * 100,000 articles takes tens of milliseconds, and on the request thread every other request
 * would wait behind it (four clients searching such words cut article reads from ~2,000 to ~320
 * per second). A search with many matches therefore runs on a worker thread with its own
 * connection; one with few (counted up to the threshold, in microseconds) stays here, where it is
 * cheaper than a thread hop.
 */
export interface Searcher {
  articles(filter: ArticleFilter & { fts: string }): Promise<ArticleSummaryRow[]>
  /** Searches so far: ranked in the request thread, on worker threads, refused because too many waited. */
  readonly counts: { inThread: number; onWorkers: number; refused: number }
  close(): Promise<void>
}

export interface SearcherOptions {
  /** Worker threads; 0: every search in the request thread. */
  threads: number
  /** Searches with more matches than this go to a worker thread. */
  heavyMatches: number
  /** Searches waiting for a thread before new ones are refused with 503. */
  maxQueue: number
}

export function createSearcher(url: string, repo: ArticleRepository, opts: SearcherOptions): Searcher {
  const counts = { inThread: 0, onWorkers: 0, refused: 0 }
  const inThread = (filter: ArticleFilter) => {
    counts.inThread++
    return repo.list(filter)
  }
  // an in-memory database exists in this thread only; PostgreSQL ranks in its own processes while this thread waits
  if (opts.threads === 0 || url === 'file::memory:' || dialectOf(url) === 'postgres') {
    return { articles: (filter) => inThread(filter), counts, close: async () => {} }
  }
  const fromSource = import.meta.url.endsWith('.ts')
  const pool = new Piscina<ArticleFilter, ArticleSummaryRow[]>({
    filename: new URL(`./rank-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href,
    workerData: { url },
    minThreads: 0,
    maxThreads: opts.threads,
    idleTimeout: 60_000,
    ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}),
  })
  return {
    async articles(filter) {
      if (!(await repo.matchesMoreThan(filter.fts, opts.heavyMatches))) return inThread(filter)
      if (pool.queueSize >= opts.maxQueue) {
        counts.refused++
        throw new ServiceUnavailableError(`${pool.queueSize} broad searches are waiting already; retry later`)
      }
      counts.onWorkers++
      return pool.run(filter)
    },
    counts,
    close: () => pool.destroy(),
  }
}
