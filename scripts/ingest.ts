import { runIngestCommand } from '../src/cli/ingest-command.js'

runIngestCommand(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  isTTY: !!process.stderr.isTTY,
  env: process.env,
})
  .then((code) => { process.exitCode = code })
  .catch((err) => { console.error(`ingest: ${err instanceof Error ? err.message : err}`); process.exitCode = 1 })
