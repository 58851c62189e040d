import { LRUCache } from 'lru-cache'
import type { Conditions, Fragment, ReadStore, SearchTable } from '../db/read-store.js'

/** Measured at 100,000 articles: collecting costs ~0.6 µs per match, one check ~7 µs. */
const CHECK_TO_COLLECT_COST = 11

const answers = new WeakMap<ReadStore, LRUCache<string, boolean>>()

/**
 * Whether a full-text query matches more than `threshold` rows of `table`, counted no further.
 * Remembered for a minute per database: the answer only chooses how or where a query runs, never
 * what it returns, and repeated searches then skip the count.
 */
export async function matchesMoreThan(db: ReadStore, table: SearchTable, fts: string, threshold: number): Promise<boolean> {
  let known = answers.get(db)
  if (!known) answers.set(db, (known = new LRUCache<string, boolean>({ max: 10_000, ttl: 60_000 })))
  const key = `${table} ${threshold} ${fts}`
  let more = known.get(key)
  if (more === undefined) {
    const counted = await countMatches(db, table, fts, threshold + 1)
    known.set(key, (more = counted > threshold))
  }
  return more
}

/** How many rows match `fts`, counted no further than `limit`. */
async function countMatches(db: ReadStore, table: SearchTable, fts: string, limit: number): Promise<number> {
  const matches = db.search.matches(table, fts)
  const row = await db.get<{ n: number }>(`SELECT count(*) AS "n" FROM (${matches.sql} LIMIT ?) AS found`, [...matches.params, limit])
  return row?.n ?? 0
}

/**
 * How a date-ordered full-text list finds its page. Collecting gathers every match's rowid and
 * then reads the date index for them: its cost grows with the matches (`said` in 85,000
 * articles: 54 ms). Walking goes down the date index and checks each row against the full-text
 * index: its cost grows with the rows passed before the page fills, about
 * (limit + 1) × rows / matches (`said`: 0.2 ms; a word in 33 articles: 190 ms). Walking wins once
 * matches² > 11 × (limit + 1) × rows; the matches are counted no further than that.
 */
export async function walkFindsPageSooner(db: ReadStore, table: SearchTable, fts: string, limit: number): Promise<boolean> {
  const rows = (await db.get<{ n: number | null }>(`SELECT max("seq") AS "n" FROM "${table}"`))?.n ?? 0
  const threshold = Math.ceil(Math.sqrt(CHECK_TO_COLLECT_COST * (limit + 1) * rows))
  return matchesMoreThan(db, table, fts, threshold)
}

/** The WHERE condition for "row `seq` of `table` matches `fts`", in the form that finds the page sooner. */
export async function matchCondition(db: ReadStore, table: SearchTable, alias: string, fts: string, limit: number): Promise<Fragment> {
  return (await walkFindsPageSooner(db, table, fts, limit))
    ? db.search.matchesRow(table, alias, fts)
    : db.search.matchesIn(table, alias, fts)
}

const counted = new WeakMap<ReadStore, { version: number; counts: LRUCache<string, number> }>()

/**
 * How many rows of `table` (aliased `alias`) meet `where` and match `fts`, counted no further than
 * `cap` + 1. A search alone is counted in the full-text index, which stops at the cap. Counts are
 * remembered while the data does not change (PRAGMA data_version), so the pages after the first
 * of a listing, and the same filter in other sorts, do not count again.
 */
export function countUpTo(
  db: ReadStore,
  table: SearchTable,
  alias: string,
  where: Conditions,
  fts: string | undefined,
  cap: number,
): Promise<number> {
  return rememberedCount(db, [table, where.sql, where.params, fts ?? null, cap], async () => {
    if (fts && where.none) return countMatches(db, table, fts, cap + 1)
    if (fts) where.addFragment(await matchCondition(db, table, alias, fts, cap))
    const row = await db.get<{ n: number }>(
      `SELECT count(*) AS "n" FROM (SELECT 1 FROM "${table}" ${alias} ${where.sql} LIMIT ?) AS found`,
      [...where.params, cap + 1],
    )
    return row!.n
  })
}

/** A count remembered under `key` until the data changes (a change is committed anywhere). */
export async function rememberedCount(db: ReadStore, key: unknown[], count: () => Promise<number>): Promise<number> {
  const version = db.dataVersion()
  let memo = counted.get(db)
  if (!memo || memo.version !== version) counted.set(db, (memo = { version, counts: new LRUCache<string, number>({ max: 5_000 }) }))
  const text = JSON.stringify(key)
  let n = memo.counts.get(text)
  if (n === undefined) {
    n = await count()
    // kept only under the version it was read in: a change committed meanwhile drops it
    if (counted.get(db) === memo) memo.counts.set(text, n)
  }
  return n
}
