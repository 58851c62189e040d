import { conditions, type ReadStore } from '../../read-store.js'
import { matchCondition } from '../../shared/match-strategy.js'
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
    q."sentenceStart", q."sentenceEnd", q."sentence", q."listedAt"`
const PERSON_COLUMNS = `p."id" AS "personId", p."slug" AS "personSlug", p."name" AS "personName"`
const ARTICLE_COLUMNS = `a."id" AS "articleId", a."title" AS "articleTitle", a."publishedAt" AS "articlePublishedAt"`

/** The columns every quote response needs, from Quote joined to its article and person. */
export const QUOTE_SELECT = `
  SELECT ${QUOTE_COLUMNS}, ${PERSON_COLUMNS}, ${ARTICLE_COLUMNS}
  FROM "Quote" q
  JOIN "Article" a ON a."seq" = q."articleSeq"
  LEFT JOIN "Person" p ON p."id" = q."personId"`

/** The quotes of one article whose id, title and date the caller binds (no join back to a row it has read). */
export const QUOTES_OF_ARTICLE = `
  SELECT ${QUOTE_COLUMNS}, ${PERSON_COLUMNS}, ? AS "articleId", ? AS "articleTitle", ? AS "articlePublishedAt"
  FROM "Quote" q
  LEFT JOIN "Person" p ON p."id" = q."personId"
  WHERE q."articleSeq" = ? ORDER BY q."position"`

/** Quotes of one speaker, whose id, slug and name the caller binds (the same person on every row). */
const QUOTES_OF_SPEAKER = `
  SELECT ${QUOTE_COLUMNS}, ? AS "personId", ? AS "personSlug", ? AS "personName", ${ARTICLE_COLUMNS}
  FROM "Quote" q
  JOIN "Article" a ON a."seq" = q."articleSeq"`

export interface Speaker {
  id: string
  slug: string
  name: string
}

export interface QuoteFilter {
  fts?: string
  speaker?: Speaker
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
    if (f.fts) c.add(matchCondition(db, 'Quote', 'q', f.fts, f.limit), f.fts)
    if (f.speaker) c.add(`q."personId" = ?`, f.speaker.id)
    if (f.articleId) c.add(`a."id" = ?`, f.articleId)
    if (f.from) c.add(`q."publishedAt" >= ?`, sqlDate(f.from))
    if (f.to) c.add(`q."publishedAt" <= ?`, sqlDate(f.to))
    if (f.kind) c.add(`q."kind" = ?`, f.kind)
    if (f.minConfidence !== undefined) c.add(`q."confidence" >= ?`, f.minConfidence)
    if (f.after) c.add(`(q."listedAt", q."seq") < (?, ?)`, f.after[0], f.after[1])
    const [select, selected] = f.speaker ? [QUOTES_OF_SPEAKER, [f.speaker.id, f.speaker.slug, f.speaker.name]] : [QUOTE_SELECT, []]
    return db.all<QuoteRow>(`${select} ${c.sql} ORDER BY q."listedAt" DESC, q."seq" DESC LIMIT ?`, [...selected, ...c.params, f.limit + 1])
  },
})
export type QuoteRepository = ReturnType<typeof createQuoteRepository>
