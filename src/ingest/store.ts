import { Prisma, type PrismaClient } from '../generated/prisma/client.js'
import type { Extraction } from '../extraction/types.js'
import { articleId, contentHash, personId, quoteId, slugify } from './identity.js'
import type { ParsedArticle } from './types.js'

type Tx = Prisma.TransactionClient

export interface StoreResult {
  status: 'ingested' | 'updated' | 'unchanged'
  id: string
  people: number
  quotes: number
}

/**
 * The person record for a name: the same slug across articles is one person; a single-word name
 * ("Putin") joins the one stored person who is known by it, and stays apart when several are.
 */
async function personFor(tx: Tx, name: string): Promise<string> {
  const slug = slugify(name)
  if (!name.includes(' ')) {
    const known = await knownPerson(tx, name)
    if (known) return known.id
  }
  const id = personId(slug)
  await tx.person.upsert({ where: { slug }, create: { id, slug, name, nameLower: name.toLowerCase() }, update: {}, select: { id: true } })
  return id
}

/** The one stored person known by this single word, if exactly one is. */
async function knownPerson(tx: Tx, word: string): Promise<{ id: string; name: string } | null> {
  const known = await tx.personAlias.findMany({ where: { aliasLower: word.toLowerCase() }, select: { person: { select: { id: true, name: true } } }, distinct: ['personId'], take: 2 })
  return known.length === 1 ? known[0]!.person : null
}

/** Recomputes the stored counters of these people and removes those left with no article. */
export async function refreshPeople(tx: Tx | PrismaClient, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  const list = Prisma.join(ids)
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

/** Replaces the people and quotes of one stored article with a new extraction. */
export async function writeExtraction(tx: Tx, article: { seq: number; id: string; body: string; publishedAt: Date | null; listedAt: Date }, extraction: Extraction): Promise<string[]> {
  const sentenceText = (s: { start: number; end: number }) => article.body.slice(s.start, s.end)
  const previous = await tx.articlePerson.findMany({ where: { articleSeq: article.seq }, select: { personId: true } })
  const previousSpeakers = await tx.quote.findMany({ where: { articleSeq: article.seq, personId: { not: null } }, select: { personId: true }, distinct: ['personId'] })
  await tx.quote.deleteMany({ where: { articleSeq: article.seq } })
  await tx.articlePerson.deleteMany({ where: { articleSeq: article.seq } })

  const personIds: string[] = []
  const links = new Map<string, Prisma.ArticlePersonCreateManyInput>()
  for (const p of extraction.people) {
    const id = await personFor(tx, p.name)
    personIds.push(id)
    for (const alias of [p.name, ...p.aliases]) {
      await tx.$executeRaw`INSERT OR IGNORE INTO "PersonAlias" ("personId", "alias", "aliasLower") VALUES (${id}, ${alias}, ${alias.toLowerCase()})`
    }
    const link = links.get(id)
    const mentions = p.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text, kind: m.kind }))
    if (link) {
      // two names of one article resolved to the same stored person: one link with all mentions
      const merged = [...JSON.parse(link.mentions as string), ...mentions]
      links.set(id, { ...link, mentions: JSON.stringify(merged), mentionCount: merged.length })
    } else {
      links.set(id, {
        articleSeq: article.seq, personId: id, role: p.titles[0] ?? null,
        titles: JSON.stringify(p.titles), aliases: JSON.stringify(p.aliases),
        mentionCount: mentions.length, mentions: JSON.stringify(mentions),
      })
    }
  }
  // a speaker this article names only by a word ("Putin said …") is the one stored person known by it
  const speakers = await Promise.all(extraction.quotes.map(async (q) => {
    if (q.speaker.person !== null) return { personId: personIds[q.speaker.person]!, name: q.speaker.name, type: q.speaker.type }
    const known = q.speaker.text && /^\p{Lu}[\p{L}'’-]+$/u.test(q.speaker.text) ? await knownPerson(tx, q.speaker.text) : null
    if (!known) return { personId: null, name: q.speaker.name, type: q.speaker.type }
    const link = links.get(known.id)
    const mention = { start: q.speaker.start!, end: q.speaker.end!, text: q.speaker.text!, kind: 'alias' }
    const mentions = [...(link ? JSON.parse(link.mentions as string) : []), mention]
    links.set(known.id, { articleSeq: article.seq, personId: known.id, role: link?.role ?? null, titles: link?.titles ?? '[]', aliases: link?.aliases ?? '[]', mentionCount: mentions.length, mentions: JSON.stringify(mentions) })
    personIds.push(known.id)
    return { personId: known.id, name: known.name, type: 'person' }
  }))
  await tx.articlePerson.createMany({ data: [...links.values()] })
  await tx.quote.createMany({
    data: extraction.quotes.map((q, position) => ({
      id: quoteId(article.id, q.start, q.end),
      articleSeq: article.seq,
      position,
      personId: speakers[position]!.personId,
      speakerName: speakers[position]!.name,
      speakerType: speakers[position]!.type,
      speakerText: q.speaker.text,
      speakerStart: q.speaker.start,
      speakerEnd: q.speaker.end,
      cue: q.cue,
      cueStart: q.cueSpan?.start ?? null,
      cueEnd: q.cueSpan?.end ?? null,
      kind: q.kind,
      via: q.via,
      content: q.content,
      contentStart: q.start,
      contentEnd: q.end,
      parts: JSON.stringify(q.parts.map((p) => ({ start: p.start, end: p.end }))),
      sentenceStart: q.sentence.start,
      sentenceEnd: q.sentence.end,
      sentence: sentenceText(q.sentence),
      confidence: q.confidence,
      publishedAt: article.publishedAt,
      listedAt: article.listedAt,
    })),
  })
  return [...new Set([...personIds, ...previous.map((p) => p.personId), ...previousSpeakers.map((p) => p.personId!)])]
}

/** Stores one article and its extraction in one transaction; same content again changes nothing. */
export async function storeArticle(
  prisma: PrismaClient,
  parsed: ParsedArticle,
  extract: (a: ParsedArticle) => Extraction,
  meta: { sourcePath: string | null; extractorVersion: string },
): Promise<StoreResult> {
  const hash = contentHash(parsed)
  const id = articleId(parsed, hash)
  const same = await prisma.article.findUnique({ where: { contentHash: hash }, select: { id: true } })
  if (same) return { status: 'unchanged', id: same.id, people: 0, quotes: 0 }
  const extraction = extract(parsed)
  const fields = {
    contentHash: hash, externalId: parsed.externalId, title: parsed.title, body: parsed.body,
    publishedAt: parsed.publishedAt, listedAt: parsed.publishedAt ?? new Date(), section: parsed.section, dateline: parsed.dateline, agency: parsed.agency,
    url: parsed.url, sourcePath: meta.sourcePath, format: parsed.format,
    extra: parsed.extra ? JSON.stringify(parsed.extra) : null, extractorVersion: meta.extractorVersion,
  }
  return prisma.$transaction(async (tx) => {
    const existing = await tx.article.findUnique({ where: { id }, select: { seq: true } })
    const row = existing
      ? await tx.article.update({ where: { id }, data: fields, select: { seq: true, id: true, body: true, publishedAt: true, listedAt: true } })
      : await tx.article.create({ data: { id, ...fields }, select: { seq: true, id: true, body: true, publishedAt: true, listedAt: true } })
    const touched = await writeExtraction(tx, row, extraction)
    await refreshPeople(tx, touched)
    return { status: existing ? 'updated' : 'ingested', id, people: extraction.people.length, quotes: extraction.quotes.length }
  })
}
