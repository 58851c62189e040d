import { Prisma, type PrismaClient } from '../../generated/prisma/client.js'

export interface PersonRow {
  id: string
  slug: string
  name: string
  nameLower: string
  articleCount: number
  mentionCount: number
  quoteCount: number
  firstSeen: Date | null
  lastSeen: Date | null
}

const SORT_COLUMN = { quotes: 'quoteCount', mentions: 'mentionCount', articles: 'articleCount', name: 'nameLower' } as const
export type PersonSortKey = keyof typeof SORT_COLUMN

export const createPeopleRepository = (db: PrismaClient) => ({
  findByIdOrSlug: (idOrSlug: string) =>
    db.person.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug.toLowerCase() }] } }),

  /** Aliases, and titles with the article each was written in. */
  details: async (personId: string) => {
    const [aliases, links] = await Promise.all([
      db.personAlias.findMany({ where: { personId }, select: { alias: true }, orderBy: { alias: 'asc' } }),
      db.articlePerson.findMany({ where: { personId }, select: { titles: true, article: { select: { id: true, listedAt: true } } } }),
    ])
    links.sort((a, b) => b.article.listedAt.getTime() - a.article.listedAt.getTime())
    return { aliases: aliases.map((a) => a.alias), links }
  },

  /** Counts sort descending (name ascending); keyset on (sort value, id). */
  list: (f: { q?: string; sort: PersonSortKey; after: [string | number, string] | null; limit: number }) => {
    const col = Prisma.raw(`"${SORT_COLUMN[f.sort]}"`)
    const asc = f.sort === 'name'
    const where: Prisma.Sql[] = []
    if (f.q) {
      const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      where.push(Prisma.sql`("nameLower" LIKE ${like} ESCAPE '\\' OR "id" IN (SELECT "personId" FROM "PersonAlias" WHERE "aliasLower" LIKE ${like} ESCAPE '\\'))`)
    }
    if (f.after) {
      where.push(asc
        ? Prisma.sql`(${col} > ${f.after[0]} OR (${col} = ${f.after[0]} AND "id" > ${f.after[1]}))`
        : Prisma.sql`(${col} < ${f.after[0]} OR (${col} = ${f.after[0]} AND "id" < ${f.after[1]}))`)
    }
    const clause = where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty
    const order = asc ? Prisma.sql`ORDER BY ${col} ASC, "id" ASC` : Prisma.sql`ORDER BY ${col} DESC, "id" DESC`
    return db.$queryRaw<PersonRow[]>`
      SELECT "id", "slug", "name", "nameLower", "articleCount", "mentionCount", "quoteCount", "firstSeen", "lastSeen"
      FROM "Person" ${clause} ${order} LIMIT ${f.limit + 1}`
  },
})
export type PeopleRepository = ReturnType<typeof createPeopleRepository>
export { SORT_COLUMN }
