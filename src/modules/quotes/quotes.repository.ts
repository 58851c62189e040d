import { Prisma, type PrismaClient } from '../../generated/prisma/client.js'
import { sqlDate } from '../../shared/params.js'

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
  articlePublishedAt: Date | null
  listedAt: Date
}

/** The columns every quote response needs, from Quote joined to its article and person. */
export const QUOTE_SELECT = Prisma.sql`
  SELECT q."seq", q."id", q."content", q."contentStart", q."contentEnd", q."parts", q."kind", q."cue", q."cueStart", q."cueEnd",
    q."via", q."confidence", q."speakerName", q."speakerType", q."speakerText", q."speakerStart", q."speakerEnd",
    p."id" AS "personId", p."slug" AS "personSlug", p."name" AS "personName",
    q."sentenceStart", q."sentenceEnd", q."sentence",
    a."id" AS "articleId", a."title" AS "articleTitle", a."publishedAt" AS "articlePublishedAt", q."listedAt"
  FROM "Quote" q
  JOIN "Article" a ON a."seq" = q."articleSeq"
  LEFT JOIN "Person" p ON p."id" = q."personId"`

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

export const createQuoteRepository = (db: PrismaClient) => ({
  findById: async (id: string) =>
    (await db.$queryRaw<QuoteRow[]>`${QUOTE_SELECT} WHERE q."id" = ${id}`)[0] ?? null,

  forArticle: (articleSeq: number) =>
    db.$queryRaw<QuoteRow[]>`${QUOTE_SELECT} WHERE q."articleSeq" = ${articleSeq} ORDER BY q."position"`,

  /** Newest first, keyset on (listedAt, seq). */
  list: (f: QuoteFilter) => {
    const where: Prisma.Sql[] = []
    if (f.fts) where.push(Prisma.sql`q."seq" IN (SELECT rowid FROM "QuoteFts" WHERE "QuoteFts" MATCH ${f.fts})`)
    if (f.personId) where.push(Prisma.sql`q."personId" = ${f.personId}`)
    if (f.articleId) where.push(Prisma.sql`a."id" = ${f.articleId}`)
    if (f.from) where.push(Prisma.sql`q."publishedAt" >= ${sqlDate(f.from)}`)
    if (f.to) where.push(Prisma.sql`q."publishedAt" <= ${sqlDate(f.to)}`)
    if (f.kind) where.push(Prisma.sql`q."kind" = ${f.kind}`)
    if (f.minConfidence !== undefined) where.push(Prisma.sql`q."confidence" >= ${f.minConfidence}`)
    if (f.after) where.push(Prisma.sql`(q."listedAt" < ${f.after[0]} OR (q."listedAt" = ${f.after[0]} AND q."seq" < ${f.after[1]}))`)
    const clause = where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty
    return db.$queryRaw<QuoteRow[]>`${QUOTE_SELECT} ${clause} ORDER BY q."listedAt" DESC, q."seq" DESC LIMIT ${f.limit + 1}`
  },
})
export type QuoteRepository = ReturnType<typeof createQuoteRepository>
