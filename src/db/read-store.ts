import { openSqliteReadStore } from './sqlite/read-store.js'
import { dialectOf, type Dialect } from './url.js'

export type SqlParam = string | number | bigint | null

export type SearchTable = 'Article' | 'Quote'

/** A piece of SQL and its bound values, in order. */
export interface Fragment {
  sql: string
  params: SqlParam[]
}

/**
 * How full-text search is spelled on one database: SQLite's FTS5 tables ("ArticleFts",
 * "QuoteFts") or PostgreSQL's tsvector tables ("ArticleSearch", "QuoteSearch"). Each fragment
 * takes the search (the FTS5 expression src/search/query.ts builds) as its bound value.
 */
export interface SearchSql {
  /** `SELECT "seq"` of every match. */
  matches(table: SearchTable, fts: string): Fragment
  /** A condition true when row `alias` matches: checked row by row (the walk of a date-ordered list). */
  matchesRow(table: SearchTable, alias: string, fts: string): Fragment
  /** A condition true when row `alias` is among the matches, collected first (the other plan). */
  matchesIn(table: SearchTable, alias: string, fts: string): Fragment
  /**
   * `SELECT "seq", "rank"` of the matches, best first by ascending integer rank; with `window`,
   * only the `window` most recently stored matches are ranked.
   */
  scored(table: SearchTable, fts: string, window: number | null): Promise<Fragment>
}

/**
 * The API's read path: a direct driver per database (better-sqlite3, or node-postgres with named
 * prepared statements), behind one async interface. Prisma owns the models, the migrations and
 * every write; reads skip its per-query cost because they are the hot path. Queries are written
 * once with `?` placeholders; what differs between the databases is spelled by `search` and `sql`.
 */
export interface ReadStore {
  readonly dialect: Dialect
  all<T>(sql: string, params?: SqlParam[]): Promise<T[]>
  get<T>(sql: string, params?: SqlParam[]): Promise<T | undefined>
  /** Runs `read` in one read-only transaction: every statement it makes through `db` sees the same committed state. */
  snapshot<T>(read: (db: ReadStore) => Promise<T>): Promise<T>
  /** Changes whenever a change is committed (by another process, or by Prisma here). */
  dataVersion(): number
  /** Resolves once every change committed before the call is reflected in dataVersion(). */
  catchUp(): Promise<void>
  readonly search: SearchSql
  /** Expressions spelled differently by the two databases. */
  readonly sql: {
    /** 'YYYY-MM' of a date column. */
    month(column: string): string
    /** `IN (...)` over the values of one bound JSON array, compared as `type`. */
    inJsonArray(type: 'text' | 'integer'): string
  }
  close(): Promise<void>
}

/** WHERE conditions and their bound values, collected in order. */
export function conditions() {
  const where: string[] = []
  const params: SqlParam[] = []
  return {
    params,
    add(clause: string, ...values: SqlParam[]) {
      where.push(clause)
      params.push(...values)
    },
    addFragment(f: Fragment) {
      where.push(f.sql)
      params.push(...f.params)
    },
    get none() {
      return where.length === 0
    },
    get sql() {
      return where.length ? `WHERE ${where.join(' AND ')}` : ''
    },
  }
}
export type Conditions = ReturnType<typeof conditions>

export interface ReadStoreOptions {
  /** SQLite: bytes of the file mapped into memory (reads without a copy through the page cache). */
  mmapBytes?: number
  /** SQLite: page cache of this connection, in KiB. */
  cacheKiB?: number
  /** PostgreSQL: connections in the pool. */
  poolSize?: number
  /** Told what an operator should know of how the database was opened (SQLite: a read-only folder served from memory). */
  onWarning?: (message: string) => void
}

/** The read store for `url`: SQLite's or PostgreSQL's (whose packages load only then). */
export async function openReadStore(url: string, opts: ReadStoreOptions = {}): Promise<ReadStore> {
  if (dialectOf(url) === 'postgres') return (await import('./pg/read-store.js')).openPgReadStore(url, opts)
  return openSqliteReadStore(url, opts)
}
