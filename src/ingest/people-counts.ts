import { Prisma } from '../db/prisma.js'
import { chunks, updateRows, type Db } from '../db/sql.js'
import { corpusGender, type ArticleGender } from '../identity/referred-gender.js'
import { corpusEvidence, decidePersonhood, type Personhood } from '../identity/personhood.js'
import type { PersonEvidence, ReferredGender } from '../extraction/types.js'
import { groupBy } from '../shared/group-by.js'
import { speakerKeyOf } from '../speakers/speaker-key.js'
import { movedKey } from '../identity/organization-decisions.js'
import { storedOrganizationMoves } from './organization-keys.js'

/** Recomputes the stored counters of these people and removes those left with no article. */
export async function refreshPeople(tx: Db, ids: string[]): Promise<void> {
  for (const part of chunks(ids)) {
    const list = Prisma.join(part)
    // person-hood first: the quotes of a record that is a person again count for it below
    const personhood = await decidePeople(tx, part)
    await restoreQuotes(
      tx,
      personhood.filter((p) => p.kind === 'person' && p.stored !== 'person'),
    )
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
    await storePersonhood(tx, personhood)
  }
}

type PersonDecision = { id: string; name: string; stored: string } & Personhood

/** The quotes of records an earlier decision found not to be people come back to them now that they are. */
async function restoreQuotes(tx: Db, people: PersonDecision[]): Promise<void> {
  for (const p of people)
    await tx.$executeRaw`
      UPDATE "Quote" SET "personId" = ${p.id}, "speakerName" = ${p.name}, "speakerType" = 'person', "speakerKey" = ''
      WHERE "decisionSeq" IS NULL AND ("articleSeq", "speakerEntity") IN (
        SELECT "articleSeq", "position" FROM "ArticleEntity" WHERE "personId" = ${p.id} AND "status" = 'person')`
}

/** Whether these records are people, from the evidence of all their articles and the editors' "is a person" decisions. */
async function decidePeople(tx: Db, ids: string[]): Promise<PersonDecision[]> {
  const list = Prisma.join(ids)
  const people = await tx.$queryRaw<{ id: string; slug: string; name: string; kind: string }[]>`
    SELECT "id", "slug", "name", "kind" FROM "Person" WHERE "id" IN (${list})`
  if (people.length === 0) return []
  const rows = await tx.$queryRaw<{ personId: string; evidence: string | null; gender: string | null }[]>`
    SELECT "personId", "evidence", "gender" FROM "ArticleEntity" WHERE "personId" IN (${list}) AND "status" = 'person'`
  const byPerson = groupBy(rows, (r) => r.personId)
  const confirmed = new Set(
    (
      await tx.$queryRaw<{ person: string }[]>`
        SELECT "person" FROM "IdentityDecision" WHERE "kind" = 'is-a-person' AND "person" IN (${Prisma.join(people.map((p) => p.slug))})`
    ).map((d) => d.person),
  )
  return people.map((p) => {
    const evidence = corpusEvidence(
      (byPerson.get(p.id) ?? []).map((r) => ({
        evidence: r.evidence ? (JSON.parse(r.evidence) as PersonEvidence) : null,
        gender: r.gender ? (JSON.parse(r.gender) as ReferredGender) : null,
      })),
    )
    const decision = confirmed.has(p.slug) ? { kind: 'person' as const, basis: 'an editor says so' } : decidePersonhood(p.name, evidence)
    return { id: p.id, name: p.name, stored: p.kind, ...decision }
  })
}

/**
 * Stores what each record is; the quotes of a record that is not a person leave it (a relink may
 * have given them back), as said by an organisation when it is one.
 */
async function storePersonhood(tx: Db, decided: PersonDecision[]): Promise<void> {
  // people deleted above match no row: the update leaves them gone
  await updateRows(
    tx,
    'Person',
    ['id'],
    ['kind', 'kindBasis'],
    decided.map((p) => ({ id: p.id, kind: p.kind, kindBasis: p.basis })),
  )
  const demoted = decided.filter((d) => d.kind !== 'person')
  const moves = demoted.some((d) => d.kind === 'organization') ? await storedOrganizationMoves(tx) : null
  for (const p of demoted) {
    const organization = p.kind === 'organization'
    // the key the organisation's own quotes have, moved by editors' organisation decisions
    const key = moves ? movedKey(moves, speakerKeyOf(p.name, 'organization')) : ''
    await tx.$executeRaw`
      UPDATE "Quote" SET "personId" = NULL, "speakerName" = ${p.name},
        "speakerType" = ${organization ? 'organization' : 'unknown'}, "speakerKey" = ${organization ? key : ''}
      WHERE "personId" = ${p.id} AND "decisionSeq" IS NULL`
  }
  // their quotes went with them, whichever articles this refresh rebuilt
  if (demoted.length > 0)
    await tx.$executeRaw`UPDATE "Person" SET "quoteCount" = 0 WHERE "id" IN (${Prisma.join(demoted.map((p) => p.id))})`
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
