import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'

/**
 * A database file the process cannot use at all: missing, damaged, not a database, or needing a
 * change it may not make. Its message is one line naming the file; servers exit with
 * UNUSABLE_DATABASE_EXIT so that a supervisor does not restart them in a loop.
 */
export class DatabaseUnusable extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`database ${file}: ${reason}`)
    this.name = 'DatabaseUnusable'
  }
}

/** Exit status of a process that stopped on an unusable database: sysexits' EX_CONFIG (systemd: RestartPreventExitStatus=78). */
export const UNUSABLE_DATABASE_EXIT = 78

const DAMAGED = /^SQLITE_(CORRUPT|NOTADB)/
/** SQLite cannot make the WAL index (-shm) beside a file in a folder it may not write. */
const NO_WAL_INDEX = /^SQLITE_(READONLY|CANTOPEN)/

/**
 * Opens a SQLite file for reading and checks that it is a readable database. A database in WAL
 * mode needs its index file (-shm) beside it; in a read-only folder or file system (a volume mounted
 * read-only) SQLite cannot create it, so the file is then read into memory with its header set to
 * the rollback journal (bytes 18-19, as `PRAGMA journal_mode=DELETE` would write them), unless
 * a -wal file holds commits that memory copy would miss.
 */
export function openSqliteForReading(file: string, opts: { onFallback?: (why: string) => void } = {}): Database.Database {
  if (!existsSync(file)) throw new DatabaseUnusable(file, 'no such file')
  let db: Database.Database | null = null
  try {
    db = new Database(file, { fileMustExist: true })
    db.prepare('SELECT count(*) FROM sqlite_master').get()
    return db
  } catch (err) {
    db?.close()
    const code = (err as { code?: string }).code ?? ''
    if (DAMAGED.test(code))
      throw new DatabaseUnusable(file, `the file is damaged or not a SQLite database (${code}): restore it from a backup`)
    if (!NO_WAL_INDEX.test(code)) throw new DatabaseUnusable(file, `${(err as Error).message}${code ? ` (${code})` : ''}`)
    if (walBytes(file) > 0)
      throw new DatabaseUnusable(
        file,
        `read-only, and its -wal file holds commits that cannot be read without a writable folder (${code}): make the folder writable once, or checkpoint the database before shipping it`,
      )
    const image = readFileSync(file)
    image[18] = 1
    image[19] = 1
    const copy = new Database(image, { readonly: true })
    try {
      copy.prepare('SELECT count(*) FROM sqlite_master').get()
    } catch (copyErr) {
      copy.close()
      throw new DatabaseUnusable(
        file,
        `the file is damaged or not a SQLite database (${(copyErr as { code?: string }).code ?? 'unreadable'})`,
      )
    }
    opts.onFallback?.(
      `database ${file}: its folder is read-only (${code}), so it is served from a copy in memory (${Math.round(image.length / 1024 / 1024)} MB)`,
    )
    return copy
  }
}

function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size
  } catch {
    return 0
  }
}

/**
 * Whether this process may change the file: write it, and create its journal beside it (or, for a
 * file still to be made, create it in the nearest folder that exists).
 */
export function isWritable(file: string): boolean {
  let folder = dirname(file)
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder)
  try {
    if (existsSync(file)) accessSync(file, constants.W_OK)
    accessSync(folder, constants.W_OK)
    return true
  } catch {
    return false
  }
}
