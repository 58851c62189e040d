import { personId } from '../ingest/identity.js'
import { displayName, entityKeys, type ArticleInput, type EntityLink, type PersonStats, type Resolution } from './resolve.js'
import { groupBy } from '../shared/group-by.js'
import type { ReferredGender } from '../extraction/types.js'
import { articleGender } from './referred-gender.js'

/**
 * What a resolution (resolve.ts) changes in the stored rows, as pure functions over plain rows:
 * the links of entities, the people to create or rename, the rows an article's people become,
 * the redirects of people merged away. The writer (ingest/relink.ts) reads the rows and writes
 * what these return.
 */

/** An article as a relink reads it. */
export interface LinkedArticle {
  seq: number
  id: string
  publishedAt: Date | null
  section: string | null
}

/** An entity as stored: one person of one article, and where identity last put it. */
export interface StoredEntity {
  articleSeq: number
  position: number
  name: string
  /** JSON string[] */
  titles: string
  mentionCount: number
  /** 0/1 on SQLite, a boolean on PostgreSQL */
  joinOnly: number | boolean
  status: string
  personId: string | null
  surnameKey: string | null
  givenKey: string | null
  personKey: string | null
}

/** The day of an instant, YYYY-MM-DD in UTC, as the resolver compares articles. */
export const dayOf = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)

/** Entities grouped by their article, each group in the order given. */
export const byArticle = <E extends { articleSeq: number }>(entities: E[]): Map<number, E[]> => groupBy(entities, (e) => e.articleSeq)

/** The articles and their stored entities as the resolver takes them. */
export function resolverInput(articles: LinkedArticle[], entities: Map<number, StoredEntity[]>): ArticleInput[] {
  return articles.map((a) => ({
    id: a.id,
    day: dayOf(a.publishedAt),
    section: a.section,
    entities: (entities.get(a.seq) ?? []).map((e) => ({
      name: e.name,
      titles: JSON.parse(e.titles) as string[],
      mentions: e.mentionCount,
      joinOnly: !!e.joinOnly,
    })),
  }))
}

/** An entity's new link, and its lookup keys (filled in where a migration left them empty). */
export type EntityUpdate = Pick<StoredEntity, 'articleSeq' | 'position' | 'status' | 'personId' | 'surnameKey' | 'givenKey' | 'personKey'>

export interface LinkChanges {
  entities: EntityUpdate[]
  /** articles whose people changed: their article-person rows and quote speakers are rebuilt */
  articles: Set<number>
  /** for each person losing entities, the people they went to, with their mentions: where a redirect leads */
  movedTo: Map<string, Map<string, number>>
  /** every person a targeted entity links to */
  linkedSlugs: Set<string>
  unresolvedMentions: number
}

/**
 * Compares the resolution's links with the stored ones, for the entities `targeted` (the others
 * only gave context). `fillKeys`: a whole-corpus relink stores the keys of entities that have none.
 */
export function linkChanges(
  articles: LinkedArticle[],
  entities: Map<number, StoredEntity[]>,
  resolution: Pick<Resolution, 'links'>,
  opts: { targeted: (e: StoredEntity) => boolean; fillKeys: boolean },
): LinkChanges {
  const changes: LinkChanges = { entities: [], articles: new Set(), movedTo: new Map(), linkedSlugs: new Set(), unresolvedMentions: 0 }
  for (const a of articles) {
    const links = resolution.links.get(a.id)!
    ;(entities.get(a.seq) ?? []).forEach((e, i) => {
      if (!opts.targeted(e)) return
      const link: EntityLink = links[i]!
      const id = link.status === 'person' ? personId(link.slug) : null
      if (link.status === 'person') changes.linkedSlugs.add(link.slug)
      if (link.status === 'unresolved' && !e.joinOnly) changes.unresolvedMentions += e.mentionCount
      const keys = e.surnameKey === null && opts.fillKeys ? entityKeys(e.name) : null
      if (link.status === e.status && id === e.personId && !keys) return
      changes.entities.push({
        articleSeq: a.seq,
        position: e.position,
        status: link.status,
        personId: id,
        surnameKey: keys ? keys.surname : e.surnameKey,
        givenKey: keys ? keys.given : e.givenKey,
        personKey: keys ? keys.person : e.personKey,
      })
      if (link.status !== e.status || id !== e.personId) changes.articles.add(a.seq)
      if (e.personId && id && e.personId !== id) {
        const targets = changes.movedTo.get(e.personId) ?? changes.movedTo.set(e.personId, new Map()).get(e.personId)!
        targets.set(id, (targets.get(id) ?? 0) + e.mentionCount)
      }
    })
  }
  return changes
}

/** A person and the name identity gives them. */
export interface NamedPerson {
  id: string
  slug: string
  name: string
}

/**
 * The people the links name (a link to a person the resolution does not know, such as the
 * target of a merge, is to a person already stored), and the people read whole, whose most used
 * spelling may have changed even where no link did.
 */
export function namedPeople(
  linkedSlugs: Set<string>,
  resolution: Pick<Resolution, 'people'>,
  directory: PersonStats[],
): { linked: NamedPerson[]; readWhole: NamedPerson[] } {
  const linked = [...linkedSlugs]
    .filter((slug) => resolution.people.has(slug))
    .map((slug) => ({ ...resolution.people.get(slug)!, id: personId(slug) }))
  const readWhole = directory
    .filter((d) => !linkedSlugs.has(d.slug))
    .map((d) => ({ slug: d.slug, name: displayName(d.variants), id: personId(d.slug) }))
  return { linked, readWhole }
}

/** Full-name people the entities name that a partial relink did not read whole: it keeps their stored names. */
export function partlySeen(entities: StoredEntity[], settled: Set<string>): Set<string> {
  return new Set(entities.flatMap((e) => (e.personKey && !settled.has(e.personKey) ? [e.personKey] : [])))
}

