import { conditions, type ReadStore } from '../../read-store.js'
import { UNDATED_LISTED_AT, sqlDate } from '../../shared/params.js'

/** Dates are ISO 8601 text as Prisma stores them in SQLite. */
export interface PersonRow {
  id: string
  slug: string
  name: string
  nameLower: string
  articleCount: number
  mentionCount: number
  quoteCount: number
  firstSeen: string | null
  lastSeen: string | null
}

export interface RelatedRow {
  id: string
  slug: string
  name: string
  nameLower: string
  articleCount: number
  sharedArticles: number
  quotesMentioningThem: number
  quotesMentioningPerson: number
  theirQuotes: number
}

const SORT_COLUMN = { quotes: 'quoteCount', mentions: 'mentionCount', articles: 'articleCount', name: 'nameLower' } as const
export type PersonSortKey = keyof typeof SORT_COLUMN

const PERSON_COLUMNS = `"id", "slug", "name", "nameLower", "articleCount", "mentionCount", "quoteCount", "firstSeen", "lastSeen"`

/** A name or alias containing `q`, case-insensitively. */
function nameConditions(q: string | undefined) {
  const c = conditions()
  if (q) {
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    c.add(
      `("nameLower" LIKE ? ESCAPE '\\' OR "id" IN (SELECT "personId" FROM "PersonAlias" WHERE "aliasLower" LIKE ? ESCAPE '\\'))`,
      like,
      like,
    )
  }
  return c
}

export const createPeopleRepository = (db: ReadStore) => {
  const findByIdOrSlug = (idOrSlug: string) =>
    db.get<PersonRow>(
      `SELECT ${PERSON_COLUMNS} FROM "Person" WHERE "id" = ? UNION ALL SELECT ${PERSON_COLUMNS} FROM "Person" WHERE "slug" = ? LIMIT 1`,
      [idOrSlug, idOrSlug.toLowerCase()],
    ) ?? null
  return {
    findByIdOrSlug,

    /** The slug of the person a merged, renamed or split-away person's old slug or id now leads to. */
    redirectOf: (key: string) =>
      db.get<{ slug: string }>(
        `SELECT p."slug" FROM "PersonRedirect" r JOIN "Person" p ON p."id" = r."personId" WHERE r."fromKey" IN (?, ?) LIMIT 1`,
        [key, key.toLowerCase()],
      )?.slug ?? null,

    /** The person with aliases, and titles with the article each was written in (newest first), in one snapshot. */
    findWithDetails: (idOrSlug: string) =>
      db.snapshot(() => {
        const person = findByIdOrSlug(idOrSlug)
        if (!person) return null
        const aliases = db.all<{ alias: string }>(`SELECT "alias" FROM "PersonAlias" WHERE "personId" = ? ORDER BY "alias"`, [person.id])
        const links = db.all<{ titles: string; articleId: string }>(
          `
          SELECT ap."titles", a."id" AS "articleId" FROM "ArticlePerson" ap JOIN "Article" a ON a."seq" = ap."articleSeq"
          WHERE ap."personId" = ? AND ap."titles" <> '[]' ORDER BY a."listedAt" DESC, a."seq" DESC`,
          [person.id],
        )
        return { person, aliases: aliases.map((a) => a.alias), links }
      }),

    /** Each dated or undated article that mentions them: its date and their mentions there. */
    appearances: (personId: string, from: string, to: string) =>
      db.all<{ publishedAt: string | null; mentionCount: number }>(
        `SELECT a."publishedAt", ap."mentionCount" FROM "ArticlePerson" ap JOIN "Article" a ON a."seq" = ap."articleSeq"
         WHERE ap."personId" = ? AND (a."publishedAt" IS NULL OR a."publishedAt" BETWEEN ? AND ?)`,
        [personId, from, to],
      ),

    /** Each of their quotes in the range (or undated): its date and kind; reads the (personId, listedAt) index. */
    quoteDates: (personId: string, from: string, to: string) =>
      db.all<{ publishedAt: string | null; kind: string }>(
        `SELECT "publishedAt", "kind" FROM "Quote" WHERE "personId" = ? AND ("listedAt" BETWEEN ? AND ? OR "listedAt" = ?)`,
        [personId, from, to, sqlDate(UNDATED_LISTED_AT)],
      ),

    /**
     * Everyone who appears in an article with them: the articles they share, and the quotes of
     * either one whose span holds a mention of the other (in a shared article).
     */
    related: (personId: string) =>
      db.all<RelatedRow>(
        `
        WITH "pairs" AS (
          SELECT o."personId", o."articleSeq", o."mentions" AS "theirMentions", mine."mentions" AS "myMentions"
          FROM "ArticlePerson" mine JOIN "ArticlePerson" o ON o."articleSeq" = mine."articleSeq" AND o."personId" <> mine."personId"
          WHERE mine."personId" = ?
        ),
        "counted" AS (
          SELECT pr."personId", count(*) AS "sharedArticles",
            sum((SELECT count(*) FROM "Quote" q WHERE q."articleSeq" = pr."articleSeq" AND q."personId" = ? AND EXISTS (
              SELECT 1 FROM json_each(pr."theirMentions") m
              WHERE json_extract(m."value", '$.start') >= q."contentStart" AND json_extract(m."value", '$.end') <= q."contentEnd"))) AS "quotesMentioningThem",
            sum((SELECT count(*) FROM "Quote" q WHERE q."articleSeq" = pr."articleSeq" AND q."personId" = pr."personId" AND EXISTS (
              SELECT 1 FROM json_each(pr."myMentions") m
              WHERE json_extract(m."value", '$.start') >= q."contentStart" AND json_extract(m."value", '$.end') <= q."contentEnd"))) AS "quotesMentioningPerson",
            sum((SELECT count(*) FROM "Quote" q WHERE q."articleSeq" = pr."articleSeq" AND q."personId" = pr."personId")) AS "theirQuotes"
          FROM "pairs" pr GROUP BY pr."personId"
        )
        SELECT p."id", p."slug", p."name", p."nameLower", p."articleCount", c."sharedArticles", c."quotesMentioningThem",
          c."quotesMentioningPerson", c."theirQuotes"
        FROM "counted" c JOIN "Person" p ON p."id" = c."personId"`,
        [personId, personId],
      ),

    /** How many people the name search matches (everyone without one), counted no further than `cap` + 1. */
    count: (q: string | undefined, cap: number) => {
      const c = nameConditions(q)
      return db.get<{ n: number }>(`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Person" ${c.sql} LIMIT ?)`, [...c.params, cap + 1])!.n
    },

    /** Counts sort descending (name ascending); keyset on (sort value, id). */
    list: (f: { q?: string; sort: PersonSortKey; after: [string | number, string] | null; limit: number }) => {
      const col = `"${SORT_COLUMN[f.sort]}"`
      const asc = f.sort === 'name'
      const c = nameConditions(f.q)
      if (f.after) {
        c.add(asc ? `(${col}, "id") > (?, ?)` : `(${col}, "id") < (?, ?)`, f.after[0], f.after[1])
      }
      const order = asc ? `ORDER BY ${col} ASC, "id" ASC` : `ORDER BY ${col} DESC, "id" DESC`
      return db.all<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM "Person" ${c.sql} ${order} LIMIT ?`, [...c.params, f.limit + 1])
    },
  }
}
export type PeopleRepository = ReturnType<typeof createPeopleRepository>
export { SORT_COLUMN }
