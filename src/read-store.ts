import Database, { type Statement } from 'better-sqlite3'
import { sqlitePath } from './db.js'

export type SqlParam = string | number | bigint | null

/**
 * The API's read path: one better-sqlite3 connection with prepared statements kept by their SQL
 * text. Prisma owns the schema, the migrations and every write; reads skip its per-query
 * compilation because they are the hot path. The connection is query-only.
 */
export interface ReadStore {
  all<T>(sql: string, params?: SqlParam[]): T[]
  get<T>(sql: string, params?: SqlParam[]): T | undefined
  /** Runs `read` in one read transaction: every statement sees the same committed state. */
  snapshot<T>(read: () => T): T
  /** Changes whenever another connection (another process, or Prisma here) commits. */
  dataVersion(): number
  close(): void
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
    get none() {
      return where.length === 0
    },
    get sql() {
      return where.length ? `WHERE ${where.join(' AND ')}` : ''
    },
  }
}

export interface ReadStoreOptions {
  /** Bytes of the file mapped into memory (reads without a copy through the page cache). */
  mmapBytes?: number
  /** Page cache of this connection, in KiB. */
  cacheKiB?: number
}

interface RowStatement {
  statement: Statement
  toObject: (row: unknown[]) => Record<string, unknown>
}

/**
 * A statement that returns rows as arrays, and a compiled function that turns one into an object
 * literal of the statement's columns. better-sqlite3 builds row objects property by property
 * (about 0.3 µs per column); a literal of fixed shape costs a fraction of that, and a page of 20
 * quotes has 27 columns each.
 */
function rowStatement(statement: Statement): RowStatement {
  if (!statement.reader) return { statement, toObject: () => ({}) }
  const fields = statement.columns().map((c, i) => `${JSON.stringify(c.name)}: row[${i}]`)
  // the names come from our own SQL text, quoted as JSON string literals
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- deliberate: a compiled literal per statement is the point
  const toObject = new Function('row', `return { ${fields.join(', ')} }`) as RowStatement['toObject']
  return { statement: statement.raw(true), toObject }
}

export function openReadStore(url: string, opts: ReadStoreOptions = {}): ReadStore {
  const db = url === 'file::memory:' ? new Database(':memory:') : new Database(sqlitePath(url), { fileMustExist: true })
  db.pragma('busy_timeout = 10000')
  db.pragma(`mmap_size = ${Math.trunc(opts.mmapBytes ?? 2 ** 31)}`)
  db.pragma(`cache_size = -${Math.trunc(opts.cacheKiB ?? 65_536)}`)
  db.pragma('query_only = ON')
  const statements = new Map<string, RowStatement>()
  const prepared = (sql: string) => {
    let s = statements.get(sql)
    if (!s) statements.set(sql, (s = rowStatement(db.prepare(sql))))
    return s
  }
  const version = db.prepare('PRAGMA data_version').pluck()
  return {
    all: <T>(sql: string, params: SqlParam[] = []) => {
      const { statement, toObject } = prepared(sql)
      return (statement.all(...params) as unknown[][]).map(toObject) as T[]
    },
    get: <T>(sql: string, params: SqlParam[] = []) => {
      const { statement, toObject } = prepared(sql)
      const row = statement.get(...params) as unknown[] | undefined
      return row && (toObject(row) as T)
    },
    snapshot: <T>(read: () => T) => db.transaction(read).deferred(),
    dataVersion: () => version.get() as number,
    close: () => db.close(),
  }
}
