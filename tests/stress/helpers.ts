import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { inject } from 'vitest'
import { projectRoot } from '../../src/paths.js'
import { writeCorpus } from '../../scripts/bench/corpus.js'

export { writeCorpus }

/** A migrated, empty database file (copied from the suite's template). */
export function freshDatabase(file: string): string {
  copyFileSync(inject('templateDb'), file)
  return `file:${file}`
}

/** The real ingest CLI as a child process (JSON lines on stdout). */
export function startIngest(url: string, paths: string[], extra: string[] = []): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'scripts/ingest.ts'), '--json', '--database', url, ...extra, ...paths],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
}

/**
 * The real server as a child process on a port the OS picks (PORT=0), resolved once it listens and /health answers;
 * `port` is the port it took, its log lines (JSON) are kept in `log`.
 */
export async function startServer(url: string, env: Record<string, string> = {}): Promise<ChildProcess & { log: string[]; port: number }> {
  // the port is read from Fastify's "Server listening at" line, which it logs at info
  if (['warn', 'error', 'fatal', 'silent'].includes(env.LOG_LEVEL ?? 'info'))
    throw new Error('startServer needs LOG_LEVEL info or lower to learn its port')
  const child = Object.assign(
    spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/server.ts')], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        DATABASE_URL: url,
        HOST: '127.0.0.1',
        LOAD_SAMPLE_DATA: 'false',
        RATE_LIMIT_MAX: '0',
        // shedding is tested on its own (tests/api/clients.test.ts); here it would turn CI load into 503s
        MAX_EVENT_LOOP_DELAY_MS: '0',
        LOG_LEVEL: 'info',
        ...env,
        PORT: '0',
      },
    }),
    { log: [] as string[], port: 0 },
  )
  child.port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 60_000)
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
    let partial = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop()!
      child.log.push(...lines)
      for (const line of lines) {
        const listening = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(line)
        if (listening) {
          clearTimeout(timer)
          resolve(Number(listening[1]))
        }
      }
    })
  })
  const health = await fetch(`http://127.0.0.1:${child.port}/health`)
  if (!health.ok) throw new Error(`server listens on ${child.port} but /health answers ${health.status}`)
  return child
}

/** Row counts and people counters: what two databases must share to hold the same data. */
export function databaseFacts(file: string) {
  const db = new Database(file, { readonly: true })
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get()
    return {
      integrity: one('PRAGMA integrity_check'),
      articles: one('SELECT count(*) FROM "Article"'),
      quotes: one('SELECT count(*) FROM "Quote"'),
      links: one('SELECT count(*) FROM "ArticlePerson"'),
      people: one('SELECT count(*) FROM "Person"'),
      aliases: one('SELECT count(*) FROM "PersonAlias"'),
      counters: db.prepare('SELECT sum("articleCount") AS a, sum("mentionCount") AS m, sum("quoteCount") AS q FROM "Person"').get(),
      perArticle: Object.fromEntries(
        (
          db
            .prepare(
              `
        SELECT a."id", (SELECT count(*) FROM "Quote" q WHERE q."articleSeq" = a."seq") || '/' || (SELECT count(*) FROM "ArticlePerson" p WHERE p."articleSeq" = a."seq") AS n
        FROM "Article" a`,
            )
            .all() as { id: string; n: string }[]
        ).map((r) => [r.id, r.n]),
      ),
    }
  } finally {
    db.close()
  }
}
