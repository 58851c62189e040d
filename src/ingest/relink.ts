import { Prisma, dialectOfPrisma, type PrismaClient } from '../db/prisma.js'
import { chunks, inList, insertRows, selectRows, updateRows, type Db } from '../db/sql.js'
import { inWriteTransaction } from '../db/writer.js'
import {
  articlePeople,
  byArticle,
  dayOf,
  linkChanges,
  namedPeople,
  partlySeen,
  peopleChanges,
  redirectsOf,
  resolverInput,
  type EntityOfArticle,
  type NamedPerson,
  type Redirect,
  type StoredEntity,
} from '../identity/links.js'
import { personDirectory, resolveIdentities, type IdentityDecision, type PersonEntityRow, type PersonStats } from '../identity/resolve.js'
import { slugify } from './identity.js'
import { ORGANIZATION_DECISION_KINDS, rekeyOrganizations } from './organization-keys.js'
import { refreshPeople } from './people-counts.js'
import { holdDecidedQuotes, reattachDecidedQuotes } from './quote-decisions.js'

type Tx = Prisma.TransactionClient

export interface RelinkSummary {
  /** Articles whose entities were resolved: the whole corpus, or the neighbourhood of the new ones. */
  articles: number
  people: number
  created: number
  renamed: number
  removed: number
  redirects: number
  articlesChanged: number
  unresolvedMentions: number
  decisions: { applied: number; stale: number }
  seconds: number
}

/** The decisions editors have made, oldest first, as the resolver takes them. */
export async function storedDecisions(tx: Db): Promise<IdentityDecision[]> {
  const rows = await tx.identityDecision.findMany({ where: { kind: { notIn: [...ORGANIZATION_DECISION_KINDS] } }, orderBy: { seq: 'asc' } })
  return rows.map((r): IdentityDecision => {
    switch (r.kind) {
      case 'merge':
        return { kind: 'merge', person: r.person, into: r.into! }
      case 'split':
        return { kind: 'split', person: r.person, name: r.name!, articles: JSON.parse(r.articles) as string[] }
      case 'rename':
        return { kind: 'rename', person: r.person, name: r.name! }
      case 'is-a-person':
        return { kind: 'is-a-person', person: r.person }
      default:
        return { kind: 'not-a-person', person: r.person }
    }
  })
}

/**
 * Recomputes who every stored entity is, over the whole corpus (identity/resolve.ts), in its own
 * transaction, and empties the backlog. The same stored articles always give the same people.
 * Organisation keys are computed again too, under today's rules and decisions.
 */
export async function relink(prisma: PrismaClient): Promise<RelinkSummary> {
  return inWriteTransaction(
    prisma,
    async (tx) => {
      const summary = await relinkIn(tx, null)
      await rekeyOrganizations(tx)
      await tx.identityBacklog.deleteMany()
      return summary
    },
    { timeout: 600_000, maxWait: 60_000 },
  )
}

/**
 * Links the entities of articles just written, inside the caller's transaction, so that an article
 * is never seen without its people: each is resolved against the whole stats of every person it
 * could be. What the new articles tell about one-word names elsewhere ("Brown" in older articles,
 * now that a second Brown is known) is left for `settleBacklog`: their keys, and those of entities
 * the new extractions replaced (`previousKeys`), join the backlog.
 */
export async function relinkArticles(tx: Tx, seqs: number[], previousKeys: string[] = []): Promise<RelinkSummary> {
  const inBatch = inList(dialectOfPrisma(tx), seqs)
  const keys = await tx.$queryRaw<{ key: string }[]>`
    SELECT "surnameKey" AS "key" FROM "ArticleEntity" WHERE "surnameKey" IS NOT NULL AND "articleSeq" ${inBatch}
    UNION SELECT "givenKey" FROM "ArticleEntity" WHERE "givenKey" IS NOT NULL AND "articleSeq" ${inBatch}`
  await insertRows(
    tx,
    'IdentityBacklog',
    ['key'],
    [...new Set([...keys.map((k) => k.key), ...previousKeys])].map((key) => ({ key })),
    'ignore',
  )
  return relinkIn(tx, { batch: seqs })
}

/**
 * Resolves again every one-word name that shares a key with what was written since the last
 * settling, against the whole stats of its candidates, and renames people whose most used
 * spelling changed; then the backlog is empty and identity is what a whole-corpus relink gives.
 * Ingest and re-extraction settle at the end of each run; a run cut short leaves the backlog to
 * the next one.
 */
