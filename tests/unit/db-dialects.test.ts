import { describe, expect, it } from 'vitest'
import { numberedPlaceholders, timestampText } from '../../src/db/pg/read-store.js'
import { tsqueryOf } from '../../src/db/pg/tsquery.js'
import { dialectOf, redactedUrl } from '../../src/db/url.js'
import { parseSearch } from '../../src/search/query.js'

describe('dialectOf', () => {
  it('selects PostgreSQL for postgres:// and postgresql:// URLs and SQLite for anything else', () => {
    expect(dialectOf('postgresql://u:p@127.0.0.1:5432/db')).toBe('postgres')
    expect(dialectOf('postgres://db.example/news')).toBe('postgres')
    expect(dialectOf('file:./data/newsdesk.db')).toBe('sqlite')
    expect(dialectOf('file:postgres://not-a-server.db')).toBe('sqlite')
  })

  it('never prints a password', () => {
    expect(redactedUrl('postgresql://newsdesk:s3cret@db:5432/news')).toBe('postgresql://newsdesk:***@db:5432/news')
    expect(redactedUrl('file:./data/newsdesk.db')).toBe('file:./data/newsdesk.db')
  })
})

describe('the search grammar as a PostgreSQL tsquery', () => {
  const ts = (q: string) => tsqueryOf(parseSearch(q).fts)

  it('turns words into required lexemes and phrases into quoted phrases', () => {
    expect(ts('kremlin guarantees')).toBe(`'kremlin' & 'guarantees'`)
    expect(ts('"security guarantees"')).toBe(`'security guarantees'`)
  })

  it('keeps alternatives grouped and exclusions as "and not"', () => {
    expect(ts('putin OR xi talks')).toBe(`('putin' | 'xi') & 'talks'`)
    expect(ts('summit -trump')).toBe(`('summit') & ! ('trump')`)
  })

  it('leaves nothing of the input that tsquery would read as an operator', () => {
    for (const q of ['a & b', "o'brien | !x", 'x:* <-> y', '(((', 'AND OR NOT']) {
      const out = (() => {
        try {
          return ts(q)
        } catch {
          return ''
        }
      })()
      // outside quoted lexemes only the operators we emit appear
      expect(out.replace(/'[^']*'/g, '').replace(/[&|!()\s]/g, '')).toBe('')
    }
  })
})

describe('PostgreSQL rows as the SQLite read store gives them', () => {
  it('writes timestamps in the ISO form Prisma stores in SQLite', () => {
    expect(timestampText('2021-12-15 08:30:00')).toBe('2021-12-15T08:30:00.000+00:00')
    expect(timestampText('2021-12-15 08:30:00.5')).toBe('2021-12-15T08:30:00.500+00:00')
    expect(timestampText('0001-01-01 00:00:00')).toBe('0001-01-01T00:00:00.000+00:00')
  })

  it('numbers placeholders outside strings and quoted names', () => {
    expect(numberedPlaceholders(`SELECT "a?" FROM t WHERE x = ? AND y LIKE '?%' AND z IN (?, ?)`)).toBe(
      `SELECT "a?" FROM t WHERE x = $1 AND y LIKE '?%' AND z IN ($2, $3)`,
    )
  })
})
