import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { projectRoot } from '../../src/paths.js'

export interface Outcome {
  source: string
  status: string
  records: { where: string; status: string; reason?: string; warnings?: string[]; id?: string }[]
}
export interface Summary {
  files: number
  articles: Record<string, number>
  failedFiles: number
}

/** Runs the real ingest CLI with --json into the database file `db`; outcomes keyed by file name. `as` runs it as another user. */
export function ingestJson(db: string, args: string[], as: Pick<SpawnSyncOptions, 'uid' | 'gid' | 'env'> = {}) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'scripts/ingest.ts'), '--json', '--database', `file:${db}`, ...args],
    {
      cwd: projectRoot,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      ...as,
    },
  )
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Outcome & { summary?: Summary })
  const outcomes = new Map(lines.filter((l) => l.source).map((l) => [l.source.slice(l.source.lastIndexOf('/') + 1), l]))
  return { code: run.status, outcomes, summary: lines.at(-1)!.summary!, err: run.stderr }
}

/** Each record's reason, or its status when it has none, joined: how a test names a file's outcome. */
export const reasonOf = (o: Outcome | undefined) => o?.records.map((r) => r.reason ?? r.status).join(' | ')

/** How a run of the built CLI ended, and what it printed. */
export interface BinRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs the built bin (`npx tsc -p tsconfig.build.json`) as a real process, from another folder, as a user would. */
export function runBin(args: string[], opts: { onStdout?: (all: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'newsdesk.js'), ...args], {
      cwd: tmpdir(),
      env: { ...process.env, DATABASE_URL: undefined, NODE_ENV: 'production' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
      opts.onStdout?.(stdout, child)
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}