export async function settleBacklog(prisma: PrismaClient): Promise<RelinkSummary> {
  return inWriteTransaction(
    prisma,
    async (tx) => {
      const keys = (await tx.identityBacklog.findMany({ select: { key: true } })).map((k) => k.key)
      const summary = await relinkIn(tx, { backlog: keys })
      // nothing was added since the keys were read: SQLite's transaction holds the write lock, and
      // keys a concurrent PostgreSQL transaction adds are not in this one's snapshot, so they stay
      await tx.identityBacklog.deleteMany()
      return summary
    },
    { timeout: 600_000, maxWait: 60_000 },
  )
}

/** What a partial relink reads and settles. */
interface Neighbourhood {
  /** the articles whose entities are resolved */
  seqs: number[]
  /** entities whose links are written: the rest of those articles only gives context */
  targeted: (e: StoredEntity) => boolean
  givenNames: string[]
  /** full-name people that could be a targeted one-word name, read whole by candidateDirectory */
  candidates: string[]
  /** the people known whole here: their names can be settled */
  settled: Set<string>
}

async function candidatesOf(tx: Tx, surnames: string[], seqs: number[], targeted: Neighbourhood['targeted']): Promise<Neighbourhood> {
  const ofSurnames = inList(dialectOfPrisma(tx), surnames)
  const candidates = await tx.$queryRaw<{ personKey: string }[]>`
    SELECT DISTINCT "personKey" FROM "ArticleEntity" WHERE "personKey" IS NOT NULL AND "surnameKey" ${ofSurnames}`
  // a one-word name that is someone's given name stays unresolved
  const givenNames = await tx.$queryRaw<{ givenKey: string }[]>`
    SELECT DISTINCT "givenKey" FROM "ArticleEntity" WHERE "givenKey" ${ofSurnames}`
  const people = candidates.map((c) => c.personKey)
  return {
    seqs,
    targeted,
    givenNames: givenNames.map((g) => g.givenKey),
    candidates: people,
    settled: new Set([...people, ...surnames.map(slugify)]),
  }
}

/** A batch: its own entities, each one-word name read against every person it could be. */
async function batchNeighbourhood(tx: Tx, scope: number[]): Promise<Neighbourhood> {
  const singles = await tx.$queryRaw<{ surnameKey: string }[]>`
    SELECT DISTINCT "surnameKey" FROM "ArticleEntity"
    WHERE "personKey" IS NULL AND "surnameKey" IS NOT NULL AND "articleSeq" ${inList(dialectOfPrisma(tx), scope)}`
  const inScope = new Set(scope)
  return candidatesOf(
    tx,
    singles.map((r) => r.surnameKey),
    scope,
    (e) => inScope.has(e.articleSeq),
  )
}

/** The backlog: every one-word name with one of these keys, anywhere, and every person of these surnames. */
async function backlogNeighbourhood(tx: Tx, keys: string[]): Promise<Neighbourhood> {
  const singles = await tx.$queryRaw<{ articleSeq: number; surnameKey: string }[]>`
    SELECT "articleSeq", "surnameKey" FROM "ArticleEntity"
    WHERE "personKey" IS NULL AND "surnameKey" ${inList(dialectOfPrisma(tx), keys)}`
  const singleKeys = new Set(singles.map((r) => r.surnameKey))
  return candidatesOf(
    tx,
    keys,
    [...new Set(singles.map((r) => r.articleSeq))],
    (e) => !e.personKey && !!e.surnameKey && singleKeys.has(e.surnameKey),
  )
}

/**
 * The candidates' stats from their own entities in every article, and which of the people named
 * in `around` (the articles being resolved) each was ever named beside: all the resolver needs of
 * them, without reading their articles.
 */
async function candidateDirectory(tx: Tx, candidates: string[], around: string[]): Promise<PersonStats[]> {
  const found = await tx.$queryRaw<
    { name: string; titles: string; mentionCount: number; id: string; publishedAt: Date | null; section: string | null }[]
  >`
    SELECT e."name", e."titles", e."mentionCount", a."id", a."publishedAt", a."section"
    FROM "ArticleEntity" e JOIN "Article" a ON a."seq" = e."articleSeq"
    WHERE e."personKey" ${inList(dialectOfPrisma(tx), candidates)} ORDER BY e."personKey", e."articleSeq"`
  const rows: PersonEntityRow[] = found.map((e) => ({
    article: e.id,
    day: dayOf(e.publishedAt),
    section: e.section,
    entity: { name: e.name, titles: JSON.parse(e.titles) as string[], mentions: e.mentionCount },
  }))
  const pairs = await tx.$queryRaw<{ a: string; b: string }[]>`
    SELECT DISTINCT e1."personKey" AS "a", e2."personKey" AS "b"
    FROM "ArticleEntity" e1 JOIN "ArticleEntity" e2 ON e2."articleSeq" = e1."articleSeq"
    WHERE e1."personKey" ${inList(dialectOfPrisma(tx), candidates)}
      AND e2."personKey" ${inList(dialectOfPrisma(tx), around)} AND e2."personKey" <> e1."personKey"`
  return personDirectory(
    rows,
    pairs.map((p) => [p.a, p.b]),
  )
}

