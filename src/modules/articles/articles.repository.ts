import { conditions, type ReadStore } from '../../read-store.js'
import { countUpTo, matchCondition, matchesMoreThan } from '../../shared/match-strategy.js'
import { sqlDate } from '../../shared/params.js'
import { QUOTES_OF_ARTICLE, type QuoteRow } from '../quotes/quotes.repository.js'

/** Dates are ISO 8601 text as Prisma stores them in SQLite. */
export interface ArticleSummaryRow {
  seq: number
  id: string
  title: string
  publishedAt: string | null
  listedAt: string
  section: string | null
  dateline: string | null
  agency: string | null
  url: string | null
  excerpt: string
  peopleCount: number
  quoteCount: number
  rank?: number
  /** Only in the change feed (sort=updated). */
  updatedAt?: string
}

export interface ArticleRow {
  seq: number
  id: string
  title: string
  body: string
  excerpt: string
  publishedAt: string | null
  section: string | null
  dateline: string | null
  agency: string | null
  url: string | null
  sourcePath: string | null
  furniture: string
  format: string
  extra: string | null
  extractorVersion: string
  createdAt: string
  updatedAt: string
}

export interface ArticlePersonRow {
  id: string
  slug: string
  name: string
  role: string | null
  titles: string
  aliases: string
  mentionCount: number
  mentions: string
}

export interface ArticleFilter {
  fts?: string
  from?: Date
  to?: Date
  category?: string
  agency?: string
  /** Articles that mention every one of these people. */
  personIds?: string[]
  updatedSince?: Date
  /** Relevance ranks at most this many matches of a search alone: the most recently stored (null: all). */
  rankWindow?: number | null
  sort: 'newest' | 'oldest' | 'relevance' | 'updated'
  after: [string | number, number] | null
  limit: number
}

/** The filter's conditions on `a` ("Article"), except the search and the page position. */
function filterConditions(f: Omit<ArticleFilter, 'sort' | 'after' | 'limit'>) {
  const c = conditions()
  if (f.from) c.add(`a."publishedAt" >= ?`, sqlDate(f.from))
  if (f.to) c.add(`a."publishedAt" <= ?`, sqlDate(f.to))
  if (f.category) c.add(`a."section" = ?`, f.category)
  if (f.agency) c.add(`a."agency" = ?`, f.agency)
  if (f.updatedSince) c.add(`a."updatedAt" >= ?`, sqlDate(f.updatedSince))
  for (const personId of f.personIds ?? []) c.add(`a."seq" IN (SELECT "articleSeq" FROM "ArticlePerson" WHERE "personId" = ?)`, personId)
  return c
}

/** Stored with the row at ingest: a list never reads a body or counts rows. */
const SUMMARY_COLUMNS = `
  a."seq", a."id", a."title", a."publishedAt", a."listedAt", a."section", a."dateline", a."agency", a."url",
  a."excerpt", a."peopleCount", a."quoteCount"`

const ARTICLE_BY_ID = `SELECT "seq", "id", "title", "body", "excerpt", "publishedAt", "section", "dateline", "agency", "url", "sourcePath",
  "format", "extra", "extractorVersion", "createdAt", "updatedAt", "furniture" FROM "Article" WHERE "id" = ?`
const PEOPLE_OF_ARTICLE = `SELECT p."id", p."slug", p."name", ap."role", ap."titles", ap."aliases", ap."mentionCount", ap."mentions"
  FROM "ArticlePerson" ap JOIN "Person" p ON p."id" = ap."personId" WHERE ap."articleSeq" = ?`

