import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ingestJson, reasonOf } from '../helpers/ingest-cli.js'

// the large inputs (files over 32 MB, an over-long body) are in tests/stress/large-input.test.ts
let dir: string
let input: string // written once, only read by the tests
let db: string // a new database for each test

const article = (title: string, body: string) => `${title}\n${body}`
const ingest = (args: string[]) => ingestJson(db, args)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-torture-'))
  input = join(dir, 'input')
  mkdirSync(input)
  const put = (name: string, content: string | Buffer) => writeFileSync(join(input, name), content)
  put('empty.txt', '')
  put('blank.txt', ' \n\t\n')
  put('binary.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00]))
  put('latin1.txt', Buffer.from('Caf\xe9 opens\nThe caf\xe9 opened, its owner said.', 'latin1'))
  put(
    'bom-crlf.txt',
    `\uFEFF${article('Harbour reopens', 'The harbour reopened on Monday.\r\n\r\nIt will bring jobs, Mayor Anne Hidalgo said.')}`.replace(
      /\n/g,
      '\r\n',
    ),
  )
  put('no-title.json', JSON.stringify({ body: '' }))
  put(
    'records.jsonl',
    [
      JSON.stringify({
        title: 'Council votes',
        body: 'The council voted on Tuesday. The plan is sound, Councillor Ray Tan said.',
        date: '2024-03-05',
      }),
      '{"title": "Broken line", "body": ',
      JSON.stringify({ title: 'No body here' }),
      JSON.stringify({ title: 'Odd date', body: 'Markets rose, traders said.', date: 'next Tuesday-ish' }),
      JSON.stringify({
        title: 'Long name',
        body: `${'Zq'.repeat(1).toUpperCase()}${'x'.repeat(20_000)} said the vote was fair. ${'Aa '.repeat(5_000)}said it was not.`,
      }),
      '',
      '[1, 2, 3]',
    ].join('\n'),
  )
  put(
    'mixed.jsonl',
    Buffer.concat([
      Buffer.from(`\uFEFF${JSON.stringify({ title: 'Port strike ends', body: 'The strike ended, union leader Sam Ortiz said.' })}\r\n`),
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
    ]),
  )
  put('same-a.txt', article('Bridge closes', 'The bridge closed for repairs, engineers said.'))
  put('same-b.txt', article('Bridge closes', 'The bridge closed for repairs, engineers said.'))
  mkdirSync(join(input, 'nested'))
  put('nested/ok.txt', article('School opens', 'The new school opened, Principal Mary Olsen said on Friday.'))
  symlinkSync(input, join(input, 'nested', 'loop'))
})
beforeEach(() => {
  db = join(mkdtempSync(join(dir, 'db-')), 'torture.db')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('ingest of hostile input', () => {
  it('gives every bad file its own clear outcome, takes in everything valid, and tells the truth in the summary and exit code', () => {
    const run = ingest([input])
    const o = run.outcomes
    expect(run.code).toBe(1)
    const reason = (name: string) => reasonOf(o.get(name))
    expect(reason('empty.txt')).toBe('empty file')
    expect(reason('blank.txt')).toBe('empty file (only whitespace)')
    expect(reason('binary.txt')).toBe('binary file (contains NUL bytes)')
    expect(reason('latin1.txt')).toBe('invalid UTF-8')
    expect(reason('no-title.json')).toBe('missing title')
    expect(o.get('mixed.jsonl')?.records.map((r) => [r.where, r.reason ?? r.status])).toEqual([
      ['line 1', 'ingested'],
      ['line 2', 'invalid UTF-8'],
    ])
    expect(o.get('bom-crlf.txt')?.status).toBe('ingested')
    expect(o.get('same-a.txt')?.status).toBe('ingested')
    expect(o.get('same-b.txt')?.status).toBe('unchanged')
    expect(o.get('same-b.txt')?.records[0]?.id).toBe(o.get('same-a.txt')?.records[0]?.id)
    expect(o.get('ok.txt')?.status).toBe('ingested')
    expect(reason('loop')).toMatch(/symbolic link loop/)

    const lines = o.get('records.jsonl')!
    expect(lines.status).toBe('partial')
    expect(lines.records.map((r) => [r.where, r.status])).toEqual([
      ['line 1', 'ingested'],
      ['line 2', 'failed'],
      ['line 3', 'failed'],
      ['line 4', 'ingested'],
      ['line 5', 'ingested'],
      ['line 7', 'failed'],
    ])
    expect(lines.records[1]!.reason).toMatch(/^invalid JSON/)
    expect(lines.records[2]!.reason).toBe('missing body')
    expect(lines.records[3]!.warnings).toEqual(['date "next Tuesday-ish" does not parse'])
    expect(lines.records[5]!.reason).toBe('record is not a JSON object')

    expect(run.summary).toMatchObject({ articles: { ingested: 7, updated: 0, unchanged: 1, failed: 10 } })
    const sqlite = new Database(db, { readonly: true })
    try {
      expect(sqlite.prepare('SELECT count(*) FROM "Article"').pluck().get()).toBe(7)
      expect(sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok')
      const title = sqlite.prepare(`SELECT "title" FROM "Article" WHERE "body" LIKE 'The harbour%'`).pluck().get()
      expect(title).toBe('Harbour reopens')
      expect(sqlite.prepare(`SELECT count(*) FROM "Article" WHERE instr("body", char(13)) > 0`).pluck().get()).toBe(0)
    } finally {
      sqlite.close()
    }
  })

  it('changes nothing when the same input comes again', () => {
    expect(ingest([input]).summary).toMatchObject({ articles: { ingested: 7, updated: 0, unchanged: 1, failed: 10 } })
    const again = ingest([input])
    expect(again.code).toBe(1)
    expect(again.summary).toMatchObject({ articles: { ingested: 0, updated: 0, unchanged: 8, failed: 10 } })
  })
})
