import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestJson, reasonOf } from '../helpers/ingest-cli.js'

// root reads any file whatever its mode, so as root the CLI runs as nobody (65534): the check is real either way
const asRoot = process.getuid?.() === 0
let dir: string
let as: Parameters<typeof ingestJson>[2]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-permissions-'))
  chmodSync(dir, 0o777) // the CLI's user writes its database (and its HOME caches) here
  as = asRoot ? { uid: 65534, gid: 65534, env: { ...process.env, HOME: dir } } : {}
  writeFileSync(join(dir, 'ok.txt'), 'Bridge closes\nThe bridge closed for repairs, engineers said.')
  chmodSync(join(dir, 'ok.txt'), 0o644)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe.skipIf(process.platform === 'win32')('ingest of paths it may not read', () => {
  it('names a file it may not read as "permission denied", ingests the rest and exits non-zero', () => {
    writeFileSync(join(dir, 'locked.txt'), 'Locked\nThe door stayed shut, the caretaker said.')
    chmodSync(join(dir, 'locked.txt'), 0o000)
    const run = ingestJson(join(dir, 'cli.db'), [join(dir, 'ok.txt'), join(dir, 'locked.txt')], as)
    expect(run.code, run.err).toBe(1)
    expect(reasonOf(run.outcomes.get('locked.txt'))).toBe('permission denied')
    expect(run.outcomes.get('ok.txt')?.status).toBe('ingested')
    expect(run.summary).toMatchObject({ articles: { ingested: 1, failed: 1 } })
  })

  it('names a directory it may not list as "permission denied" and walks the others', () => {
    mkdirSync(join(dir, 'closed'))
    writeFileSync(join(dir, 'closed', 'inside.txt'), 'Inside\nNobody saw this, the guard said.')
    chmodSync(join(dir, 'closed'), 0o000)
    const run = ingestJson(join(dir, 'cli.db'), [dir], as)
    expect(run.code, run.err).toBe(1)
    expect(reasonOf(run.outcomes.get('closed'))).toBe('permission denied')
    expect(run.outcomes.get('ok.txt')?.status).toBe('ingested')
    expect(run.outcomes.has('inside.txt')).toBe(false)
  })
})
