import { describe, expect, it } from 'vitest'
import { parseSearch } from '../../src/search/query.js'
import { parseMarkedSnippet } from '../../src/search/snippets.js'
import { csvField, csvLine, keysetBatches } from '../../src/shared/export.js'
import { cursorKey, pageOfRanked } from '../../src/shared/pagination.js'
import { bucketIndex, bucketStart, bucketStarts, nextBucketStart } from '../../src/shared/time-buckets.js'
import { speakerKeyOf } from '../../src/speakers/speaker-key.js'
import { relatedCounts } from '../../src/modules/people/related.js'

const d = (s: string) => new Date(s)
const iso = (dates: Date[] | null) => dates?.map((x) => x.toISOString().slice(0, 10))

describe('time buckets', () => {
  it('start at UTC midnight, on Monday for ISO weeks, on the 1st for months', () => {
    expect(bucketStart(d('2024-01-03T23:59:00Z'), 'day').toISOString()).toBe('2024-01-03T00:00:00.000Z')
    // 2024-01-07 is a Sunday: its ISO week began on Monday 1 January
    expect(bucketStart(d('2024-01-07T12:00:00Z'), 'week').toISOString()).toBe('2024-01-01T00:00:00.000Z')
    expect(bucketStart(d('2024-01-08T00:00:00Z'), 'week').toISOString()).toBe('2024-01-08T00:00:00.000Z')
    expect(bucketStart(d('2024-02-29T10:00:00Z'), 'month').toISOString()).toBe('2024-02-01T00:00:00.000Z')
    expect(nextBucketStart(d('2024-12-01T00:00:00Z'), 'month').toISOString()).toBe('2025-01-01T00:00:00.000Z')
  })

  it('cover the range with every bucket, empty ones included, and refuse too many', () => {
    expect(iso(bucketStarts(d('2024-01-03'), d('2024-01-31'), 'week', 100))).toEqual([
      '2024-01-01',
      '2024-01-08',
      '2024-01-15',
      '2024-01-22',
      '2024-01-29',
    ])
    expect(iso(bucketStarts(d('2023-12-31'), d('2024-02-01'), 'month', 100))).toEqual(['2023-12-01', '2024-01-01', '2024-02-01'])
    expect(bucketStarts(d('2024-01-01'), d('2024-12-31'), 'day', 300)).toBeNull()
  })

  it('find the bucket of an instant, and none outside the range', () => {
    const starts = bucketStarts(d('2024-01-01'), d('2024-03-31'), 'month', 12)!
    const end = nextBucketStart(starts.at(-1)!, 'month')
    expect(bucketIndex(starts, end, d('2024-01-01T00:00:00Z'))).toBe(0)
    expect(bucketIndex(starts, end, d('2024-02-29T23:59:59Z'))).toBe(1)
    expect(bucketIndex(starts, end, d('2024-03-31T23:59:59Z'))).toBe(2)
    expect(bucketIndex(starts, end, d('2024-04-01T00:00:00Z'))).toBe(-1)
    expect(bucketIndex(starts, end, d('2023-12-31T23:59:59Z'))).toBe(-1)
  })
})

describe('the search mini-grammar', () => {
  it('requires every word, keeps phrases, alternatives and exclusions', () => {
    expect(parseSearch('kremlin guarantees').fts).toBe('"kremlin" AND "guarantees"')
    expect(parseSearch('"prime minister" blair').fts).toBe('"prime minister" AND "blair"')
    expect(parseSearch('blair OR brown tax').fts).toBe('("blair" OR "brown") AND "tax"')
    expect(parseSearch('blair -iraq -"general election"').fts).toBe('("blair") NOT ("iraq" OR "general election")')
  })

  it('turns everything else into words, so no input is FTS5 syntax', () => {
    expect(parseSearch('U.S. trade').fts).toBe('"U S" AND "trade"')
    expect(parseSearch('NEAR(a b) * ^x:y AND').fts).toBe('"NEAR a" AND "b" AND "x y" AND "AND"')
    expect(parseSearch('"unclosed quote').fts).toBe('"unclosed quote"')
    expect(parseSearch('OR tax OR').fts).toBe('"tax"')
    expect(parseSearch('tax or vat').fts).toBe('"tax" AND "or" AND "vat"')
  })

  it('refuses a query with nothing to look for', () => {
    expect(() => parseSearch('-iraq')).toThrow(/only excludes/)
    expect(() => parseSearch('*** "" --')).toThrow(/at least one letter or digit/)
  })

  it('keeps at most 32 terms', () => {
    expect(parseSearch(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')).terms).toHaveLength(32)
  })
})

describe('snippets', () => {
  it('turn FTS5 markers into text, match offsets and escaped HTML', () => {
    const s = parseMarkedSnippet('…the \u0002prime minister\u0003 said <b>no</b> to \u0002tax\u0003…')
    expect(s.text).toBe('…the prime minister said <b>no</b> to tax…')
    expect(s.highlights.map((h) => s.text.slice(h.start, h.end))).toEqual(['prime minister', 'tax'])
    expect(s.html).toBe('…the <mark>prime minister</mark> said &lt;b&gt;no&lt;/b&gt; to <mark>tax</mark>…')
  })
})

describe('CSV', () => {
  it('quotes a field only when it holds a quote, a comma or a line break, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a, b')).toBe('"a, b"')
    expect(csvField('she said "no"')).toBe('"she said ""no"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField(null)).toBe('')
    expect(csvField(0.65)).toBe('0.65')
    expect(csvLine(['x', 'y,z'])).toBe('x,"y,z"\r\n')
  })
})

