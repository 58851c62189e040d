import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeText, parseBody, parseDate, parseFile, parsePlainText, parseRecord, parseSeed } from '../../src/ingest/parse.js'
import { excerptOf } from '../../src/ingest/excerpt.js'
import { fixture } from '../helpers/context.js'

const enc = (s: string) => new TextEncoder().encode(s)

describe('decodeText', () => {
  it('drops a UTF-8 BOM and normalises Windows line endings', () => {
    expect(decodeText(enc('\uFEFFTitle\r\nBody line\r\n'))).toBe('Title\nBody line\n')
  })
  it.each([
    ['an empty file', new Uint8Array(), 'empty file'],
    ['whitespace only', enc('  \n\t\n'), 'empty file (only whitespace)'],
    ['a binary file', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'binary file (contains NUL bytes)'],
    ['invalid UTF-8', new Uint8Array([0x54, 0x69, 0xff, 0xfe, 0x74]), 'invalid UTF-8'],
  ])('rejects %s with a reason', (_name, bytes, reason) => {
    expect(() => decodeText(bytes)).toThrow(reason)
  })
})

describe('parseSeed', () => {
  it('reads the header with leading spaces, the title, the dateline and the agency', () => {
    const text = readFileSync(fixture('../../prisma/sample-data/000_e717161affdd8244.txt'), 'utf8')
    const a = parseSeed(text)
    expect(a.publishedAt?.toISOString()).toBe('2021-12-15T00:00:00.000Z')
    expect(a.section).toBe('International')
    expect(a.title).toBe('Kremlin: Xi backs Putin’s pursuit of Western guarantees')
    expect(a.dateline).toBe('MOSCOW')
    expect(a.agency).toBe('AP')
    expect(a.body.startsWith('MOSCOW (AP) Chinese President Xi Jinping')).toBe(true)
    // the body keeps its place in the file, so offsets into the file can be mapped
    expect(text.slice(a.bodyOffset, a.bodyOffset + 11)).toBe('MOSCOW (AP)')
  })
  it('rejects a file whose first line is not the header', () => {
    expect(() => parseSeed('Title\nBody')).toThrow(/not the seed format/)
  })
  it('keeps going with a warning when the header date is impossible', () => {
    const a = parseSeed('date 2021-13-45 World\nTitle\nBody text here.')
    expect(a.publishedAt).toBeNull()
    expect(a.warnings).toEqual(['date "2021-13-45" does not parse'])
  })
})

describe('parsePlainText', () => {
  it('takes the first non-empty line as the title', () => {
    const a = parsePlainText('\n\nMarkets fall\n\nShares fell on Monday.\nMore text.')
    expect(a.title).toBe('Markets fall')
    expect(a.body).toBe('Shares fell on Monday.\nMore text.')
    expect(a.format).toBe('text')
  })
  it('reads an em-dash dateline with an agency', () => {
    expect(parsePlainText('T\nNEW YORK (AP) — Stocks rose.').dateline).toBe('NEW YORK')
  })
  it('fails on a title without a body', () => {
    expect(() => parsePlainText('Only a title')).toThrow('missing body')
  })
})

describe('parseRecord', () => {
  it('maps the accepted field names and keeps unknown fields', () => {
    const a = parseRecord(
      {
        id: 7,
        headline: 'H',
        content: 'Body.',
        published_at: '2024-01-02',
        category: 'Tech',
        link: 'https://x.test/a',
        agency: 'AFP',
        tags: ['a'],
      },
      'json',
    )
    expect(a).toMatchObject({
      externalId: '7',
      title: 'H',
      body: 'Body.',
      section: 'Tech',
      url: 'https://x.test/a',
      agency: 'AFP',
      extra: { tags: ['a'] },
    })
    expect(a.publishedAt?.toISOString()).toBe('2024-01-02T00:00:00.000Z')
  })
  it('takes the title from the first line of the text when there is no title field', () => {
    expect(parseRecord({ text: 'Title line\nThe body.' }, 'jsonl')).toMatchObject({ title: 'Title line', body: 'The body.' })
  })
  it('warns about a date that does not parse', () => {
    expect(parseRecord({ title: 'T', body: 'B', date: 'next tuesday' }, 'jsonl').warnings).toEqual(['date "next tuesday" does not parse'])
  })
  it.each([
    [[1, 2], 'record is not a JSON object'],
    [{ title: 'T' }, 'missing body'],
    [{ body: 'x', title: 'y'.repeat(1001) }, 'title longer than 1000 characters'],
    [{ title: 'T', body: 42 }, 'body is not a string'],
  ])('rejects %j', (record, reason) => {
    expect(() => parseRecord(record, 'json')).toThrow(reason)
  })
})