type RelinkScope = { batch: number[] } | { backlog: string[] } | null

async function relinkIn(tx: Tx, requested: RelinkScope): Promise<RelinkSummary> {
  const started = performance.now()
  // rows a migration copied have no keys yet (linked, yet keyless): the whole corpus then, which stores them
  const keyless =
    requested &&
    (await tx.articleEntity.findFirst({
      where: { surnameKey: null, status: { notIn: ['not-person', 'pending'] } },
      select: { articleSeq: true },
    }))
  const scope = keyless ? null : requested
  if (scope && ('batch' in scope ? scope.batch : scope.backlog).length === 0) return emptySummary(started)
  const near = scope ? await ('batch' in scope ? batchNeighbourhood(tx, scope.batch) : backlogNeighbourhood(tx, scope.backlog)) : null

  // in the order of seq on both databases (SQLite's rowid order), so that ties are broken alike
  const select = { seq: true, id: true, publishedAt: true, section: true } as const
  const articles = near
    ? (
        await Promise.all(
          chunks(near.seqs).map((part) => tx.article.findMany({ where: { seq: { in: part } }, select, orderBy: { seq: 'asc' } })),
        )
      ).flat()
    : await tx.article.findMany({ select, orderBy: { seq: 'asc' } })
  const entities = await tx.$queryRaw<StoredEntity[]>`
    SELECT "articleSeq", "position", "name", "titles", "mentionCount", "joinOnly", "status", "personId", "surnameKey", "givenKey", "personKey"
    FROM "ArticleEntity" ${near ? Prisma.sql`WHERE "articleSeq" ${inList(dialectOfPrisma(tx), near.seqs)}` : Prisma.empty}
    ORDER BY "articleSeq", "position"`
  const entitiesOf = byArticle(entities)
  const directory = near
    ? await candidateDirectory(tx, near.candidates, [...new Set(entities.flatMap((e) => (e.personKey ? [e.personKey] : [])))])
    : undefined
  const resolution = resolveIdentities(resolverInput(articles, entitiesOf), await storedDecisions(tx), {
    partial: !!near,
    givenNames: near?.givenNames,
    directory,
  })
  const changes = linkChanges(articles, entitiesOf, resolution, { targeted: (e) => !near || near.targeted(e), fillKeys: !near })

  const people = namedPeople(changes.linkedSlugs, resolution, directory ?? [])
  const storedNames = await namesOf(tx, [...people.linked, ...people.readWhole])
  const { fresh, renamed } = peopleChanges(people, storedNames, near ? partlySeen(entities, near.settled) : new Set())
  await writePeople(tx, fresh, renamed)

  for (const part of chunks(changes.entities))
    await updateRows(tx, 'ArticleEntity', ['articleSeq', 'position'], ['status', 'personId', 'surnameKey', 'givenKey', 'personKey'], part)
  const touched = new Set<string>(renamed.map((p) => p.id))
  for (const part of chunks([...changes.articles])) for (const id of await rebuildArticles(tx, part)) touched.add(id)
  const slugOf = new Map<string, string>()
  for (const part of chunks([...touched]))
    for (const p of await tx.person.findMany({ where: { id: { in: part } }, select: { id: true, slug: true } })) slugOf.set(p.id, p.slug)
  // quotes editors gave to these people let go of them while they are counted (a person merged away
  // goes), then return to them or to where a merge or rename sent them
  const held = await holdDecidedQuotes(tx, touched)
  await refreshPeople(tx, [...touched])

  const remaining = new Set<string>()
  for (const part of chunks([...touched]))
    for (const p of await tx.person.findMany({ where: { id: { in: part } }, select: { id: true } })) remaining.add(p.id)
  const { gone, redirects } = redirectsOf(touched, remaining, slugOf, changes.movedTo)
  await writeRedirects(tx, redirects)
  // a slug or id in use again by a person is theirs, not a redirect
  for (const part of chunks(fresh)) await tx.personRedirect.deleteMany({ where: { fromKey: { in: part.flatMap((p) => [p.slug, p.id]) } } })
  await reattachDecidedQuotes(tx, held)

  return {
    articles: articles.length,
    people: people.linked.length,
    created: fresh.length,
    renamed: renamed.length,
    removed: gone.length,
    redirects: redirects.length,
    articlesChanged: changes.articles.size,
    unresolvedMentions: changes.unresolvedMentions,
    decisions: near
      ? { applied: 0, stale: 0 }
      : { applied: resolution.applied.filter(Boolean).length, stale: resolution.applied.filter((a) => !a).length },
    seconds: (performance.now() - started) / 1000,
  }
}

