import type { ReadStore } from '../../db/read-store.js'
import { ORGANIZATION_SPEAKER } from '../organizations/organizations.repository.js'

interface Counted {
  value: string | null
  n: number
}

/** Corpus totals, each from an index (grouped counts over Article and Quote, no table scan of bodies). */
export const createStatsRepository = (db: ReadStore) => ({
  totals: () =>
    db.snapshot(async (tx) => ({
      articles: (await tx.get<{ total: number; dated: number; first: string | null; last: string | null }>(
        `SELECT count(*) AS "total", count("publishedAt") AS "dated", min("publishedAt") AS "first", max("publishedAt") AS "last" FROM "Article"`,
      ))!,
      people: (await tx.get<{ n: number }>(`SELECT count(*) AS "n" FROM "Person"`))!.n,
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
})
export type StatsRepository = ReturnType<typeof createStatsRepository>
