import type { Command } from 'commander'
import { loadConfig } from '../config.js'
import { createPrisma } from '../db/prisma.js'
import type { PrismaClient } from '../db/prisma.js'
import { ensureMigrated } from '../db/migrate.js'
import { DatabaseUnusable, UNUSABLE_DATABASE_EXIT } from '../db/sqlite/open.js'

/** Where a command writes, and what it knows of its terminal and environment (tests pass their own). */
export interface CliIO {
  out: (line: string) => void
  err: (line: string) => void
  isTTY: boolean
  env: NodeJS.ProcessEnv
  /** Aborted by the first Ctrl-C: the command finishes what it has open, reports, and returns 130. */
  signal?: AbortSignal
}

/** The exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const INTERRUPTED = 130

/** Terminal control sequence that shows the cursor again (the progress bar hides it). */
const SHOW_CURSOR = '\x1b[?25h'

/**
 * Parses argv with the command's own errors and help routed to `io`; returns the exit code to stop
 * with (0 after help or version, 2 for a usage error), or null to go on.
 */
export function parseArgs(program: Command, argv: string[], io: CliIO): number | null {
  program.exitOverride().configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
  try {
    program.parse(argv, { from: 'user' })
    return null
  } catch (err) {
    // commander exits 1 on a usage error; 1 here means "some input failed"
    return (err as { exitCode?: number }).exitCode === 0 ? 0 : 2
  }
}

/** Runs a command as this process: real stdout/stderr, exit code set, unexpected errors on one line. */
export function runAsProcess(name: string, command: (argv: string[], io: CliIO) => Promise<number>): void {
  const interrupt = new AbortController()
  const io: CliIO = {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    isTTY: !!process.stderr.isTTY,
    env: process.env,
    signal: interrupt.signal,
  }
  // Ctrl-C; and SIGTERM for a watching ingest, which runs under a service manager until stopped (any other
  // command keeps the default: SIGTERM ends it at once, and the open transaction is rolled back)
  const stop = () => {
    if (interrupt.signal.aborted) {
      // a second signal: leave now; only the open transaction is lost, and SQLite rolls it back
      if (process.stderr.isTTY) process.stderr.write(SHOW_CURSOR)
      process.stderr.write(`\n${name}: interrupted again, exiting now\n`)
      process.exit(INTERRUPTED)
    }
    process.stderr.write(`\n${name}: interrupted, finishing the open batch (Ctrl-C again to quit at once)\n`)
    interrupt.abort()
  }
  process.on('SIGINT', stop)
  if (process.argv.includes('--watch')) process.on('SIGTERM', stop)
  let settled = false
  // the event loop emptied while the command still waited on something that can no longer happen
  // (a database lock never released, say): that is a failure, never a silent exit 0
  process.on('beforeExit', () => {
    if (settled) return
    settled = true
    process.stderr.write(
      `${name}: stopped with work unfinished (a pending operation could never complete); nothing after the last reported line was stored\n`,
    )
    process.exitCode = 1
  })
  command(process.argv.slice(2), io)
    .then((code) => {
      settled = true
      process.exitCode = code
    })
    .catch((err) => {
      settled = true
      console.error(`${name}: ${err instanceof Error ? err.message : err}`)
      process.exitCode = err instanceof DatabaseUnusable ? UNUSABLE_DATABASE_EXIT : 1
    })
}

/**
 * The database a command works on: `--database` (a `file:` URL, a `postgresql://` URL or a bare path,
 * taken as the SQLite file it names), else the environment's DATABASE_URL, migrated and opened. On a bad setting, says why on
 * stderr and returns null (exit code 2).
 */
export async function openCommandDatabase(command: string, database: string | undefined, io: CliIO): Promise<PrismaClient | null> {
  let config
  try {
    const url = database && (/^(file:|postgres(ql)?:\/\/)/i.test(database) ? database : `file:${database}`)
    config = loadConfig(url ? { ...io.env, DATABASE_URL: url } : io.env)
  } catch (err) {
    io.err(`${command}: ${(err as Error).message}`)
    return null
  }
  await ensureMigrated(config.DATABASE_URL)
  return createPrisma(config.DATABASE_URL)
}
