import { runEvalCommand } from '../src/cli/eval-command.js'

runEvalCommand(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  isTTY: !!process.stdout.isTTY,
  env: process.env,
})
  .then((code) => { process.exitCode = code })
  .catch((err) => { console.error(`eval: ${err instanceof Error ? err.message : err}`); process.exitCode = 1 })
