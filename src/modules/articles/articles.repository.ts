import { columnsOf, selectList, type RowOf } from '../../db/columns.js'
import type { Article, ArticlePerson, Person } from '../../db/prisma.js'
import { conditions, type ReadStore } from '../../db/read-store.js'
import { countUpTo, matchCondition, matchesMoreThan } from '../../shared/match-strategy.js'
import { sqlDate } from '../../shared/params.js'
import { QUOTES_OF_ARTICLE, type QuoteRow } from '../quotes/quotes.repository.js'

/** Stored with the row at ingest: a list never reads a body or counts rows. */
const SUMMARY_COLUMNS = columnsOf<Article>()(
  'seq',
  'id',
  'title',
  'publishedAt',
  'listedAt',
  'section',
  'dateline',
  'agency',
  'url',
  'excerpt',
  'peopleCount',
  'quoteCount',
)
export type ArticleSummaryRow = RowOf<Article, typeof SUMMARY_COLUMNS> & {
  rank?: number
  /** Only in the change feed (sort=updated). */
  updatedAt?: string
}

const ARTICLE_COLUMNS = columnsOf<Article>()(
  'seq',
  'id',
  'title',
  'body',
  'excerpt',
  'publishedAt',
  'section',
  'dateline',
  'agency',
  'url',
  'sourcePath',
  'format',
  'extra',
  'extractorVersion',
  'createdAt',
  'updatedAt',
  'furniture',
)
export type ArticleRow = RowOf<Article, typeof ARTICLE_COLUMNS>

const LINK_COLUMNS = columnsOf<ArticlePerson>()('role', 'titles', 'aliases', 'mentionCount', 'mentions')
export type ArticlePersonRow = RowOf<Person, ['id', 'slug', 'name']> & RowOf<ArticlePerson, typeof LINK_COLUMNS>

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

const SUMMARY = selectList('a', SUMMARY_COLUMNS)
const ARTICLE_BY_ID = `SELECT ${selectList(null, ARTICLE_COLUMNS)} FROM "Article" WHERE "id" = ?`
const PEOPLE_OF_ARTICLE = `SELECT ${selectList('p', columnsOf<Person>()('id', 'slug', 'name'))}, ${selectList('ap', LINK_COLUMNS)}
  FROM "ArticlePerson" ap JOIN "Person" p ON p."id" = ap."personId" WHERE ap."articleSeq" = ? AND p."kind" = 'person'`

