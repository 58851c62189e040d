import { Prisma, type PrismaClient } from '../generated/prisma/client.js'
import { resolveIdentities, type EntityLink, type IdentityDecision } from '../identity/resolve.js'
import { personId } from './identity.js'
import { chunks, insertRows, refreshPeople } from './store.js'

type Tx = Prisma.TransactionClient

export interface RelinkSummary {
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
  speakerType: string | null
  status: string
  personId: string | null
}

const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)

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
 * Recomputes who every stored entity is, over the whole corpus (identity/resolve.ts), and writes
 * only what changed: entity links, the article-person rows and quote speakers of articles whose
 * links moved, new and renamed people, counters, and a redirect for each person that was merged
 * away. Runs in one transaction; the same stored articles always give the same people.
 */
export async function relink(prisma: PrismaClient): Promise<RelinkSummary> {
  const started = performance.now()
  return prisma.$transaction((tx) => relinkIn(tx, started), { timeout: 600_000, maxWait: 60_000 })
}

async function relinkIn(tx: Tx, started: number): Promise<RelinkSummary> {
  const articles = await tx.article.findMany({ select: { seq: true, id: true, publishedAt: true, section: true } })
  const entities = await tx.$queryRaw<EntityRow[]>`
    SELECT "articleSeq", "position", "name", "titles", "mentionCount", "joinOnly", "speakerType", "status", "personId"
    FROM "ArticleEntity" ORDER BY "articleSeq", "position"`
  const byArticle = new Map<number, EntityRow[]>()
  for (const e of entities) (byArticle.get(e.articleSeq) ?? byArticle.set(e.articleSeq, []).get(e.articleSeq)!).push(e)
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
  )

  const wanted = (link: EntityLink) =>
    link.status === 'person' ? { status: 'person', personId: personId(link.slug) } : { status: link.status, personId: null }
  const changedEntities: [number, number, string, string | null][] = []
  const changedArticles = new Set<number>()
  /** for each person losing entities, where those entities went: the target of its redirect */
  const movedTo = new Map<string, Map<string, number>>()
  let unresolvedMentions = 0
  for (const a of articles) {
    const links = resolution.links.get(a.id)!
    ;(byArticle.get(a.seq) ?? []).forEach((e, i) => {
      const w = wanted(links[i]!)
      if (w.status === 'unresolved' && !e.joinOnly) unresolvedMentions += e.mentionCount
      if (w.status === e.status && w.personId === e.personId) return
      changedEntities.push([a.seq, e.position, w.status, w.personId])
      changedArticles.add(a.seq)
      if (e.personId && w.personId && e.personId !== w.personId) {
        const targets = movedTo.get(e.personId) ?? movedTo.set(e.personId, new Map()).get(e.personId)!
        targets.set(w.personId, (targets.get(w.personId) ?? 0) + e.mentionCount)
      }
    })
  }

  // people: new ones inserted, changed names written (with their quotes' speaker names)
  const stored = new Map((await tx.person.findMany({ select: { id: true, slug: true, name: true } })).map((p) => [p.id, p] as const))
  const people = [...resolution.people.values()].map((p) => ({ ...p, id: personId(p.slug) }))
  const fresh = people.filter((p) => !stored.has(p.id))
  const renamed = people.filter((p) => stored.has(p.id) && stored.get(p.id)!.name !== p.name)
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
      `WITH c AS (SELECT value ->> 0 AS "seq", value ->> 1 AS "pos", value ->> 2 AS "status", value ->> 3 AS "personId" FROM json_each(?))
       UPDATE "ArticleEntity" SET "status" = c."status", "personId" = c."personId" FROM c
       WHERE "ArticleEntity"."articleSeq" = c."seq" AND "ArticleEntity"."position" = c."pos"`,
      JSON.stringify(part),
    )
  }
  const touched = new Set<string>([...renamed.map((p) => p.id)])
  for (const part of chunks([...changedArticles])) await rebuildArticles(tx, part, touched)

  // people no longer anyone's: removed, leaving a redirect to where most of their mentions went
  const live = new Set(people.map((p) => p.id))
  const gone = [...stored.values()].filter((p) => !live.has(p.id))
  let redirects = 0
  for (const p of gone) {
    const target = [...(movedTo.get(p.id) ?? [])].filter(([id]) => live.has(id)).sort((a, b) => b[1] - a[1])[0]?.[0]
    touched.add(p.id)
    if (!target) continue
    redirects++
    for (const key of [p.slug, p.id])
      await tx.personRedirect.upsert({ where: { fromKey: key }, create: { fromKey: key, personId: target }, update: { personId: target } })
    await tx.personRedirect.updateMany({ where: { personId: p.id }, data: { personId: target } })
  }
  // a slug or id in use again by a person is theirs, not a redirect
  for (const part of chunks(people)) {
    await tx.personRedirect.deleteMany({ where: { fromKey: { in: part.flatMap((p) => [p.slug, p.id]) } } })
  }
  await refreshPeople(tx, [...touched])
  // people with no article (quotes only, after a merge) have nothing left to show
  for (const part of chunks(gone.map((p) => p.id))) await tx.person.deleteMany({ where: { id: { in: part } } })

  return {
    people: people.length,
    created: fresh.length,
    renamed: renamed.length,
    removed: gone.length,
    redirects,
    articlesChanged: changedArticles.size,
    unresolvedMentions,
    decisions: { applied: resolution.applied.filter(Boolean).length, stale: resolution.applied.filter((a) => !a).length },
    seconds: (performance.now() - started) / 1000,
  }
}

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
