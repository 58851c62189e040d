import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>
type Query = Parameters<Transaction['executeRaw']>[0]

/** What this file needs of the adapter's better-sqlite3 connection. */
interface Connection {
  readonly inTransaction: boolean
  exec(sql: string): unknown
}

/**
 * Prisma's better-sqlite3 adapter, safe when a write fails in the file system. Prisma ends a
 * transaction by running COMMIT or ROLLBACK, and only once that succeeds does it tell the
 * adapter, which then releases its transaction lock. SQLite rolls a transaction back by itself
 * on SQLITE_FULL and most I/O errors, so Prisma's ROLLBACK then fails ("no transaction is
 * active"); a COMMIT that fails (the disk filled up at commit) leaves the transaction open. In
 * both cases the lock was never released and every later transaction waited for ever. Here the
 * end of a transaction always releases the lock, and leaves the connection out of any transaction.
 */
export class SafeSqliteAdapterFactory extends PrismaBetterSQLite3 {
  override async connect(): Promise<Adapter> {
    return withSafeTransactionEnds(await super.connect())
  }
}

/**
 * Longest stretch a write transaction runs its statements before it lets the event loop take
 * other work. The driver is synchronous and Prisma chains a transaction's statements through
 * promises only, so without a yield a batch of 64 articles held every read of the process behind
 * it (reads waited up to a second during bulk writes through the API; see bench:bulk-write).
 */
const WRITE_SLICE_MS = 10

/** A turn of the event loop once `WRITE_SLICE_MS` have passed since the last one. */
function timeSlicer() {
  let since = performance.now()
  return async () => {
    if (performance.now() - since < WRITE_SLICE_MS) return
    await new Promise<void>((resolve) => setImmediate(resolve))
    since = performance.now()
  }
}

function connectionOf(adapter: Adapter): Connection {
  const client = (adapter as { client?: Partial<Connection> }).client
  // the adapter keeps its connection in a field that is not public API: fail at start, not at the first full disk
  if (typeof client?.inTransaction !== 'boolean' || typeof client.exec !== 'function')
    throw new Error('@prisma/adapter-better-sqlite3 no longer exposes its connection: see src/db/sqlite/adapter.ts')
  return client as Connection
}

function withSafeTransactionEnds(adapter: Adapter): Adapter {
  const connection = connectionOf(adapter)
  const startTransaction = adapter.startTransaction.bind(adapter)
  adapter.startTransaction = async (isolationLevel) => {
    const tx = await startTransaction(isolationLevel)
    const executeRaw = tx.executeRaw.bind(tx)
    const queryRaw = tx.queryRaw.bind(tx)
    const slice = timeSlicer()
    tx.queryRaw = async (query: Query) => {
      await slice()
      return queryRaw(query)
    }
    tx.executeRaw = async (query: Query) => {
      if (query.sql !== 'COMMIT' && query.sql !== 'ROLLBACK') {
        await slice()
        return executeRaw(query)
      }
      try {
        return await executeRaw(query)
      } catch (err) {
        // SQLite already rolled back: the transaction is over, as a ROLLBACK wants
        if (query.sql === 'ROLLBACK' && !connection.inTransaction) return 0
        if (connection.inTransaction) {
          try {
            connection.exec('ROLLBACK')
          } catch {
            // nothing more can be done here; the error below is what the caller learns
          }
        }
        // Prisma will not end the transaction after this error: release the lock for it
        await tx.rollback()
        throw err
      }
    }
    return tx
  }
  return adapter
}
