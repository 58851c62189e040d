import { Prisma, type PrismaClient } from '../generated/prisma/client.js'
import {
  displayName,
  entityKeys,
  personDirectory,
  resolveIdentities,
  type EntityLink,
  type IdentityDecision,
  type PersonEntityRow,
  type PersonStats,
} from '../identity/resolve.js'
import { personId, slugify } from './identity.js'
import { chunks, insertRows, refreshPeople } from './store.js'

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

interface EntityRow {
  articleSeq: number
  position: number
  name: string
  titles: string
  mentionCount: number
  joinOnly: number | boolean
  status: string
  personId: string | null
  surnameKey: string | null
  givenKey: string | null
  personKey: string | null
}

const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)
const json = (values: unknown[]) => JSON.stringify(values)

/** The decisions editors have made, oldest first, as the resolver takes them. */
export async function storedDecisions(tx: Tx | PrismaClient): Promise<IdentityDecision[]> {
  const rows = await tx.identityDecision.findMany({ orderBy: { seq: 'asc' } })
  return rows.map((r): IdentityDecision => {
    switch (r.kind) {
      case 'merge':
        return { kind: 'merge', person: r.person, into: r.into! }
      case 'split':
        return { kind: 'split', person: r.person, name: r.name!, articles: JSON.parse(r.articles) as string[] }
      case 'rename':
        return { kind: 'rename', person: r.person, name: r.name! }
      default:
        return { kind: 'not-a-person', person: r.person }
    }
  })
}

/**
 * Recomputes who every stored entity is, over the whole corpus (identity/resolve.ts), in its own
 * transaction, and empties the backlog. The same stored articles always give the same people.
 */
