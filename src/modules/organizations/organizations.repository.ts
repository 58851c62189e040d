import type { ReadStore } from '../../db/read-store.js'

/** An organisation or group speaker: every quote whose speaker name has this key, counted. */
export interface OrganizationRow {
  slug: string
  quoteCount: number
  articleCount: number
  organizationQuotes: number
  firstQuoted: string | null
  lastQuoted: string | null
}

export interface WrittenNameRow {
  slug: string
  name: string
  quotes: number
}

/** Quotes of an addressable organisation or group speaker. */
export const ORGANIZATION_SPEAKER = `q."speakerType" IN ('organization', 'group') AND q."speakerKey" <> ''`

const AGGREGATE = `
  SELECT q."speakerKey" AS "slug", count(*) AS "quoteCount", count(DISTINCT q."articleSeq") AS "articleCount",
    sum(CASE WHEN q."speakerType" = 'organization' THEN 1 ELSE 0 END) AS "organizationQuotes", min(q."publishedAt") AS "firstQuoted", max(q."publishedAt") AS "lastQuoted"
  FROM "Quote" q`

/** An editor's organisation decision (stored beside the people's in IdentityDecision). */
export interface OrganizationDecisionRow {
  kind: string
  person: string
  into: string
  name: string | null
}

export const createOrganizationRepository = (db: ReadStore) => ({
  /** Editors' organisation merges and renames, oldest first: a handful of rows. */
  decisions: () =>
    db.all<OrganizationDecisionRow>(
      `SELECT "kind", "person", "into", "name" FROM "IdentityDecision" WHERE "kind" IN ('organization-merge', 'organization-rename') ORDER BY "seq"`,
    ),

  /** Every organisation and group speaker with its counts: one pass over their quotes (the speakerKey index). */
  all: () =>
    db.snapshot(async (tx) => ({
      organizations: await tx.all<OrganizationRow>(
        `${AGGREGATE} WHERE q."speakerKey" > '' AND ${ORGANIZATION_SPEAKER} GROUP BY q."speakerKey"`,
      ),
      names: await tx.all<WrittenNameRow>(
        `SELECT q."speakerKey" AS "slug", q."speakerName" AS "name", count(*) AS "quotes" FROM "Quote" q
         WHERE q."speakerKey" > '' AND ${ORGANIZATION_SPEAKER} GROUP BY q."speakerKey", q."speakerName"`,
      ),
    })),

  find: (slug: string) =>
    db.snapshot(async (tx) => {
      const organization = await tx.get<OrganizationRow>(
        `${AGGREGATE} WHERE q."speakerKey" = ? AND ${ORGANIZATION_SPEAKER} GROUP BY q."speakerKey"`,
        [slug],
      )
      if (!organization) return null
      const names = await tx.all<WrittenNameRow>(
        `SELECT q."speakerKey" AS "slug", q."speakerName" AS "name", count(*) AS "quotes" FROM "Quote" q
         WHERE q."speakerKey" = ? AND ${ORGANIZATION_SPEAKER} GROUP BY q."speakerKey", q."speakerName"`,
        [slug],
      )
      return { organization, names }
    }),
})
export type OrganizationRepository = ReturnType<typeof createOrganizationRepository>
