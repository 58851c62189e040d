import { Prisma, type PrismaClient } from '../../generated/prisma/client.js'
import { sqlDate } from '../../shared/params.js'

export interface ArticleSummaryRow {
  seq: number
  id: string
  title: string
  publishedAt: Date | null
  listedAt: Date
  section: string | null
  dateline: string | null
  agency: string | null
  url: string | null
  excerpt: string
  peopleCount: bigint | number
  quoteCount: bigint | number
  rank?: bigint | number
}

export interface ArticleFilter {
  fts?: string
  from?: Date
  to?: Date
  category?: string
  personId?: string
  sort: 'newest' | 'oldest' | 'relevance'
  after: [string | number, number] | null
  limit: number
}

const SUMMARY_COLUMNS = Prisma.sql`
  a."seq", a."id", a."title", a."publishedAt", a."listedAt", a."section", a."dateline", a."agency", a."url",
  substr(a."body", 1, 280) AS "excerpt",
  (SELECT count(*) FROM "ArticlePerson" ap WHERE ap."articleSeq" = a."seq") AS "peopleCount",
  (SELECT count(*) FROM "Quote" q WHERE q."articleSeq" = a."seq") AS "quoteCount"`

export const createArticleRepository = (db: PrismaClient) => ({
  findById: (id: string) =>
    db.article.findUnique({
      where: { id },
      include: { people: { include: { person: { select: { id: true, slug: true, name: true } } } } },
    }),

  list: (f: ArticleFilter) => {
    const where: Prisma.Sql[] = []
    if (f.from) where.push(Prisma.sql`a."publishedAt" >= ${sqlDate(f.from)}`)
    if (f.to) where.push(Prisma.sql`a."publishedAt" <= ${sqlDate(f.to)}`)
    if (f.category) where.push(Prisma.sql`a."section" = ${f.category}`)
    if (f.personId) where.push(Prisma.sql`a."seq" IN (SELECT "articleSeq" FROM "ArticlePerson" WHERE "personId" = ${f.personId})`)
    const limit = f.limit + 1
    if (f.sort === 'relevance' && f.fts) {
      if (f.after) where.push(Prisma.sql`(m."rank" > ${f.after[0]} OR (m."rank" = ${f.after[0]} AND a."seq" > ${f.after[1]}))`)
      const clause = where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty
      // bm25 scaled to an integer: a float keyset would not survive the round trip through the cursor
      return db.$queryRaw<ArticleSummaryRow[]>`
        WITH m AS (SELECT rowid AS "seq", CAST(round(bm25("ArticleFts", 10.0, 1.0) * 1e12) AS INTEGER) AS "rank" FROM "ArticleFts" WHERE "ArticleFts" MATCH ${f.fts})
        SELECT ${SUMMARY_COLUMNS}, m."rank" AS "rank" FROM m JOIN "Article" a ON a."seq" = m."seq"
        ${clause} ORDER BY m."rank" ASC, a."seq" ASC LIMIT ${limit}`
    }
    if (f.fts) where.push(Prisma.sql`a."seq" IN (SELECT rowid FROM "ArticleFts" WHERE "ArticleFts" MATCH ${f.fts})`)
    const desc = f.sort !== 'oldest'
    if (f.after) {
      where.push(desc
        ? Prisma.sql`(a."listedAt" < ${f.after[0]} OR (a."listedAt" = ${f.after[0]} AND a."seq" < ${f.after[1]}))`
        : Prisma.sql`(a."listedAt" > ${f.after[0]} OR (a."listedAt" = ${f.after[0]} AND a."seq" > ${f.after[1]}))`)
    }
    const clause = where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty
    const order = desc ? Prisma.sql`ORDER BY a."listedAt" DESC, a."seq" DESC` : Prisma.sql`ORDER BY a."listedAt" ASC, a."seq" ASC`
    return db.$queryRaw<ArticleSummaryRow[]>`SELECT ${SUMMARY_COLUMNS} FROM "Article" a ${clause} ${order} LIMIT ${limit}`
  },
})
export type ArticleRepository = ReturnType<typeof createArticleRepository>
export type ArticleWithPeople = NonNullable<Awaited<ReturnType<ArticleRepository['findById']>>>