/** The stored names of these people, by id (people not stored are absent). */
async function namesOf(tx: Tx, people: NamedPerson[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const part of chunks(people.map((p) => p.id)))
    for (const p of await tx.person.findMany({ where: { id: { in: part } }, select: { id: true, name: true } })) names.set(p.id, p.name)
  return names
}

/** New people inserted; renamed people, and their quotes, under their new name; both keep the name as an alias. */
async function writePeople(tx: Tx, fresh: NamedPerson[], renamed: NamedPerson[]): Promise<void> {
  await insertRows(
    tx,
    'Person',
    ['id', 'slug', 'name', 'nameLower'],
    fresh.map((p) => ({ id: p.id, slug: p.slug, name: p.name, nameLower: p.name.toLowerCase() })),
    'ignore',
  )
  await insertRows(
    tx,
    'PersonAlias',
    ['personId', 'alias', 'aliasLower'],
    [...fresh, ...renamed].map((p) => ({ personId: p.id, alias: p.name, aliasLower: p.name.toLowerCase() })),
    'ignore',
  )
  for (const p of renamed) {
    await tx.person.update({ where: { id: p.id }, data: { name: p.name, nameLower: p.name.toLowerCase() } })
    await tx.quote.updateMany({ where: { personId: p.id }, data: { speakerName: p.name } })
  }
}

/** Old slug and id of each person merged away lead to its target; redirects to it follow it there. */
async function writeRedirects(tx: Tx, redirects: Redirect[]): Promise<void> {
  for (const part of chunks(redirects)) {
    await insertRows(
      tx,
      'PersonRedirect',
      ['fromKey', 'personId'],
      part.flatMap((r) => [
        { fromKey: r.slug, personId: r.to },
        { fromKey: r.from, personId: r.to },
      ]),
      { key: ['fromKey'], update: ['personId'] },
    )
    // m pairs the id of a person merged away (as fromKey) with where it went (personId)
    const moves = selectRows(
      dialectOfPrisma(tx),
      'PersonRedirect',
      ['fromKey', 'personId'],
      part.map((r) => ({ fromKey: r.from, personId: r.to })),
    )
    await tx.$executeRaw`WITH m AS (${moves})
      UPDATE "PersonRedirect" SET "personId" = m."personId" FROM m WHERE "PersonRedirect"."personId" = m."fromKey"`
  }
}

const emptySummary = (started: number): RelinkSummary => ({
  articles: 0,
  people: 0,
  created: 0,
  renamed: 0,
  removed: 0,
  redirects: 0,
  articlesChanged: 0,
  unresolvedMentions: 0,
  decisions: { applied: 0, stale: 0 },
  seconds: (performance.now() - started) / 1000,
})
/**
 * Rewrites what depends on the entity links of these articles: one article-person row per
 * person, each quote's speaker, the people count (identity/links.ts articlePeople). Returns every
 * person that had or has a row there.
 */
async function rebuildArticles(tx: Tx, seqs: number[]): Promise<Set<string>> {
  const list = Prisma.join(seqs)
  const previous = await tx.$queryRaw<{ personId: string }[]>`
    SELECT "personId" FROM "ArticlePerson" WHERE "articleSeq" IN (${list})
    UNION SELECT "personId" FROM "Quote" WHERE "articleSeq" IN (${list}) AND "personId" IS NOT NULL`
  const entities = await tx.$queryRaw<EntityOfArticle[]>`
    SELECT e."articleSeq", e."position", e."name", e."titles", e."aliases", e."mentionCount", e."mentions", e."joinOnly",
           e."speakerType", e."status", e."personId", p."name" AS "personName", e."gender"
    FROM "ArticleEntity" e LEFT JOIN "Person" p ON p."id" = e."personId"
    WHERE e."articleSeq" IN (${list}) ORDER BY e."articleSeq", e."position"`
  const rows = articlePeople(seqs, entities)
  await tx.$executeRaw`DELETE FROM "ArticlePerson" WHERE "articleSeq" IN (${list})`
  await insertRows(
    tx,
    'ArticlePerson',
    ['articleSeq', 'personId', 'role', 'titles', 'aliases', 'mentionCount', 'mentions', 'gender'],
    rows.articlePeople,
  )
  await updateRows(tx, 'Quote', ['articleSeq', 'speakerEntity'], ['personId', 'speakerName', 'speakerType'], rows.speakers)
  await updateRows(tx, 'Article', ['seq'], ['peopleCount'], rows.peopleCount)
  await insertRows(tx, 'PersonAlias', ['personId', 'alias', 'aliasLower'], rows.aliases, 'ignore')
  return new Set([...previous.map((r) => r.personId), ...rows.people])
}
