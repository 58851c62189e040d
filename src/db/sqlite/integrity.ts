import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** What the check of a database file at start found: `checking` until it ends. */
export type IntegrityState = 'checking' | 'ok' | 'damaged' | 'not checked'

export interface IntegrityCheck {
  state(): IntegrityState
  /** SQLite's first findings when damaged. */
  findings(): string[]
  /** Settles when the check ends. */
  done: Promise<IntegrityState>
}

// CommonJS run by the worker: the driver's path comes with the data (an eval worker resolves modules from the working folder)
const CHECK = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
let db
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  parentPort.postMessage({ findings: db.prepare('PRAGMA quick_check(5)').pluck().all() })
} catch (err) {
  parentPort.postMessage({ error: String(err && err.code || err) })
} finally {
  if (db) db.close()
}
`

/**
 * `PRAGMA quick_check` of a SQLite file on a worker thread, so a server answers while it reads the
 * whole file (damage a first query would not meet: a broken index, a lost page). /health reports it.
 */
export function checkIntegrityInBackground(file: string, onDamage: (findings: string[]) => void = () => {}): IntegrityCheck {
  let state: IntegrityState = 'checking'
  let findings: string[] = []
  const done = new Promise<IntegrityState>((resolve) => {
    const worker = new Worker(CHECK, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } })
    // the check never holds a process open that is shutting down
    worker.unref()
    const end = (s: IntegrityState) => {
      state = s
      resolve(s)
    }
    worker.once('message', (m: { findings?: string[]; error?: string }) => {
      if (m.findings) {
        const ok = m.findings.length === 1 && m.findings[0] === 'ok'
        if (!ok) {
          findings = m.findings
          onDamage(findings)
        }
        end(ok ? 'ok' : 'damaged')
      } else if (m.error && /^SQLITE_(CORRUPT|NOTADB)/.test(m.error)) {
        findings = [m.error]
        onDamage(findings)
        end('damaged')
      } else end('not checked')
    })
    worker.once('error', () => end('not checked'))
    worker.once('exit', () => {
      if (state === 'checking') end('not checked')
    })
  })
  return { state: () => state, findings: () => findings, done }
}
