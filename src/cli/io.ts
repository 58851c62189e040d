import type { Command } from 'commander'

/** Where a command writes, and what it knows of its terminal and environment (tests pass their own). */
export interface CliIO {
  out: (line: string) => void
  err: (line: string) => void
  isTTY: boolean
  env: NodeJS.ProcessEnv
}

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
  const io: CliIO = {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    isTTY: !!process.stderr.isTTY,
    env: process.env,
  }
  command(process.argv.slice(2), io)
    .then((code) => { process.exitCode = code })
    .catch((err) => { console.error(`${name}: ${err instanceof Error ? err.message : err}`); process.exitCode = 1 })
}