describe('keyset walks', () => {
  it('read every row once, batch by batch', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => i)
    const page = async (after: number | null) => rows.filter((r) => after === null || r > after).slice(0, 6)
    const batches: number[][] = []
    for await (const b of keysetBatches(page, (r) => r, 5)) batches.push(b)
    expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 5, 3])
    expect(batches.flat()).toEqual(rows)
  })

  it('page a list ranked in memory without repeating or skipping, with an exact total', () => {
    const items = ['d', 'a', 'c', 'b', 'e'].map((id, i) => ({ id, score: [3, 5, 3, 1, 5][i]! }))
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = pageOfRanked(items, {
        keyOf: (x) => [x.score, x.id],
        shape: [cursorKey.count, cursorKey.text],
        ascending: false,
        sort: 't',
        cursor,
        limit: 2,
      })
      expect(page.page.total).toEqual({ value: 5, relation: 'eq' })
      seen.push(...page.data.map((x) => x.id))
      cursor = page.page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(['e', 'a', 'd', 'c', 'b'])
  })
})

describe('organisation speaker keys', () => {
  it.each([
    ['the Kremlin', 'organization', 'kremlin'],
    ['Kremlin', 'organization', 'kremlin'],
    ["China's Foreign Ministry", 'organization', 'chinas-foreign-ministry'],
    ['Russian officials', 'group', 'russian-officials'],
    ['Ministère de l’Intérieur', 'organization', 'ministere-de-l-interieur'],
  ])('%s names a speaker', (name, type, key) => {
    expect(speakerKeyOf(name, type)).toBe(key)
  })

  it.each([
    ['It', 'organization'],
    ['they', 'group'],
    ['The', 'organization'],
    ['the company', 'organization'],
    ['Analysts', 'group'],
    ['a report', 'organization'],
    ['Xi Jinping', 'person'],
  ])('%s (%s) names nobody', (name, type) => {
    expect(speakerKeyOf(name, type)).toBe('')
  })
})

describe('related people', () => {
  const at = (start: number, end: number) => ({ start, end })
  it('counts shared articles, and quotes of either one that hold a mention of the other', () => {
    const appearances = [
      { articleSeq: 1, personId: 'ann', mentions: JSON.stringify([at(0, 3), at(40, 43)]) },
      { articleSeq: 1, personId: 'bob', mentions: JSON.stringify([at(10, 13), at(60, 63)]) },
      { articleSeq: 1, personId: 'cy', mentions: JSON.stringify([at(90, 92)]) },
      { articleSeq: 2, personId: 'ann', mentions: JSON.stringify([at(0, 3)]) },
      { articleSeq: 2, personId: 'bob', mentions: JSON.stringify([at(20, 23)]) },
      // an article without ann: nothing of it counts
      { articleSeq: 3, personId: 'bob', mentions: JSON.stringify([at(0, 3)]) },
      { articleSeq: 3, personId: 'cy', mentions: JSON.stringify([at(5, 7)]) },
    ]
    const quotes = [
      { articleSeq: 1, personId: 'ann', contentStart: 55, contentEnd: 70 }, // holds bob's mention at 60
      { articleSeq: 1, personId: 'bob', contentStart: 30, contentEnd: 50 }, // holds ann's mention at 40
      { articleSeq: 1, personId: 'bob', contentStart: 70, contentEnd: 80 }, // mentions nobody
      { articleSeq: 2, personId: 'ann', contentStart: 21, contentEnd: 22 }, // cuts bob's mention: not held
      { articleSeq: 3, personId: 'cy', contentStart: 0, contentEnd: 4 },
    ]
    const counts = relatedCounts('ann', appearances, quotes)
    expect(counts.get('bob')).toEqual({ sharedArticles: 2, quotesMentioningThem: 1, quotesMentioningPerson: 1, theirQuotes: 2 })
    expect(counts.get('cy')).toEqual({ sharedArticles: 1, quotesMentioningThem: 0, quotesMentioningPerson: 0, theirQuotes: 0 })
    expect(counts.has('ann')).toBe(false)
  })
})
