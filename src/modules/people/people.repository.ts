import { columnsOf, selectList, type RowOf } from '../../db/columns.js'
import type { Person } from '../../db/prisma.js'
import { conditions, type ReadStore } from '../../db/read-store.js'
import type { Appearance, SpokenQuote } from './related.js'
import { rememberedCount } from '../../shared/match-strategy.js'
import { UNDATED_LISTED_AT, sqlDate } from '../../shared/params.js'

const PERSON = columnsOf<Person>()(
  'id',
  'slug',
  'name',
  'nameLower',
  'articleCount',
  'mentionCount',
  'quoteCount',
  'firstSeen',
  'lastSeen',
  'pronoun',
)
export type PersonRow = RowOf<Person, typeof PERSON>
const REFERRED = columnsOf<Person>()('pronounBasis', 'pronounEvidence')
export type ReferredRow = RowOf<Person, typeof REFERRED>

const SORT_COLUMN = {
  quotes: 'quoteCount',
  mentions: 'mentionCount',
  articles: 'articleCount',
  name: 'nameLower',
} as const satisfies Record<string, keyof Person>
export type PersonSortKey = keyof typeof SORT_COLUMN

const PERSON_COLUMNS = selectList(null, PERSON)

/** People (not records demoted to organisations or things) whose name or alias contains `q`, case-insensitively. */
function nameConditions(q: string | undefined) {
  const c = conditions()
  // records the corpus shows are not people (identity/personhood.ts) are not listed
  c.add(`"kind" = 'person'`)
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
  const findByIdOrSlug = async (idOrSlug: string, on: ReadStore = db) =>
    (await on.get<PersonRow>(
      `SELECT ${PERSON_COLUMNS} FROM "Person" WHERE "id" = ? AND "kind" = 'person'
       UNION ALL SELECT ${PERSON_COLUMNS} FROM "Person" WHERE "slug" = ? AND "kind" = 'person' LIMIT 1`,
      [idOrSlug, idOrSlug.toLowerCase()],
    )) ?? null
  return {
    findByIdOrSlug,

    /** The slug of the person a merged, renamed or split-away person's old slug or id now leads to. */
    redirectOf: async (key: string) =>
      (
        await db.get<{ slug: string }>(
          `SELECT p."slug" FROM "PersonRedirect" r JOIN "Person" p ON p."id" = r."personId" WHERE r."fromKey" IN (?, ?) LIMIT 1`,
          [key, key.toLowerCase()],
        )
      )?.slug ?? null,

    /** The person with aliases, and titles with the article each was written in (newest first), in one snapshot. */
    findWithDetails: (idOrSlug: string) =>
      db.snapshot(async (tx) => {
        const person = await findByIdOrSlug(idOrSlug, tx)
        if (!person) return null
        const aliases = await tx.all<{ alias: string }>(`SELECT "alias" FROM "PersonAlias" WHERE "personId" = ? ORDER BY "alias"`, [
          person.id,
        ])
        const links = await tx.all<{ titles: string; articleId: string }>(
          `
          SELECT ap."titles", a."id" AS "articleId" FROM "ArticlePerson" ap JOIN "Article" a ON a."seq" = ap."articleSeq"
          WHERE ap."personId" = ? AND ap."titles" <> '[]' ORDER BY a."listedAt" DESC, a."seq" DESC`,
          [person.id],
        )
        const referred = (await tx.get<ReferredRow>(`SELECT ${selectList(null, REFERRED)} FROM "Person" WHERE "id" = ?`, [person.id]))!
        return { person, referred, aliases: aliases.map((a) => a.alias), links }
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

    /** Everyone's appearances (the person's own included) in the articles that mention them. */
    appearancesAround: (personId: string, on: ReadStore = db) =>
      on.all<Appearance>(
        `SELECT o."articleSeq", o."personId", o."mentions" FROM "ArticlePerson" mine
         JOIN "ArticlePerson" o ON o."articleSeq" = mine."articleSeq" WHERE mine."personId" = ?`,
        [personId],
      ),

    /** The quotes of known speakers in the articles that mention them. */
    quotesAround: (personId: string, on: ReadStore = db) =>
      on.all<SpokenQuote>(
        `SELECT q."articleSeq", q."personId", q."contentStart", q."contentEnd" FROM "ArticlePerson" mine
         JOIN "Quote" q ON q."articleSeq" = mine."articleSeq" WHERE mine."personId" = ? AND q."personId" IS NOT NULL`,
        [personId],
      ),

    /** Some people by id, in no order. */
    byIds: (ids: string[]) =>
      db.all<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM "Person" WHERE "id" ${db.sql.inJsonArray('text')} AND "kind" = 'person'`, [
        JSON.stringify(ids),
      ]),

    /** How many people the name search matches (everyone without one), counted no further than `cap` + 1. */
    count: (q: string | undefined, cap: number) => {
      const c = nameConditions(q)
      return rememberedCount(
        db,
        ['Person', c.sql, c.params, cap],
        async () =>
          (await db.get<{ n: number }>(`SELECT count(*) AS "n" FROM (SELECT 1 FROM "Person" ${c.sql} LIMIT ?) AS found`, [
            ...c.params,
            cap + 1,
          ]))!.n,
      )
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
