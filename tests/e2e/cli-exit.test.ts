import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../src/paths.js'

/** A command run the way bin/newsdesk.js runs one, in a real process. */
const runCommand = (body: string) =>
  spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { runAsProcess } = await import('./src/cli/io.ts'); runAsProcess('newsdesk', ${body})`,
    ],
    { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 },
  )

describe('how a command process ends', () => {
  it('exits 1 with a message when the event loop empties while the command still waits (never a silent 0)', () => {
    const run = runCommand('() => new Promise(() => {})')
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/newsdesk: stopped with work unfinished/)
  })

  it("exits with the command's own code when it settles", () => {
    expect(runCommand('async () => 0').status).toBe(0)
    const failed = runCommand("async () => { throw new Error('boom') }")
    expect(failed.status).toBe(1)
    expect(failed.stderr).toMatch(/^newsdesk: boom$/m)
  })
})
