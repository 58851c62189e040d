import { conditions, type ReadStore } from '../../read-store.js'
import { sqlDate } from '../../shared/params.js'

/** Dates are ISO 8601 text as Prisma stores them in SQLite. */
export interface QuoteRow {
  seq: number
  id: string
  content: string
  contentStart: number
  contentEnd: number
  parts: string
  kind: string
  cue: string
  cueStart: number | null
  cueEnd: number | null
  via: string | null
  confidence: number
  speakerName: string
  speakerType: string
  speakerText: string | null
  speakerStart: number | null
  speakerEnd: number | null
  personId: string | null
  personSlug: string | null
  personName: string | null
  sentenceStart: number
  sentenceEnd: number
  sentence: string
  articleId: string
  articleTitle: string
  articlePublishedAt: string | null
  listedAt: string
}

const QUOTE_COLUMNS = `q."seq", q."id", q."content", q."contentStart", q."contentEnd", q."parts", q."kind", q."cue", q."cueStart", q."cueEnd",
    q."via", q."confidence", q."speakerName", q."speakerType", q."speakerText", q."speakerStart", q."speakerEnd",
    p."id" AS "personId", p."slug" AS "personSlug", p."name" AS "personName",
    q."sentenceStart", q."sentenceEnd", q."sentence", q."listedAt"`

/** The columns every quote response needs, from Quote joined to its article and person. */
export const QUOTE_SELECT = `
  SELECT ${QUOTE_COLUMNS}, a."id" AS "articleId", a."title" AS "articleTitle", a."publishedAt" AS "articlePublishedAt"
  FROM "Quote" q
  JOIN "Article" a ON a."seq" = q."articleSeq"
  LEFT JOIN "Person" p ON p."id" = q."personId"`

/** The quotes of one article whose id, title and date the caller binds (no join back to a row it has read). */
export const QUOTES_OF_ARTICLE = `
  SELECT ${QUOTE_COLUMNS}, ? AS "articleId", ? AS "articleTitle", ? AS "articlePublishedAt"
  FROM "Quote" q
  LEFT JOIN "Person" p ON p."id" = q."personId"
  WHERE q."articleSeq" = ? ORDER BY q."position"`

export interface QuoteFilter {
  fts?: string
  personId?: string
  articleId?: string
  from?: Date
  to?: Date
  kind?: string
  minConfidence?: number
  after?: [string, number] | null
  limit: number
}

export const createQuoteRepository = (db: ReadStore) => ({
  findById: (id: string) => db.get<QuoteRow>(`${QUOTE_SELECT} WHERE q."id" = ?`, [id]) ?? null,

  /** Newest first, keyset on (listedAt, seq). */
  list: (f: QuoteFilter) => {
    const c = conditions()
    if (f.fts) c.add(`q."seq" IN (SELECT rowid FROM "QuoteFts" WHERE "QuoteFts" MATCH ?)`, f.fts)
    if (f.personId) c.add(`q."personId" = ?`, f.personId)
    if (f.articleId) c.add(`a."id" = ?`, f.articleId)
    if (f.from) c.add(`q."publishedAt" >= ?`, sqlDate(f.from))
    if (f.to) c.add(`q."publishedAt" <= ?`, sqlDate(f.to))
    if (f.kind) c.add(`q."kind" = ?`, f.kind)
    if (f.minConfidence !== undefined) c.add(`q."confidence" >= ?`, f.minConfidence)
    if (f.after) c.add(`(q."listedAt", q."seq") < (?, ?)`, f.after[0], f.after[1])
    return db.all<QuoteRow>(`${QUOTE_SELECT} ${c.sql} ORDER BY q."listedAt" DESC, q."seq" DESC LIMIT ?`, [...c.params, f.limit + 1])
  },
})
export type QuoteRepository = ReturnType<typeof createQuoteRepository>