/** Linked people not stored yet, and people stored under another name than identity now gives them. */
export function peopleChanges(
  people: { linked: NamedPerson[]; readWhole: NamedPerson[] },
  storedNames: Map<string, string>,
  keepName: Set<string>,
): { fresh: NamedPerson[]; renamed: NamedPerson[] } {
  return {
    fresh: people.linked.filter((p) => !storedNames.has(p.id)),
    renamed: [...people.linked, ...people.readWhole].filter(
      (p) => storedNames.has(p.id) && storedNames.get(p.id) !== p.name && !keepName.has(p.slug),
    ),
  }
}

export interface Redirect {
  from: string
  slug: string
  to: string
}

/**
 * People left with nothing (touched, no longer stored) were merged or renamed away: their old
 * slug and id lead where most of their mentions went, if that person remains.
 */
export function redirectsOf(
  touched: Iterable<string>,
  remaining: Set<string>,
  slugOf: Map<string, string>,
  movedTo: LinkChanges['movedTo'],
): { gone: string[]; redirects: Redirect[] } {
  const gone = [...touched].filter((id) => !remaining.has(id) && slugOf.has(id))
  const redirects = gone.flatMap((id) => {
    const target = [...(movedTo.get(id) ?? [])].filter(([to]) => remaining.has(to)).sort((a, b) => b[1] - a[1])[0]?.[0]
    return target ? [{ from: id, slug: slugOf.get(id)!, to: target }] : []
  })
  return { gone, redirects }
}

/** An entity with what its article-person row and its quotes need: all it says, and its person's name. */
export interface EntityOfArticle extends Pick<StoredEntity, 'articleSeq' | 'position' | 'name' | 'titles' | 'mentionCount' | 'joinOnly'> {
  /** JSON string[] */
  aliases: string
  /** JSON [{start, end, text, kind}] */
  mentions: string
  speakerType: string | null
  status: string
  personId: string | null
  personName: string | null
  /** JSON ReferredGender, or null (join-only words, rows extracted before referred gender) */
  gender?: string | null
}

/** The rows the linked entities of some articles become (entities in article, position order). */
export interface ArticlePeople {
  /** one per person per article: all their entities' titles, aliases and mentions */
  articlePeople: {
    articleSeq: number
    personId: string
    role: string | null
    titles: string
    aliases: string
    mentionCount: number
    mentions: string
    /** JSON ArticleGender: the pronoun evidence of all their entities here; null when none was extracted */
    gender: string | null
  }[]
  /** the speaker of the quotes of each entity */
  speakers: { articleSeq: number; speakerEntity: number; personId: string | null; speakerName: string; speakerType: string }[]
  peopleCount: { seq: number; peopleCount: number }[]
  /** the names the people were written as */
  aliases: { personId: string; alias: string; aliasLower: string }[]
  /** every person with a row here */
  people: Set<string>
}

export function articlePeople(seqs: number[], entities: EntityOfArticle[]): ArticlePeople {
  const links = new Map<
    string,
    { articleSeq: number; personId: string; titles: string[]; aliases: string[]; mentions: { start: number }[]; genders: ReferredGender[] }
  >()
  const speakers: ArticlePeople['speakers'] = []
  const peopleCount = new Map<number, number>(seqs.map((s) => [s, 0]))
  const speaker = (e: EntityOfArticle, personId: string | null, speakerName: string, speakerType: string) =>
    speakers.push({ articleSeq: e.articleSeq, speakerEntity: e.position, personId, speakerName, speakerType })
  for (const e of entities) {
    if (e.status === 'person' && e.personId) {
      const key = `${e.articleSeq}\u0000${e.personId}`
      let link = links.get(key)
      if (!link) {
        link = { articleSeq: e.articleSeq, personId: e.personId, titles: [], aliases: [], mentions: [], genders: [] }
        links.set(key, link)
        peopleCount.set(e.articleSeq, peopleCount.get(e.articleSeq)! + 1)
      }
      link.titles.push(...(JSON.parse(e.titles) as string[]))
      // the name as written in this article is an alias when the person is known by another
      link.aliases.push(...(JSON.parse(e.aliases) as string[]), ...(e.name !== e.personName ? [e.name] : []))
      link.mentions.push(...(JSON.parse(e.mentions) as { start: number }[]))
      if (e.gender) link.genders.push(JSON.parse(e.gender) as ReferredGender)
      speaker(e, e.personId, e.personName!, 'person')
    } else if (e.joinOnly) speaker(e, null, e.name, e.speakerType ?? 'unknown')
    else speaker(e, null, e.name, e.status === 'unresolved' ? 'person' : 'unknown')
  }
  return {
    articlePeople: [...links.values()].map((l) => {
      const titles = [...new Set(l.titles)]
      const mentions = l.mentions.sort((a, b) => a.start - b.start)
      const gender = articleGender(l.genders)
      return {
        articleSeq: l.articleSeq,
        personId: l.personId,
        role: titles[0] ?? null,
        titles: JSON.stringify(titles),
        aliases: JSON.stringify([...new Set(l.aliases)]),
        mentionCount: mentions.length,
        mentions: JSON.stringify(mentions),
        gender: gender ? JSON.stringify(gender) : null,
      }
    }),
    speakers,
    peopleCount: [...peopleCount].map(([seq, count]) => ({ seq, peopleCount: count })),
    aliases: [...links.values()].flatMap((l) => l.aliases.map((a) => ({ personId: l.personId, alias: a, aliasLower: a.toLowerCase() }))),
    people: new Set([...links.values()].map((l) => l.personId)),
  }
}
