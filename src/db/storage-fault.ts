/** The error codes (SQLite's, or PostgreSQL's SQLSTATE) behind a Prisma or driver adapter error, outermost first. */
function errorCodes(err: unknown): string[] {
  const codes: string[] = []
  for (let e = err as Record<string, unknown> | undefined, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    for (const key of ['originalCode', 'code'] as const) if (typeof e[key] === 'string') codes.push(e[key])
    const adapterError = (e.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError
    e = (e.cause ?? adapterError) as Record<string, unknown> | undefined
  }
  return codes
}

/** Why the database's storage refused a write: no statement of this run can succeed until an operator acts. */
export type StorageFaultKind = 'disk full' | 'read-only' | 'I/O error' | 'corrupt'

const STORAGE_FAULTS: [RegExp, StorageFaultKind][] = [
  // SQLite result codes (extended codes start with the primary one), then PostgreSQL SQLSTATEs
  [/^(SQLITE_FULL|53100)$/, 'disk full'],
  [/^(SQLITE_READONLY|25006)/, 'read-only'],
  [/^(SQLITE_CORRUPT|SQLITE_NOTADB|XX001|XX002)/, 'corrupt'],
  [/^(SQLITE_IOERR|SQLITE_CANTOPEN|58030)/, 'I/O error'],
]

const FAULT_ADVICE: Record<StorageFaultKind, string> = {
  'disk full': 'the disk holding the database is full: free space, then run again',
  'read-only': 'the database cannot be written (read-only file, folder or server)',
  corrupt: 'the database file is damaged: restore it from a backup or rebuild it by ingesting again',
  'I/O error': 'the database file could not be read or written (I/O error)',
}

/**
 * A write refused by the database's storage rather than by the data: the disk is full, the file
 * is read-only or damaged, an I/O error. Every later write would fail the same way, so a run stops
 * at the first one (instead of failing each article in turn) and says why.
 */
export class StorageFault extends Error {
  constructor(
    readonly kind: StorageFaultKind,
    cause: unknown,
  ) {
    super(`${FAULT_ADVICE[kind]} (${errorCodes(cause)[0] ?? kind})`, { cause })
    this.name = 'StorageFault'
  }
}

/** The storage fault behind `err`, or null when the error is about the data or the query. */
export function storageFaultOf(err: unknown): StorageFault | null {
  if (err instanceof StorageFault) return err
  for (const code of errorCodes(err))
    for (const [pattern, kind] of STORAGE_FAULTS) if (pattern.test(code)) return new StorageFault(kind, err)
  // Prisma does not always keep the driver's code; SQLite's own message then names the fault
  const message = err instanceof Error ? err.message : ''
  if (/database or disk is full/.test(message)) return new StorageFault('disk full', err)
  if (/disk I\/O error/.test(message)) return new StorageFault('I/O error', err)
  if (/attempt to write a readonly database/.test(message)) return new StorageFault('read-only', err)
  if (/database disk image is malformed|file is not a database/.test(message)) return new StorageFault('corrupt', err)
  return null
}
