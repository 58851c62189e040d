import type { SearchSql, SearchTable } from '../read-store.js'
import { tsqueryOf } from './tsquery.js'

/** The tsvector table of each searchable table (migration 20261127000100_search). */
const SEARCH_TABLE: Record<SearchTable, string> = { Article: 'ArticleSearch', Quote: 'QuoteSearch' }
const QUERY = `to_tsquery('newsdesk', ?)`

/**
 * Full-text search on PostgreSQL: a GIN-indexed tsvector per row, filled by triggers (title
 * weighted A, body D), ranked by ts_rank_cd (cover density, divided by 1 + log of the length as
 * bm25 discounts long texts).
 */
export const tsvectorSearch: SearchSql = {
  matches: (table, fts) => ({ sql: `SELECT "seq" FROM "${SEARCH_TABLE[table]}" WHERE "search" @@ ${QUERY}`, params: [tsqueryOf(fts)] }),
  matchesRow: (table, alias, fts) => ({
    sql: `EXISTS (SELECT 1 FROM "${SEARCH_TABLE[table]}" s WHERE s."seq" = ${alias}."seq" AND s."search" @@ ${QUERY})`,
    params: [tsqueryOf(fts)],
  }),
  // ARRAY(subquery) runs once, before the outer query: PostgreSQL would otherwise walk the date index for a rare word too
  matchesIn: (table, alias, fts) => ({
    sql: `${alias}."seq" = ANY(ARRAY(SELECT "seq" FROM "${SEARCH_TABLE[table]}" WHERE "search" @@ ${QUERY}))`,
    params: [tsqueryOf(fts)],
  }),
  async scored(table, fts, window) {
    const q = tsqueryOf(fts)
    // negated and scaled to an integer: best first in ascending order, and a keyset that survives the cursor's round trip
    const rank = `CAST(round(-ts_rank_cd(m."search", ${QUERY}, 1) * 1e12) AS bigint)`
    if (window === null) {
      return {
        sql: `SELECT m."seq", ${rank} AS "rank" FROM "${SEARCH_TABLE[table]}" m WHERE m."search" @@ ${QUERY}`,
        params: [q, q],
      }
    }
    // the newest matches, found walking the primary key down, then ranked
    return {
      sql: `SELECT m."seq", ${rank} AS "rank" FROM (
          SELECT s."seq", s."search" FROM "${SEARCH_TABLE[table]}" s WHERE s."search" @@ ${QUERY} ORDER BY s."seq" DESC LIMIT ?
        ) m`,
      params: [q, q, window],
    }
  },
}
