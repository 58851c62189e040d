import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestJson, reasonOf } from '../helpers/ingest-cli.js'

// ~140 MB of inputs, so in the stress project; the small hostile inputs are in tests/e2e/torture.test.ts
let dir: string
let input: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-large-'))
  input = join(dir, 'input')
  mkdirSync(input)
  const put = (name: string, content: string | Buffer) => writeFileSync(join(input, name), content)
  put('huge.txt', `Huge file\n${'word '.repeat(10_500_000)}`) // 50 MB
  put('long-body.txt', `Long body\n${'word '.repeat(500_000)}`) // 2.5 MB in one article
  put(
    'huge.jsonl',
    [
      // 50 MB, streamed: one line too long for an article, one good line
      JSON.stringify({ title: 'Endless', body: 'word '.repeat(10_500_000) }),
      JSON.stringify({ title: 'Ferry returns', body: 'The ferry returned to service, captain Lena Berg said.' }),
    ].join('\n'),
  )
  put('too-big.json', Buffer.alloc(33 * 1024 * 1024, 0x20))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('ingest of large input', () => {
  it('refuses files and articles over the limits one by one, streams JSON Lines past a line too long, and changes nothing the second time', () => {
    const db = join(dir, 'large.db') // this file's only test: its database starts empty
    const run = ingestJson(db, [input])
    const o = run.outcomes
    expect(run.code).toBe(1)
    expect(reasonOf(o.get('huge.txt'))).toBe('file larger than 32 MB (use JSON Lines for large collections)')
    expect(reasonOf(o.get('too-big.json'))).toBe('file larger than 32 MB (use JSON Lines for large collections)')
    expect(reasonOf(o.get('long-body.txt'))).toBe('body longer than 2000000 characters')
    expect(o.get('huge.jsonl')?.records.map((r) => r.reason ?? r.status)).toEqual(['body longer than 2000000 characters', 'ingested'])
    expect(run.summary).toMatchObject({ articles: { ingested: 1, updated: 0, unchanged: 0, failed: 4 } })
    const sqlite = new Database(db, { readonly: true })
    try {
      expect(sqlite.prepare('SELECT "title" FROM "Article"').pluck().all()).toEqual(['Ferry returns'])
      expect(sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok')
    } finally {
      sqlite.close()
    }

    const again = ingestJson(db, [input])
    expect(again.code).toBe(1)
    expect(again.summary).toMatchObject({ articles: { ingested: 0, updated: 0, unchanged: 1, failed: 4 } })
  })
})
