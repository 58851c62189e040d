import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { runBin } from '../helpers/ingest-cli.js'

const FIRM = `Shares in Marsh fell 5% on Monday. Marsh said it would cut 2,500 jobs after a fall in profits. Its chief executive, Steven Theede, said the firm would recover.`

let dir: string
let db: string
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-people-cli-'))
  db = join(dir, 'cli.db')
  copyFileSync(inject('templateDb'), db)
  writeFileSync(join(dir, 'marsh.json'), JSON.stringify({ title: 'Marsh cuts jobs', body: FIRM, publishedAt: '2004-12-20' }))
  const run = await runBin(['ingest', '--workers', '0', '--database', db, join(dir, 'marsh.json')])
  expect(run.code, run.stderr).toBe(0)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** The record's kind and who its quotes are filed under, read directly. */
function marsh() {
  const sqlite = new Database(db, { readonly: true })
  try {
    const person = sqlite.prepare(`SELECT "id", "kind" FROM "Person" WHERE "slug" = 'marsh'`).get() as { id: string; kind: string }
    const quotes = sqlite.prepare(`SELECT "personId", "speakerType", "speakerKey" FROM "Quote" WHERE "speakerName" = 'Marsh'`).all() as {
      personId: string | null
      speakerType: string
      speakerKey: string
    }[]
    return { kind: person.kind, quotes: quotes.map((q) => (q.personId === person.id ? 'person' : `${q.speakerType}:${q.speakerKey}`)) }
  } finally {
    sqlite.close()
  }
}

describe('newsdesk people decisions for records the evidence demoted', () => {
  it('lists an automatic demotion, undoes it with is-a-person, and revoking that demotes again', async () => {
    const before = marsh()
    expect(before.kind).toBe('organization')
    expect(before.quotes.length).toBeGreaterThan(0)
    expect(new Set(before.quotes)).toEqual(new Set(['organization:marsh']))

    const list = await runBin(['people', 'decisions', '--database', db])
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('no decisions')
    expect(list.stdout).toMatch(/marsh {2}"Marsh" is an organization: written as an organization/)

    const keep = await runBin(['people', 'is-a-person', 'marsh', '--database', db])
    expect(keep.code, keep.stderr).toBe(0)
    const kept = marsh()
    expect(kept.kind).toBe('person')
    // the quotes it spoke as a record come back to it (those the rules gave to "the firm" stay the organisation's)
    expect(kept.quotes).toContain('person')
    const json = await runBin(['people', 'decisions', '--json', '--database', db])
    expect(
      json.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; person: string }),
    ).toEqual([expect.objectContaining({ seq: 1, kind: 'is-a-person', person: 'marsh' })])

    const revoke = await runBin(['people', 'revoke', '1', '--database', db])
    expect(revoke.code, revoke.stderr).toBe(0)
    expect(marsh()).toEqual(before)
  })
})
