import { Prisma } from '../db/prisma.js'
import { chunks, type Db } from '../db/sql.js'

/** Recomputes the stored counters of these people and removes those left with no article. */
export async function refreshPeople(tx: Db, ids: string[]): Promise<void> {
  for (const part of chunks(ids)) {
    const list = Prisma.join(part)
    await tx.$executeRaw`
      UPDATE "Person" SET
        "articleCount" = (SELECT count(*) FROM "ArticlePerson" ap WHERE ap."personId" = "Person"."id"),
        "mentionCount" = (SELECT coalesce(sum(ap."mentionCount"), 0) FROM "ArticlePerson" ap WHERE ap."personId" = "Person"."id"),
        "quoteCount" = (SELECT count(*) FROM "Quote" q WHERE q."personId" = "Person"."id"),
        "firstSeen" = (SELECT min(a."publishedAt") FROM "ArticlePerson" ap JOIN "Article" a ON a."seq" = ap."articleSeq" WHERE ap."personId" = "Person"."id"),
        "lastSeen" = (SELECT max(a."publishedAt") FROM "ArticlePerson" ap JOIN "Article" a ON a."seq" = ap."articleSeq" WHERE ap."personId" = "Person"."id")
      WHERE "id" IN (${list})`
    await tx.$executeRaw`DELETE FROM "Person" WHERE "id" IN (${list}) AND "articleCount" = 0 AND "quoteCount" = 0`
  }
}
