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

/** Stored people known by each of these words (an alias or a one-word name), lower-cased. */
async function peopleKnownBy(tx: Tx, words: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const known = new Map<string, { id: string; name: string }[]>()
  if (words.length === 0) return known
  const rows = await tx.$queryRaw<{ aliasLower: string; id: string; name: string }[]>`
    SELECT DISTINCT a."aliasLower", p."id", p."name" FROM "PersonAlias" a JOIN "Person" p ON p."id" = a."personId"
    WHERE a."aliasLower" IN (${Prisma.join(words)})`
  for (const r of rows) known.set(r.aliasLower, [...(known.get(r.aliasLower) ?? []), { id: r.id, name: r.name }])
  return known
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

/**
 * Replaces the people and quotes of one stored article with a new extraction, in a few batched
 * statements. The same slug across articles is one person; a one-word name or speaker ("Putin")
 * joins the one stored person known by that word, and stays apart when several are.
 */
export async function writeExtraction(
  tx: Tx,
  article: { seq: number; id: string; body: string; publishedAt: Date | null; listedAt: Date },
  extraction: Extraction,
  opts: { fresh: boolean } = { fresh: false },
): Promise<string[]> {
  const previous = opts.fresh ? [] : await tx.$queryRaw<{ personId: string }[]>`
    SELECT "personId" FROM "ArticlePerson" WHERE "articleSeq" = ${article.seq}
    UNION SELECT "personId" FROM "Quote" WHERE "articleSeq" = ${article.seq} AND "personId" IS NOT NULL`
  if (!opts.fresh) {
    await tx.quote.deleteMany({ where: { articleSeq: article.seq } })
    await tx.articlePerson.deleteMany({ where: { articleSeq: article.seq } })
  }

  const oneWord = (w: string | null) => !!w && /^\p{Lu}[\p{L}'’-]+$/u.test(w)
  const words = [...new Set([
    ...extraction.people.filter((p) => !p.name.includes(' ')).map((p) => p.name.toLowerCase()),
    ...extraction.quotes.filter((q) => q.speaker.person === null && oneWord(q.speaker.text)).map((q) => q.speaker.text!.toLowerCase()),
  ])]
  const known = await peopleKnownBy(tx, words)
  const uniquelyKnown = (word: string) => (known.get(word.toLowerCase())?.length === 1 ? known.get(word.toLowerCase())![0]! : null)

  const personIds = extraction.people.map((p) => (!p.name.includes(' ') && uniquelyKnown(p.name)?.id) || personId(slugify(p.name)))
  const newPeople = extraction.people.map((p, i) => ({ id: personIds[i]!, slug: slugify(p.name), name: p.name })).filter((p) => p.id === personId(p.slug))
  if (newPeople.length) {
    await tx.$executeRaw`INSERT OR IGNORE INTO "Person" ("id", "slug", "name", "nameLower")
      VALUES ${Prisma.join(newPeople.map((p) => Prisma.sql`(${p.id}, ${p.slug}, ${p.name}, ${p.name.toLowerCase()})`))}`
  }
  const aliases = extraction.people.flatMap((p, i) => [p.name, ...p.aliases].map((alias) => Prisma.sql`(${personIds[i]!}, ${alias}, ${alias.toLowerCase()})`))
  if (aliases.length) await tx.$executeRaw`INSERT OR IGNORE INTO "PersonAlias" ("personId", "alias", "aliasLower") VALUES ${Prisma.join(aliases)}`

  type Mention = { start: number; end: number; text: string; kind: string }
  const links = new Map<string, { role: string | null; titles: string[]; aliases: string[]; mentions: Mention[] }>()
  const link = (id: string) => links.get(id) ?? links.set(id, { role: null, titles: [], aliases: [], mentions: [] }).get(id)!
  extraction.people.forEach((p, i) => {
    // two names of one article may resolve to the same stored person: one link with all mentions
    const l = link(personIds[i]!)
    l.role ??= p.titles[0] ?? null
    l.titles.push(...p.titles)
    l.aliases.push(...p.aliases)
    l.mentions.push(...p.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text, kind: m.kind })))
  })
  const speakers = extraction.quotes.map((q) => {
    if (q.speaker.person !== null) return { personId: personIds[q.speaker.person]!, name: q.speaker.name, type: q.speaker.type }
    const person = oneWord(q.speaker.text) ? uniquelyKnown(q.speaker.text!) : null
    if (!person) return { personId: null, name: q.speaker.name, type: q.speaker.type }
    link(person.id).mentions.push({ start: q.speaker.start!, end: q.speaker.end!, text: q.speaker.text!, kind: 'alias' })
    return { personId: person.id, name: person.name, type: 'person' as const }
  })
  await tx.articlePerson.createMany({
    data: [...links].map(([id, l]) => ({
      articleSeq: article.seq, personId: id, role: l.role, titles: JSON.stringify([...new Set(l.titles)]),
      aliases: JSON.stringify([...new Set(l.aliases)]), mentionCount: l.mentions.length, mentions: JSON.stringify(l.mentions),
    })),
  })
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
      sentence: article.body.slice(q.sentence.start, q.sentence.end),
      confidence: q.confidence,
      publishedAt: article.publishedAt,
      listedAt: article.listedAt,
    })),
  })
  return [...new Set([...links.keys(), ...previous.map((p) => p.personId)])]
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
    const touched = await writeExtraction(tx, row, extraction, { fresh: !existing })
    await refreshPeople(tx, touched)
    return { status: existing ? 'updated' : 'ingested', id, people: extraction.people.length, quotes: extraction.quotes.length }
  })
}