export const createArticleRepository = (db: ReadStore) => ({
  /** The article, its people and its quotes, read in one snapshot. */
  findById: (id: string) =>
    db.snapshot(async (tx) => {
      const article = await tx.get<ArticleRow>(ARTICLE_BY_ID, [id])
      if (!article) return null
      const [people, quotes] = await Promise.all([
        tx.all<ArticlePersonRow>(PEOPLE_OF_ARTICLE, [article.seq]),
        tx.all<QuoteRow>(QUOTES_OF_ARTICLE, [article.id, article.title, article.publishedAt, article.seq]),
      ])
      return { article, people, quotes }
    }),

  /** Whether a full-text query matches more than `threshold` articles. */
  matchesMoreThan: (fts: string, threshold: number) => matchesMoreThan(db, 'Article', fts, threshold),

  /**
   * Section, agency and month of the newest `cap` articles the filter matches, grouped: reads the
   * covering list index, so the cost is one index row per article (about 25 ms per 100,000).
   */
  facets: async (f: Omit<ArticleFilter, 'sort' | 'after' | 'limit'>, cap: number) => {
    const c = filterConditions(f)
    if (f.fts) c.addFragment(await matchCondition(db, 'Article', 'a', f.fts, cap))
    return db.all<{ section: string | null; agency: string | null; month: string | null; n: number }>(
      `SELECT "section", "agency", ${db.sql.month('"publishedAt"')} AS "month", count(*) AS "n" FROM (
         SELECT a."section", a."agency", a."publishedAt" FROM "Article" a ${c.sql} ORDER BY a."listedAt" DESC, a."seq" DESC LIMIT ?
       ) AS newest GROUP BY 1, 2, 3`,
      [...c.params, cap],
    )
  },

  /** The bodies of some articles, by seq (an export reads them a batch at a time). */
  bodies: async (seqs: number[]) =>
    seqs.length
      ? db.all<{ seq: number; body: string }>(`SELECT "seq", "body" FROM "Article" WHERE "seq" ${db.sql.inJsonArray('integer')}`, [
          JSON.stringify(seqs),
        ])
      : [],

  /** How many articles the filter matches, counted no further than `cap` + 1. */
  count: (f: Omit<ArticleFilter, 'sort' | 'after' | 'limit'>, cap: number) =>
    countUpTo(db, 'Article', 'a', filterConditions(f), f.fts, cap),

  /**
   * How a relevance search is ranked: every match, or (a search alone with more matches than the
   * window) only the `rankWindow` most recently stored ones. Ranking scores each match it ranks, so
   * a word in most of 100,000 articles costs ~75 ms ranked whole and ~4 ms in a window of 1,000.
   */
  rankingOf: async (f: Omit<ArticleFilter, 'sort' | 'after' | 'limit'>): Promise<'exact' | 'recent-window'> =>
    f.fts && f.rankWindow && filterConditions(f).none && (await matchesMoreThan(db, 'Article', f.fts, f.rankWindow))
      ? 'recent-window'
      : 'exact',

  list: async (f: ArticleFilter): Promise<ArticleSummaryRow[]> => {
    const c = filterConditions(f)
    if (f.sort === 'relevance' && f.fts) {
      const windowed = c.none && f.rankWindow && (await matchesMoreThan(db, 'Article', f.fts, f.rankWindow))
      const scored = await db.search.scored('Article', f.fts, windowed ? f.rankWindow! : null)
      if (c.none) {
        // only the search: the page is cut among the matches before any article row is read
        const page = f.after
          ? `SELECT "seq", "rank" FROM (${scored.sql}) AS scored WHERE ("rank", "seq") > (?, ?) ORDER BY "rank", "seq" LIMIT ?`
          : `${scored.sql} ORDER BY "rank", "seq" LIMIT ?`
        return db.all<ArticleSummaryRow>(
          `
          WITH m AS (${page})
          SELECT ${SUMMARY}, m."rank" AS "rank" FROM m JOIN "Article" a ON a."seq" = m."seq"
          ORDER BY m."rank" ASC, a."seq" ASC`,
          [...scored.params, ...(f.after ? [f.after[0], f.after[1]] : []), f.limit + 1],
        )
      }
      if (f.after) c.add(`(m."rank", a."seq") > (?, ?)`, f.after[0], f.after[1])
      return db.all<ArticleSummaryRow>(
        `
        WITH m AS (${scored.sql})
        SELECT ${SUMMARY}, m."rank" AS "rank" FROM m JOIN "Article" a ON a."seq" = m."seq"
        ${c.sql} ORDER BY m."rank" ASC, a."seq" ASC LIMIT ?`,
        [...scored.params, ...c.params, f.limit + 1],
      )
    }
    if (f.fts) c.addFragment(await matchCondition(db, 'Article', 'a', f.fts, f.limit))
    if (f.sort === 'updated') {
      // the change feed: oldest change first, so a client resumes from its last cursor and sees every later change
      if (f.after) c.add(`(a."updatedAt", a."seq") > (?, ?)`, f.after[0], f.after[1])
      return db.all<ArticleSummaryRow>(
        `SELECT ${SUMMARY}, a."updatedAt" FROM "Article" a ${c.sql} ORDER BY a."updatedAt" ASC, a."seq" ASC LIMIT ?`,
        [...c.params, f.limit + 1],
      )
    }
    const desc = f.sort !== 'oldest'
    if (f.after) {
      // a row value lets SQLite seek the (listedAt, seq) index; the equivalent OR scans from the first row
      c.add(desc ? `(a."listedAt", a."seq") < (?, ?)` : `(a."listedAt", a."seq") > (?, ?)`, f.after[0], f.after[1])
    }
    const order = desc ? `ORDER BY a."listedAt" DESC, a."seq" DESC` : `ORDER BY a."listedAt" ASC, a."seq" ASC`
    return db.all<ArticleSummaryRow>(`SELECT ${SUMMARY} FROM "Article" a ${c.sql} ${order} LIMIT ?`, [...c.params, f.limit + 1])
  },
})
export type ArticleRepository = ReturnType<typeof createArticleRepository>
export type ArticleWithPeople = NonNullable<Awaited<ReturnType<ArticleRepository['findById']>>>