describe('parseFile', () => {
  it('gives one outcome per JSON Lines record, naming the broken line', () => {
    const results = parseFile('records.jsonl', readFileSync(fixture('articles/records.jsonl'), 'utf8'))
    expect(results.map((r) => [r.where, r.ok])).toEqual([
      ['line 1', true],
      ['line 2', true],
      ['line 3', false],
      ['line 4', true],
    ])
    const broken = results[2]!
    expect(!broken.ok && broken.reason).toMatch(/^invalid JSON/)
  })
  it('reads a JSON object file and a JSON array file', () => {
    expect(parseFile('a.json', readFileSync(fixture('articles/record.json'), 'utf8'))).toHaveLength(1)
    expect(parseFile('a.json', '[{"title":"A","body":"x"},{"title":"B"}]').map((r) => r.ok)).toEqual([true, false])
  })
  it('reports invalid JSON for the whole file', () => {
    expect(parseFile('a.json', '{nope')).toMatchObject([{ ok: false, reason: expect.stringMatching(/^invalid JSON/) }])
  })
  it('detects the seed format inside a .txt file', () => {
    const [r] = parseFile('x.txt', '  date 2020-01-01 World\nTitle\nBody.')
    expect(r!.ok && r!.article.format).toBe('seed')
  })
})

describe('parseDate', () => {
  it('accepts dates and date-times, rejects nonsense and absurd years', () => {
    expect(parseDate('2024-03-01T09:30:00Z')?.toISOString()).toBe('2024-03-01T09:30:00.000Z')
    expect(parseDate('soon')).toBeNull()
    expect(parseDate('99999-01-01')).toBeNull()
    expect(parseDate({})).toBeNull()
  })
})

describe('excerptOf', () => {
  it('keeps a short body whole, on one line', () => {
    expect(excerptOf('One line.\n\nAnother\tline.')).toBe('One line. Another line.')
  })
  it('cuts a long body at a word boundary, drops trailing punctuation and ends with an ellipsis', () => {
    const body = `${'word '.repeat(50)}lastword, more text beyond the limit`
    const excerpt = excerptOf(body, 60)
    expect(excerpt.length).toBeLessThanOrEqual(60)
    expect(excerpt).toMatch(/^(word )+word…$/)
  })
  it('cuts inside a word longer than half the excerpt rather than dropping it', () => {
    const excerpt = excerptOf(`see https://example.com/${'x'.repeat(200)}`, 60)
    expect(excerpt).toMatch(/^see https:\/\/example\.com\/x+…$/)
    expect(excerpt.length).toBe(60)
  })
  it('marks a body that goes on past a long run of whitespace as continuing', () => {
    expect(excerptOf(`Short start${'\n'.repeat(300)}and more`, 60)).toBe('Short start…')
    expect(excerptOf(`Short start${'\n'.repeat(30)}and more`, 60)).toBe('Short start and more')
  })
})

describe('the input rules the CLI and the write API share', () => {
  const record = (fields: Record<string, unknown>) => ({ title: 'Harbour plan', body: 'Ann Lee said the plan works.', ...fields })
  it.each([
    ['extra over 64 KB', record({ notes: 'x'.repeat(70_000) }), /\(extra\) take 70012 bytes as JSON; at most 65536/],
    ['a NUL in the body', record({ body: 'Ann\u0000Lee said so.' }), /field 'body' contains a NUL character/],
    ['a NUL in a field name', record({ 'a\u0000b': 1 }), /a field name contains a NUL/],
    ['a lone surrogate', record({ section: 'news \ud800' }), /field 'section' contains a lone surrogate/],
    ['a lone low surrogate in extra', record({ meta: { x: ['\udc00'] } }), /field 'meta' contains a lone surrogate/],
    ['nesting past 32 levels', record({ meta: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) as unknown }), /nested more than 32/],
    ['a long id', record({ id: 'i'.repeat(201) }), /id longer than 200 characters/],
    ['a long url', record({ url: `https://example.com/${'u'.repeat(2_000)}` }), /url longer than 2000 characters/],
  ])('refuse %s', (_name, value, reason) => {
    expect(() => parseRecord(value, 'json')).toThrow(reason)
  })

  it('take extra up to 64 KB, surrogate pairs and 32 levels', () => {
    expect(parseRecord(record({ notes: 'x'.repeat(60_000), emoji: '\ud83d\udcf0' }), 'json').extra).toMatchObject({ emoji: '📰' })
    expect(() => parseRecord(record({ meta: JSON.parse(`${'['.repeat(30)}${']'.repeat(30)}`) as unknown }), 'json')).not.toThrow()
  })

  it('refuse a NUL byte anywhere in a file, not only in its first 8 KB', () => {
    expect(() => decodeText(enc(`Title\n${'body '.repeat(5_000)}\u0000`))).toThrow('binary file (contains NUL bytes)')
  })

  it('read a JSON Lines body line by line, each line failing alone', () => {
    const bytes = new Uint8Array([...enc('\uFEFF{"title":"A","body":"Ann Lee said so."}\n'), 0x7b, 0xff, 0x7d, ...enc('\n\n{"title":"B"}')])
    expect(parseBody(true, bytes).map((r) => (r.ok ? `${r.where} ok` : `${r.where} ${r.reason}`))).toEqual([
      'line 1 ok',
      'line 2 invalid UTF-8',
      'line 4 missing body',
    ])
  })
})
