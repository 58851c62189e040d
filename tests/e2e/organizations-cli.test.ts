import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runBin } from '../helpers/ingest-cli.js'

let dir: string
let db: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-organizations-cli-'))
  db = join(dir, 'cli.db')
  copyFileSync(inject('templateDb'), db)
  writeFileSync(
    join(dir, 'a.txt'),
    'Business warns\nThe Confederation of British Industry (CBI) said growth would slow. The Tories said taxes would fall.',
  )
  writeFileSync(join(dir, 'b.txt'), 'Wages\nPay must rise, the CBI said on Tuesday. Taxes would rise, the Conservative Party said.')
  const run = await runBin(['ingest', '--workers', '0', '--database', db, join(dir, 'a.txt'), join(dir, 'b.txt')])
  expect(run.code, run.stderr).toBe(0)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Quotes per organisation key, read directly. */
function keys() {
  const sqlite = new Database(db, { readonly: true })
  try {
    const rows = sqlite
      .prepare(`SELECT "speakerKey" AS "key", count(*) AS "n" FROM "Quote" WHERE "speakerType" = 'organization' GROUP BY "speakerKey"`)
      .all() as { key: string; n: number }[]
    return Object.fromEntries(rows.map((r) => [r.key, r.n]))
  } finally {
    sqlite.close()
  }
}

describe('newsdesk organizations', () => {
  it('merges one organisation into another, lists the decision and revokes it', async () => {
    // each run of the CLI is a process of its own (a few seconds on a busy machine)
    expect(keys()).toEqual({ 'confederation-of-british-industry': 1, cbi: 1, 'conservative-party': 2 })

    const merge = await runBin(['organizations', 'merge', 'cbi', 'confederation-of-british-industry', '--database', db])
    expect([merge.code, merge.stderr, merge.stdout]).toEqual([0, '', 'organisations: 1 quote filed under another organisation\n'])
    expect(keys()).toEqual({ 'confederation-of-british-industry': 2, 'conservative-party': 2 })

    const decisions = await runBin(['organizations', 'decisions', '--database', db])
    expect(decisions.stdout).toMatch(/^ {3}1 {2}\S+Z {2}merge organisation cbi into confederation-of-british-industry\n$/)
    const json = await runBin(['organizations', 'decisions', '--json', '--database', db])
    expect(JSON.parse(json.stdout)).toMatchObject({
      seq: 1,
      kind: 'organization-merge',
      person: 'cbi',
      into: 'confederation-of-british-industry',
    })

    const refused = await runBin(['organizations', 'merge', 'nobody', 'cbi', '--database', db])
    expect([refused.code, refused.stderr]).toEqual([1, 'organizations merge: no organisation "nobody"\n'])

    const revoke = await runBin(['organizations', 'revoke', '1', '--database', db])
    expect(revoke.code, revoke.stderr).toBe(0)
    expect(keys()).toEqual({ 'confederation-of-british-industry': 1, cbi: 1, 'conservative-party': 2 })
    const again = await runBin(['organizations', 'revoke', '1', '--database', db])
    expect([again.code, again.stderr]).toEqual([
      1,
      'organizations: no organisation decision number 1 (see: newsdesk organizations decisions)\n',
    ])
    expect((await runBin(['organizations', '--database', db])).code).toBe(2)
  })
})