export async function relink(prisma: PrismaClient): Promise<RelinkSummary> {
  return prisma.$transaction(
    async (tx) => {
      const summary = await relinkIn(tx, null)
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
  const keys = await tx.$queryRaw<{ key: string }[]>`
    SELECT "surnameKey" AS "key" FROM "ArticleEntity" WHERE "surnameKey" IS NOT NULL AND "articleSeq" IN (SELECT value FROM json_each(${json(seqs)}))
    UNION SELECT "givenKey" FROM "ArticleEntity" WHERE "givenKey" IS NOT NULL AND "articleSeq" IN (SELECT value FROM json_each(${json(seqs)}))`
  await insertRows(
    tx,
    'IdentityBacklog',
    ['key'],
    [...new Set([...keys.map((k) => k.key), ...previousKeys])].map((k) => [k]),
    true,
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
  return prisma.$transaction(
    async (tx) => {
      const keys = (await tx.identityBacklog.findMany({ select: { key: true } })).map((k) => k.key)
      const summary = await relinkIn(tx, { backlog: keys })
      // the transaction holds the write lock: nothing was added since the keys were read
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
  targeted: (e: EntityRow) => boolean
  givenNames: string[]
  /** full-name people that could be a targeted one-word name, read whole by candidateDirectory */
  candidates: string[]
  /** the people known whole here: their names can be settled */
  settled: Set<string>
}

async function candidatesOf(tx: Tx, surnames: string[], seqs: number[], targeted: Neighbourhood['targeted']): Promise<Neighbourhood> {
  const candidates = await tx.$queryRaw<{ personKey: string }[]>`
    SELECT DISTINCT "personKey" FROM "ArticleEntity" WHERE "personKey" IS NOT NULL
    AND "surnameKey" IN (SELECT value FROM json_each(${json(surnames)}))`
  // a one-word name that is someone's given name stays unresolved
  const givenNames = await tx.$queryRaw<{ givenKey: string }[]>`
    SELECT DISTINCT "givenKey" FROM "ArticleEntity" WHERE "givenKey" IN (SELECT value FROM json_each(${json(surnames)}))`
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
    WHERE "personKey" IS NULL AND "surnameKey" IS NOT NULL AND "articleSeq" IN (SELECT value FROM json_each(${json(scope)}))`
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
    WHERE "personKey" IS NULL AND "surnameKey" IN (SELECT value FROM json_each(${json(keys)}))`
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
    WHERE e."personKey" IN (SELECT value FROM json_each(${json(candidates)})) ORDER BY e."personKey", e."articleSeq"`
  const rows: PersonEntityRow[] = found.map((e) => ({
    article: e.id,
    day: dayOf(e.publishedAt),
    section: e.section,
    entity: { name: e.name, titles: JSON.parse(e.titles) as string[], mentions: e.mentionCount },
  }))
  const pairs = await tx.$queryRaw<{ a: string; b: string }[]>`
    SELECT DISTINCT e1."personKey" AS "a", e2."personKey" AS "b"
    FROM "ArticleEntity" e1 JOIN "ArticleEntity" e2 ON e2."articleSeq" = e1."articleSeq"
    WHERE e1."personKey" IN (SELECT value FROM json_each(${json(candidates)}))
      AND e2."personKey" IN (SELECT value FROM json_each(${json(around)})) AND e2."personKey" <> e1."personKey"`
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

  const articles = near
    ? (
        await Promise.all(
          chunks(near.seqs).map((part) =>
            tx.article.findMany({ where: { seq: { in: part } }, select: { seq: true, id: true, publishedAt: true, section: true } }),
          ),
        )
      ).flat()
    : await tx.article.findMany({ select: { seq: true, id: true, publishedAt: true, section: true } })
  const entities = await tx.$queryRawUnsafe<EntityRow[]>(
    `SELECT "articleSeq", "position", "name", "titles", "mentionCount", "joinOnly", "status", "personId", "surnameKey", "givenKey", "personKey"
     FROM "ArticleEntity" ${near ? `WHERE "articleSeq" IN (SELECT value FROM json_each(?))` : ''} ORDER BY "articleSeq", "position"`,
    ...(near ? [json(near.seqs)] : []),
  )
  const byArticle = new Map<number, EntityRow[]>()
  for (const e of entities) (byArticle.get(e.articleSeq) ?? byArticle.set(e.articleSeq, []).get(e.articleSeq)!).push(e)
  const directory = near
    ? await candidateDirectory(tx, near.candidates, [...new Set(entities.flatMap((e) => (e.personKey ? [e.personKey] : [])))])
    : undefined
  const decisions = await storedDecisions(tx)
  const resolution = resolveIdentities(
    articles.map((a) => ({
      id: a.id,
      day: dayOf(a.publishedAt),
      section: a.section,
      entities: (byArticle.get(a.seq) ?? []).map((e) => ({
        name: e.name,
        titles: JSON.parse(e.titles) as string[],
        mentions: e.mentionCount,
        joinOnly: !!e.joinOnly,
      })),
    })),
    decisions,
    { partial: !!near, givenNames: near?.givenNames, directory },
  )
  const targeted = (e: EntityRow) => !near || near.targeted(e)

  const changedEntities: [number, number, string, string | null, string | null, string | null, string | null][] = []
  const changedArticles = new Set<number>()
  /** for each person losing entities, where those entities went: the target of its redirect */
  const movedTo = new Map<string, Map<string, number>>()
  const linkedSlugs = new Set<string>()
  let unresolvedMentions = 0
  for (const a of articles) {
    const links = resolution.links.get(a.id)!
    ;(byArticle.get(a.seq) ?? []).forEach((e, i) => {
      if (!targeted(e)) return
      const link: EntityLink = links[i]!
      const id = link.status === 'person' ? personId(link.slug) : null
      if (link.status === 'person') linkedSlugs.add(link.slug)
      if (link.status === 'unresolved' && !e.joinOnly) unresolvedMentions += e.mentionCount
      const keys = e.surnameKey === null && !near ? entityKeys(e.name) : null
      if (link.status === e.status && id === e.personId && !keys) return
      changedEntities.push([
        a.seq,
        e.position,
        link.status,
        id,
        keys ? keys.surname : e.surnameKey,
        keys ? keys.given : e.givenKey,
        keys ? keys.person : e.personKey,
      ])
      if (link.status !== e.status || id !== e.personId) changedArticles.add(a.seq)
      if (e.personId && id && e.personId !== id) {
        const targets = movedTo.get(e.personId) ?? movedTo.set(e.personId, new Map()).get(e.personId)!
        targets.set(id, (targets.get(id) ?? 0) + e.mentionCount)
      }
    })
  }

  // people: new ones inserted, changed names written (a link to a person these articles do not
  // name, such as the target of a merge, is to a person already stored)
  const people = [...linkedSlugs]
    .filter((slug) => resolution.people.has(slug))
    .map((slug) => ({ ...resolution.people.get(slug)!, id: personId(slug) }))
  const stored = new Map<string, { id: string; name: string }>()
  for (const part of chunks(people.map((p) => p.id)))
    for (const p of await tx.person.findMany({ where: { id: { in: part } }, select: { id: true, name: true } })) stored.set(p.id, p)
  const fresh = people.filter((p) => !stored.has(p.id))
  // a full-name person seen here only through an article of someone else's keeps the name stored
  const partlySeen = new Set(near ? entities.flatMap((e) => (e.personKey && !near.settled.has(e.personKey) ? [e.personKey] : [])) : [])
  // people read whole (the candidates) may have a new most used spelling even where no link changed
  const wholeNames = (directory ?? [])
    .filter((d) => !linkedSlugs.has(d.slug))
    .map((d) => ({ slug: d.slug, name: displayName(d.variants), id: personId(d.slug) }))
  for (const part of chunks(wholeNames.map((p) => p.id)))
    for (const p of await tx.person.findMany({ where: { id: { in: part } }, select: { id: true, name: true } })) stored.set(p.id, p)
  const renamed = [...people, ...wholeNames].filter((p) => stored.has(p.id) && stored.get(p.id)!.name !== p.name && !partlySeen.has(p.slug))
  await insertRows(
    tx,
    'Person',
    ['id', 'slug', 'name', 'nameLower'],
    fresh.map((p) => [p.id, p.slug, p.name, p.name.toLowerCase()]),
    true,
  )
  await insertRows(
    tx,
    'PersonAlias',
    ['personId', 'alias', 'aliasLower'],
    [...fresh, ...renamed].map((p) => [p.id, p.name, p.name.toLowerCase()]),
    true,
  )
  for (const p of renamed) {
    await tx.person.update({ where: { id: p.id }, data: { name: p.name, nameLower: p.name.toLowerCase() } })
    await tx.quote.updateMany({ where: { personId: p.id }, data: { speakerName: p.name } })
  }

  for (const part of chunks(changedEntities)) {
    await tx.$executeRawUnsafe(
      `WITH c AS (SELECT value ->> 0 AS "seq", value ->> 1 AS "pos", value ->> 2 AS "status", value ->> 3 AS "personId",
                         value ->> 4 AS "surnameKey", value ->> 5 AS "givenKey", value ->> 6 AS "personKey" FROM json_each(?))
       UPDATE "ArticleEntity" SET "status" = c."status", "personId" = c."personId",
         "surnameKey" = c."surnameKey", "givenKey" = c."givenKey", "personKey" = c."personKey" FROM c
       WHERE "ArticleEntity"."articleSeq" = c."seq" AND "ArticleEntity"."position" = c."pos"`,
      json(part),
    )
  }
  const touched = new Set<string>(renamed.map((p) => p.id))
  for (const part of chunks([...changedArticles])) await rebuildArticles(tx, part, touched)
  const slugOf = new Map<string, string>()
  for (const part of chunks([...touched]))
    for (const p of await tx.person.findMany({ where: { id: { in: part } }, select: { id: true, slug: true } })) slugOf.set(p.id, p.slug)
  await refreshPeople(tx, [...touched])

  // people left with nothing were merged (or renamed) away: their old slug and id lead where most of their mentions went
  const remaining = new Set<string>()
  for (const part of chunks([...touched]))
    for (const p of await tx.person.findMany({ where: { id: { in: part } }, select: { id: true } })) remaining.add(p.id)
  const gone = [...touched].filter((id) => !remaining.has(id) && slugOf.has(id))
  const redirects = gone.flatMap((id) => {
    const target = [...(movedTo.get(id) ?? [])].filter(([to]) => remaining.has(to)).sort((a, b) => b[1] - a[1])[0]?.[0]
    return target ? [{ from: id, slug: slugOf.get(id)!, to: target }] : []
  })
  await writeRedirects(tx, redirects)
  // a slug or id in use again by a person is theirs, not a redirect
  for (const part of chunks(fresh)) await tx.personRedirect.deleteMany({ where: { fromKey: { in: part.flatMap((p) => [p.slug, p.id]) } } })

  return {
    articles: articles.length,
    people: people.length,
    created: fresh.length,
    renamed: renamed.length,
    removed: gone.length,
    redirects: redirects.length,
    articlesChanged: changedArticles.size,
    unresolvedMentions,
    decisions: near
      ? { applied: 0, stale: 0 }
      : { applied: resolution.applied.filter(Boolean).length, stale: resolution.applied.filter((a) => !a).length },
    seconds: (performance.now() - started) / 1000,
  }
}

/** Old slug and id of each person merged away lead to its target; redirects to it follow it there. */
async function writeRedirects(tx: Tx, redirects: { from: string; slug: string; to: string }[]): Promise<void> {
  for (const part of chunks(redirects)) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "PersonRedirect" ("fromKey", "personId") SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true
       ON CONFLICT ("fromKey") DO UPDATE SET "personId" = excluded."personId"`,
      json(
        part.flatMap((r) => [
          [r.slug, r.to],
          [r.from, r.to],
        ]),
      ),
    )
    await tx.$executeRawUnsafe(
      `WITH m AS (SELECT value ->> 0 AS "from", value ->> 1 AS "to" FROM json_each(?))
       UPDATE "PersonRedirect" SET "personId" = m."to" FROM m WHERE "PersonRedirect"."personId" = m."from"`,
      json(part.map((r) => [r.from, r.to])),
    )
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
interface LinkedEntity {
  articleSeq: number
  position: number
  name: string
  titles: string
  aliases: string
  mentionCount: number
  mentions: string
  joinOnly: number | boolean
  speakerType: string | null
  status: string
  personId: string | null
  personName: string | null
}

/**
 * Rewrites what depends on the entity links of these articles: one article-person row per
 * person (all their entities' titles, aliases and mentions), each quote's speaker, the people
 * count. Adds every person that gained or lost a row to `touched`.
 */
async function rebuildArticles(tx: Tx, seqs: number[], touched: Set<string>): Promise<void> {
  const list = Prisma.join(seqs)
  const previous = await tx.$queryRaw<{ personId: string }[]>`
    SELECT "personId" FROM "ArticlePerson" WHERE "articleSeq" IN (${list})
    UNION SELECT "personId" FROM "Quote" WHERE "articleSeq" IN (${list}) AND "personId" IS NOT NULL`
  for (const r of previous) touched.add(r.personId)
  const rows = await tx.$queryRaw<LinkedEntity[]>`
    SELECT e."articleSeq", e."position", e."name", e."titles", e."aliases", e."mentionCount", e."mentions", e."joinOnly",
           e."speakerType", e."status", e."personId", p."name" AS "personName"
    FROM "ArticleEntity" e LEFT JOIN "Person" p ON p."id" = e."personId"
    WHERE e."articleSeq" IN (${list}) ORDER BY e."articleSeq", e."position"`

  const links = new Map<string, { articleSeq: number; personId: string; titles: string[]; aliases: string[]; mentions: unknown[] }>()
  const speakers: [number, number, string | null, string, string][] = []
  const peopleCount = new Map<number, number>(seqs.map((s) => [s, 0]))
  for (const e of rows) {
    if (e.status === 'person' && e.personId) {
      const key = `${e.articleSeq}\u0000${e.personId}`
      let link = links.get(key)
      if (!link) {
        link = { articleSeq: e.articleSeq, personId: e.personId, titles: [], aliases: [], mentions: [] }
        links.set(key, link)
        peopleCount.set(e.articleSeq, peopleCount.get(e.articleSeq)! + 1)
        touched.add(e.personId)
      }
      link.titles.push(...(JSON.parse(e.titles) as string[]))
      // the name as written in this article is an alias when the person is known by another
      link.aliases.push(...(JSON.parse(e.aliases) as string[]), ...(e.name !== e.personName ? [e.name] : []))
      link.mentions.push(...(JSON.parse(e.mentions) as unknown[]))
      speakers.push([e.articleSeq, e.position, e.personId, e.personName!, 'person'])
    } else if (e.joinOnly) speakers.push([e.articleSeq, e.position, null, e.name, e.speakerType ?? 'unknown'])
    else speakers.push([e.articleSeq, e.position, null, e.name, e.status === 'unresolved' ? 'person' : 'unknown'])
  }
  await tx.$executeRaw`DELETE FROM "ArticlePerson" WHERE "articleSeq" IN (${list})`
  await insertRows(
    tx,
    'ArticlePerson',
    ['articleSeq', 'personId', 'role', 'titles', 'aliases', 'mentionCount', 'mentions'],
    [...links.values()].map((l) => {
      const titles = [...new Set(l.titles)]
      const mentions = (l.mentions as { start: number }[]).sort((a, b) => a.start - b.start)
      return [
        l.articleSeq,
        l.personId,
        titles[0] ?? null,
        JSON.stringify(titles),
        JSON.stringify([...new Set(l.aliases)]),
        mentions.length,
        JSON.stringify(mentions),
      ]
    }),
  )
  await tx.$executeRawUnsafe(
    `WITH s AS (SELECT value ->> 0 AS "seq", value ->> 1 AS "pos", value ->> 2 AS "personId", value ->> 3 AS "name", value ->> 4 AS "type" FROM json_each(?))
     UPDATE "Quote" SET "personId" = s."personId", "speakerName" = s."name", "speakerType" = s."type" FROM s
     WHERE "Quote"."articleSeq" = s."seq" AND "Quote"."speakerEntity" = s."pos"`,
    JSON.stringify(speakers),
  )
  await tx.$executeRawUnsafe(
    `WITH c AS (SELECT value ->> 0 AS "seq", value ->> 1 AS "people" FROM json_each(?))
     UPDATE "Article" SET "peopleCount" = c."people" FROM c WHERE "Article"."seq" = c."seq"`,
    JSON.stringify([...peopleCount]),
  )
  // aliases of the people touched here: the names they were written as
  const aliasRows = [...links.values()].flatMap((l) => l.aliases.map((a) => [l.personId, a, a.toLowerCase()]))
  await insertRows(tx, 'PersonAlias', ['personId', 'alias', 'aliasLower'], aliasRows, true)
}
