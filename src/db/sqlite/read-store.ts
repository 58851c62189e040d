import Database, { type Statement } from 'better-sqlite3'
import type { ReadStore, ReadStoreOptions, SqlParam } from '../read-store.js'
import { rowObjectMaker } from '../row-objects.js'
import { sqlitePath } from '../url.js'
import { fts5Search } from './search-sql.js'
import { openSqliteForReading } from './open.js'

interface RowStatement {
  statement: Statement
  toObject: (row: unknown[]) => Record<string, unknown>
}

/** A statement that returns rows as arrays, and the compiled function that turns one into an object of its columns. */
function rowStatement(statement: Statement): RowStatement {
  if (!statement.reader) return { statement, toObject: () => ({}) }
  return { statement: statement.raw(true), toObject: rowObjectMaker(statement.columns().map((c) => c.name)) }
}

/**
 * One query-only better-sqlite3 connection with prepared statements kept by their SQL text. The
 * driver is synchronous: each query runs to completion before its promise is returned.
 */
export function openSqliteReadStore(url: string, opts: ReadStoreOptions = {}): ReadStore {
  const db = url === 'file::memory:' ? new Database(':memory:') : openSqliteForReading(sqlitePath(url), { onFallback: opts.onWarning })
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
  const all = <T>(sql: string, params: SqlParam[] = []) => {
    const { statement, toObject } = prepared(sql)
    return (statement.all(...params) as unknown[][]).map(toObject) as T[]
  }
  const get = <T>(sql: string, params: SqlParam[] = []) => {
    const { statement, toObject } = prepared(sql)
    const row = statement.get(...params) as unknown[] | undefined
    return row && (toObject(row) as T)
  }
  const version = db.prepare('PRAGMA data_version').pluck()
  const begin = db.prepare('BEGIN DEFERRED')
  const commit = db.prepare('COMMIT')
  // snapshots of concurrent requests share the connection's one transaction: it ends when the last of them does
  let openSnapshots = 0
  const store: ReadStore = {
    dialect: 'sqlite',
    all: async (sql, params) => all(sql, params),
    get: async (sql, params) => get(sql, params),
    async snapshot(read) {
      if (openSnapshots++ === 0 && !db.inTransaction) begin.run()
      try {
        return await read(store)
      } finally {
        if (--openSnapshots === 0 && db.inTransaction) commit.run()
      }
    },
    dataVersion: () => version.get() as number,
    catchUp: async () => {},
    search: fts5Search(get),
    sql: {
      month: (column) => `substr(${column}, 1, 7)`,
      inJsonArray: () => `IN (SELECT "value" FROM json_each(?))`,
    },
    close: async () => {
      db.close()
    },
  }
  return store
}