export const createArticleRepository = (db: ReadStore) => ({
  /** The article, its people and its quotes, read in one snapshot. */
  findById: (id: string) =>
    db.snapshot(() => {
      const article = db.get<ArticleRow>(ARTICLE_BY_ID, [id])
      if (!article) return null
      return {
        article,
        people: db.all<ArticlePersonRow>(PEOPLE_OF_ARTICLE, [article.seq]),
        quotes: db.all<QuoteRow>(QUOTES_OF_ARTICLE, [article.id, article.title, article.publishedAt, article.seq]),
      }
    }),

  /** Whether a full-text query matches more than `threshold` articles. */
  matchesMoreThan: (fts: string, threshold: number) => matchesMoreThan(db, 'Article', fts, threshold),

  /**
   * Section, agency and month of the newest `cap` articles the filter matches, grouped: reads the
   * covering list index, so the cost is one index row per article (about 25 ms per 100,000).
   */
  facets: (f: Omit<ArticleFilter, 'sort' | 'after' | 'limit'>, cap: number) => {
    const c = filterConditions(f)
    if (f.fts) c.add(matchCondition(db, 'Article', 'a', f.fts, cap), f.fts)
    return db.all<{ section: string | null; agency: string | null; month: string | null; n: number }>(
      `SELECT "section", "agency", substr("publishedAt", 1, 7) AS "month", count(*) AS "n" FROM (
         SELECT a."section", a."agency", a."publishedAt" FROM "Article" a ${c.sql} ORDER BY a."listedAt" DESC, a."seq" DESC LIMIT ?
       ) GROUP BY 1, 2, 3`,
      [...c.params, cap],
    )
  },

  /** The bodies of some articles, by seq (an export reads them a batch at a time). */
  bodies: (seqs: number[]) =>
    seqs.length
      ? db.all<{ seq: number; body: string }>(
          `SELECT "seq", "body" FROM "Article" WHERE "seq" IN (${seqs.map(() => '?').join(', ')})`,
          seqs,
        )
      : [],

  /** How many articles the filter matches, counted no further than `cap` + 1. */
  count: (f: Omit<ArticleFilter, 'sort' | 'after' | 'limit'>, cap: number) =>
    countUpTo(db, 'Article', 'a', filterConditions(f), f.fts, cap),

  /**
   * How a relevance search is ranked: every match, or (a search alone with more matches than the
   * window) only the `rankWindow` most recently stored ones. Ranking scores each match it ranks, so
   * a word in most of 100,000 articles costs ~75 ms ranked whole and ~4 ms in a window of 1,000.
   */
  rankingOf: (f: Omit<ArticleFilter, 'sort' | 'after' | 'limit'>): 'exact' | 'recent-window' =>
    f.fts && f.rankWindow && filterConditions(f).none && matchesMoreThan(db, 'Article', f.fts, f.rankWindow) ? 'recent-window' : 'exact',

  list: (f: ArticleFilter) => {
    const c = filterConditions(f)
    if (f.sort === 'relevance' && f.fts) {
      // the window: matches from the rowid of the rankWindow-th most recently stored one (a rowid range, which FTS5 seeks)
      const floor =
        c.none && f.rankWindow && matchesMoreThan(db, 'Article', f.fts, f.rankWindow)
          ? (db.get<{ lo: number }>(
              `SELECT rowid AS "lo" FROM "ArticleFts" WHERE "ArticleFts" MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`,
              [f.fts, f.rankWindow - 1],
            )?.lo ?? null)
          : null
      // bm25 scaled to an integer: a float keyset would not survive the round trip through the cursor
      const scored = `SELECT rowid AS "seq", CAST(round(bm25("ArticleFts", 10.0, 1.0) * 1e12) AS INTEGER) AS "rank"
        FROM "ArticleFts" WHERE "ArticleFts" MATCH ?${floor === null ? '' : ' AND rowid >= CAST(? AS INTEGER)'}`
      const scoredParams = floor === null ? [f.fts] : [f.fts, floor]
      if (c.none) {
        // only the search: the page is cut among the matches before any article row is read
        const page = f.after
          ? `SELECT "seq", "rank" FROM (${scored}) WHERE ("rank", "seq") > (?, ?) ORDER BY "rank", "seq" LIMIT ?`
          : `${scored} ORDER BY "rank", "seq" LIMIT ?`
        return db.all<ArticleSummaryRow>(
          `
          WITH m AS (${page})
          SELECT ${SUMMARY_COLUMNS}, m."rank" AS "rank" FROM m JOIN "Article" a ON a."seq" = m."seq"
          ORDER BY m."rank" ASC, a."seq" ASC`,
          [...scoredParams, ...(f.after ? [f.after[0], f.after[1]] : []), f.limit + 1],
        )
      }
      if (f.after) c.add(`(m."rank", a."seq") > (?, ?)`, f.after[0], f.after[1])
      return db.all<ArticleSummaryRow>(
        `
        WITH m AS (${scored})
        SELECT ${SUMMARY_COLUMNS}, m."rank" AS "rank" FROM m JOIN "Article" a ON a."seq" = m."seq"
        ${c.sql} ORDER BY m."rank" ASC, a."seq" ASC LIMIT ?`,
        [f.fts, ...c.params, f.limit + 1],
      )
    }
    if (f.fts) c.add(matchCondition(db, 'Article', 'a', f.fts, f.limit), f.fts)
    if (f.sort === 'updated') {
      // the change feed: oldest change first, so a client resumes from its last cursor and sees every later change
      if (f.after) c.add(`(a."updatedAt", a."seq") > (?, ?)`, f.after[0], f.after[1])
      return db.all<ArticleSummaryRow>(
        `SELECT ${SUMMARY_COLUMNS}, a."updatedAt" FROM "Article" a ${c.sql} ORDER BY a."updatedAt" ASC, a."seq" ASC LIMIT ?`,
        [...c.params, f.limit + 1],
      )
    }
    const desc = f.sort !== 'oldest'
    if (f.after) {
      // a row value lets SQLite seek the (listedAt, seq) index; the equivalent OR scans from the first row
      c.add(desc ? `(a."listedAt", a."seq") < (?, ?)` : `(a."listedAt", a."seq") > (?, ?)`, f.after[0], f.after[1])
    }
    const order = desc ? `ORDER BY a."listedAt" DESC, a."seq" DESC` : `ORDER BY a."listedAt" ASC, a."seq" ASC`
    return db.all<ArticleSummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM "Article" a ${c.sql} ${order} LIMIT ?`, [...c.params, f.limit + 1])
  },
})
export type ArticleRepository = ReturnType<typeof createArticleRepository>
export type ArticleWithPeople = NonNullable<ReturnType<ArticleRepository['findById']>>
