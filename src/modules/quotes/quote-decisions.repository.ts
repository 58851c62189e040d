import type { ReadStore } from '../../db/read-store.js'

/** A stored quote decision with the person it names as they are now (directly, or through a redirect). */
export interface QuoteDecisionRow {
  seq: number
  kind: string
  articleId: string
  quoteId: string
  contentStart: number
  contentEnd: number
  content: string
  speakerKey: string | null
  speakerName: string | null
  note: string | null
  createdAt: string
  decidedPerson: string | null
  personId: string | null
  personSlug: string | null
  personName: string | null
}

const DECISION_SELECT = `
  SELECT d."seq", d."kind", d."articleId", d."quoteId", d."contentStart", d."contentEnd", d."content", d."speakerKey", d."speakerName",
    d."note", d."createdAt", d."personId" AS "decidedPerson", coalesce(p0."id", p1."id") AS "personId",
    coalesce(p0."slug", p1."slug") AS "personSlug", coalesce(p0."name", p1."name") AS "personName"
  FROM "QuoteDecision" d
  LEFT JOIN "Person" p0 ON p0."id" = d."personId"
  LEFT JOIN "PersonRedirect" r ON p0."id" IS NULL AND r."fromKey" = d."personId"
  LEFT JOIN "Person" p1 ON p1."id" = r."personId"`

export const createQuoteDecisionRepository = (db: ReadStore) => ({
  /** Newest first, keyset on seq. */
  list: (after: number | null, limit: number) =>
    after === null
      ? db.all<QuoteDecisionRow>(`${DECISION_SELECT} ORDER BY d."seq" DESC LIMIT ?`, [limit + 1])
      : db.all<QuoteDecisionRow>(`${DECISION_SELECT} WHERE d."seq" < ? ORDER BY d."seq" DESC LIMIT ?`, [after, limit + 1]),

  count: async () => Number((await db.get<{ n: number | bigint }>(`SELECT count(*) AS "n" FROM "QuoteDecision"`))?.n ?? 0),

  /** The decision that rejected quote `id` as not a quote, if one did. */
  rejectionOf: async (id: string) =>
    (
      await db.get<{ seq: number }>(
        `SELECT "seq" FROM "QuoteDecision" WHERE "quoteId" = ? AND "kind" = 'reject' ORDER BY "seq" DESC LIMIT 1`,
        [id],
      )
    )?.seq ?? null,
})
export type QuoteDecisionRepository = ReturnType<typeof createQuoteDecisionRepository>
