import { conditions, type ReadStore } from '../../db/read-store.js'
import { sqlDate } from '../../shared/params.js'
import { ORGANIZATION_SPEAKER } from '../organizations/organizations.repository.js'

interface Counted {
  value: string | null
  n: number
}

/** Corpus totals, each from an index (grouped counts over Article and Quote, no table scan of bodies). */
/** A tally of quoted people and quotes for one pronoun (null: unknown) in one group (null: no group or no value). */
export interface SourceTally {
  value: string | null
  pronoun: string | null
  people: number
  quotes: number
}

export interface SourceFilter {
  by: 'section' | 'month' | 'outlet' | null
  from?: Date
  to?: Date
  section?: string
}

export const createStatsRepository = (db: ReadStore) => ({
  totals: () =>
    db.snapshot(async (tx) => ({
      articles: (await tx.get<{ total: number; dated: number; first: string | null; last: string | null }>(
        `SELECT count(*) AS "total", count("publishedAt") AS "dated", min("publishedAt") AS "first", max("publishedAt") AS "last" FROM "Article"`,
      ))!,
      people: (await tx.get<{ n: number }>(`SELECT count(*) AS "n" FROM "Person" WHERE "kind" = 'person'`))!.n,
      organizations: (await tx.get<{ n: number }>(
        `SELECT count(DISTINCT q."speakerKey") AS "n" FROM "Quote" q WHERE q."speakerKey" > '' AND ${ORGANIZATION_SPEAKER}`,
      ))!.n,
      quoteKinds: await tx.all<Counted>(`SELECT "kind" AS "value", count(*) AS "n" FROM "Quote" GROUP BY "kind"`),
      speakerTypes: await tx.all<Counted>(`SELECT "speakerType" AS "value", count(*) AS "n" FROM "Quote" GROUP BY "speakerType"`),
      sections: await tx.all<Counted>(
        `SELECT "section" AS "value", count(*) AS "n" FROM "Article" GROUP BY "section" ORDER BY "n" DESC, "value"`,
      ),
      agencies: await tx.all<Counted>(
        `SELECT "agency" AS "value", count(*) AS "n" FROM "Article" GROUP BY "agency" ORDER BY "n" DESC, "value"`,
      ),
    })),

  /**
   * Quotes of known people and the distinct people who said them, by the person's referred pronoun
   * (Person.pronoun), overall and, with `by`, per section, month or outlet of the article.
   */
  sources: (f: SourceFilter) => {
    const c = conditions()
    c.add(`q."personId" IS NOT NULL`)
    if (f.from) c.add(`a."publishedAt" >= ?`, sqlDate(f.from))
    if (f.to) c.add(`a."publishedAt" <= ?`, sqlDate(f.to))
    if (f.section) c.add(`a."section" = ?`, f.section)
    const from = `FROM "Quote" q JOIN "Article" a ON a."seq" = q."articleSeq" JOIN "Person" p ON p."id" = q."personId" ${c.sql}`
    const counted = `p."pronoun" AS "pronoun", count(DISTINCT q."personId") AS "people", count(*) AS "quotes"`
    const group = { section: 'a."section"', month: db.sql.month('a."publishedAt"'), outlet: 'a."agency"' }
    return db.snapshot(async (tx) => ({
      overall: await tx.all<SourceTally>(`SELECT NULL AS "value", ${counted} ${from} GROUP BY p."pronoun"`, c.params),
      groups: f.by ? await tx.all<SourceTally>(`SELECT ${group[f.by]} AS "value", ${counted} ${from} GROUP BY 1, 2`, c.params) : [],
    }))
  },
})
export type StatsRepository = ReturnType<typeof createStatsRepository>
