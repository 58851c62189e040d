import { Prisma } from '../db/prisma.js'
import { chunks, updateRows, type Db } from '../db/sql.js'
import { corpusGender, type ArticleGender } from '../identity/referred-gender.js'

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
    await refreshPronouns(tx, part)
  }
}

/** Decides again how the corpus refers to these people, from the pronoun evidence of all their articles. */
async function refreshPronouns(tx: Db, ids: string[]): Promise<void> {
  const rows = await tx.$queryRaw<{ personId: string; gender: string | null }[]>`
    SELECT "personId", "gender" FROM "ArticlePerson" WHERE "personId" IN (${Prisma.join(ids)})`
  const byPerson = new Map<string, (ArticleGender | null)[]>(ids.map((id) => [id, []]))
  for (const r of rows) byPerson.get(r.personId)?.push(r.gender ? (JSON.parse(r.gender) as ArticleGender) : null)
  const updates = [...byPerson].map(([id, articles]) => {
    const g = corpusGender(articles)
    return { id, pronoun: g.pronoun, pronounBasis: g.basis, pronounEvidence: JSON.stringify(g.evidence) }
  })
  // people deleted above match no row: the update leaves them gone
  await updateRows(tx, 'Person', ['id'], ['pronoun', 'pronounBasis', 'pronounEvidence'], updates)
}
