import { Prisma, type PrismaClient } from '../generated/prisma/client.js'
import type { Extraction } from '../extraction/types.js'
import { UNDATED_LISTED_AT, sqlDate } from '../shared/params.js'
import { articleEntities } from '../identity/entities.js'
import { entityKeys } from '../identity/resolve.js'
import { quoteId } from './identity.js'
import { relinkArticles } from './relink.js'
import { speakerKeyOf } from '../speakers/speaker-key.js'
import type { ParsedArticle } from './types.js'

type Tx = Prisma.TransactionClient

/** What storing needs of an extraction (the sentences stay behind). */
export type StoredExtraction = Pick<Extraction, 'people' | 'quotes' | 'furniture'>

/** A parsed article with its identity and extraction, ready to be written. */
export interface PreparedArticle {
  parsed: ParsedArticle
  hash: string
  id: string
  extraction: StoredExtraction
  sourcePath: string | null
  extractorVersion: string
}

/** The last line of an error's message: Prisma and SQLite put the cause there. */
export const errorSummary = (err: unknown) => (err instanceof Error ? (err.message.split('\n').at(-1) ?? err.message) : String(err))

export type StoreResult =
  | { status: 'ingested' | 'updated' | 'unchanged'; id: string; people: number; quotes: number }
  | { status: 'failed'; id: string; reason: string }

interface StoredArticle {
  seq: number
  id: string
  body: string
  publishedAt: Date | null
  listedAt: Date
}

/** Ids per statement where each is bound on its own: far below SQLite's bound-parameter limit. */
const CHUNK = 400
export const chunks = <T>(rows: T[]) =>
  Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK))

/**
 * Inserts rows in one statement with one bound parameter: the rows travel as a JSON array of
 * arrays that SQLite unpacks with json_each. Per-statement overhead in Prisma is what ingest
 * pays most for, so a batch writes each table once. Table and column names are constants.
 */
export async function insertRows(tx: Tx, table: string, columns: readonly string[], rows: unknown[][], orIgnore = false): Promise<void> {
  if (rows.length === 0) return
  const values = columns.map((_, i) => `value ->> ${i}`).join(', ')
  await tx.$executeRawUnsafe(
    `INSERT ${orIgnore ? 'OR IGNORE ' : ''}INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${values} FROM json_each(?)`,
    JSON.stringify(rows),
  )
}

/** Recomputes the stored counters of these people and removes those left with no article. */
export async function refreshPeople(tx: Tx | PrismaClient, ids: string[]): Promise<void> {
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

const ENTITY_COLUMNS = [
  'articleSeq',
  'position',
  'name',
  'titles',
  'aliases',
  'mentionCount',
  'mentions',
  'joinOnly',
  'speakerType',
  'surnameKey',
  'givenKey',
  'personKey',
] as const
const QUOTE_COLUMNS = [
  'id',
  'articleSeq',
  'position',
  'speakerEntity',
  'speakerName',
  'speakerType',
  'speakerKey',
  'speakerText',
  'speakerStart',
  'speakerEnd',
  'cue',
  'cueStart',
  'cueEnd',
  'kind',
  'via',
  'content',
  'contentStart',
  'contentEnd',
  'parts',
  'sentenceStart',
  'sentenceEnd',
  'sentence',
  'confidence',
  'publishedAt',
  'listedAt',
] as const

/**
 * The rows one article's extraction becomes: its people as identity entities (linked to people
 * by the next relink, see relink.ts) and its quotes, each pointing at its speaker's entity.
 */
function extractionRows(article: StoredArticle, extraction: StoredExtraction) {
  const { entities, speakerEntity } = articleEntities(extraction)
  const entityRows = entities.map((e, position) => {
    const keys = entityKeys(e.name)
    return {
      articleSeq: article.seq,
      position,
      name: e.name,
      titles: JSON.stringify([...new Set(e.titles)]),
      aliases: JSON.stringify([...new Set(e.aliases)]),
      mentionCount: e.mentions.length,
      mentions: JSON.stringify(e.mentions),
      joinOnly: e.joinOnly ? 1 : 0,
      speakerType: e.speakerType,
      surnameKey: keys.surname,
      givenKey: keys.given,
      personKey: keys.person,
    }
  })
  const quotes = extraction.quotes.map((q, position) => ({
    id: quoteId(article.id, q.start, q.end),
    articleSeq: article.seq,
    position,
    speakerEntity: speakerEntity[position] ?? null,
    speakerName: q.speaker.name,
    speakerType: q.speaker.type,
    speakerKey: speakerKeyOf(q.speaker.name, q.speaker.type),
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
    publishedAt: article.publishedAt ? sqlDate(article.publishedAt) : null,
    listedAt: sqlDate(article.listedAt),
  }))
  return { entityRows, quotes }
}

/**
 * Writes the extractions of many stored articles in a few multi-row statements. `replace` first
 * removes the quotes and entities earlier extractions of these articles left, and returns the
 * lookup keys those entities had. The new entities are `pending` until `relinkArticles` (in the
 * same transaction) links them.
 */
export async function writeExtractions(
  tx: Tx,
  items: { article: StoredArticle; extraction: StoredExtraction }[],
  opts: { replace: boolean },
): Promise<{ previousKeys: string[] }> {
  const seqs = items.map((i) => i.article.seq)
  const previousKeys: string[] = []
  if (opts.replace && seqs.length) {
    const previous = await tx.articleEntity.findMany({ where: { articleSeq: { in: seqs } }, select: { surnameKey: true, givenKey: true } })
    previousKeys.push(...new Set(previous.flatMap((e) => [e.surnameKey, e.givenKey].filter((k): k is string => !!k))))
    await tx.quote.deleteMany({ where: { articleSeq: { in: seqs } } })
    await tx.articleEntity.deleteMany({ where: { articleSeq: { in: seqs } } })
  }
  const entities: ReturnType<typeof extractionRows>['entityRows'] = []
  const quotes: ReturnType<typeof extractionRows>['quotes'] = []
  const counts: [number, number, string][] = []
  for (const { article, extraction } of items) {
    const rows = extractionRows(article, extraction)
    counts.push([article.seq, rows.quotes.length, JSON.stringify(extraction.furniture)])
    entities.push(...rows.entityRows)
    quotes.push(...rows.quotes)
  }
  await insertRows(
    tx,
    'ArticleEntity',
    ENTITY_COLUMNS,
    entities.map((e) => ENTITY_COLUMNS.map((c) => e[c])),
  )
  await insertRows(
    tx,
    'Quote',
    QUOTE_COLUMNS,
    quotes.map((q) => QUOTE_COLUMNS.map((c) => q[c])),
  )
  await tx.$executeRawUnsafe(
    `
    WITH c AS (SELECT value ->> 0 AS "seq", value ->> 1 AS "quotes", value ->> 2 AS "furniture" FROM json_each(?))
    UPDATE "Article" SET "quoteCount" = c."quotes", "furniture" = c."furniture" FROM c WHERE "Article"."seq" = c."seq"`,
    JSON.stringify(counts),
  )
  return { previousKeys }
}

/** Characters of the body that lists show. */
export const EXCERPT_CHARS = 280

/** The opening of the body on one line, cut at a word boundary with an ellipsis when it goes on. */
export function excerptOf(body: string, max = EXCERPT_CHARS): string {
  const window = body.slice(0, max * 4)
  const flat = window.replace(/\s+/g, ' ').trim()
  if (flat.length <= max && window.length === body.length) return flat
  let cut = flat.slice(0, max - 1)
  const lastSpace = cut.lastIndexOf(' ')
  // a word longer than half the excerpt (a URL) is cut inside rather than dropped
  if (lastSpace > max / 2) cut = cut.slice(0, lastSpace)
  return `${cut.replace(/[\s,;:–—-]+$/u, '')}…`
}

const articleFields = (a: PreparedArticle) => ({
  contentHash: a.hash,
  externalId: a.parsed.externalId,
  title: a.parsed.title,
  body: a.parsed.body,
  excerpt: excerptOf(a.parsed.body),
  publishedAt: a.parsed.publishedAt,
  listedAt: a.parsed.publishedAt ?? UNDATED_LISTED_AT,
  section: a.parsed.section,
  dateline: a.parsed.dateline,
  agency: a.parsed.agency,
  url: a.parsed.url,
  sourcePath: a.sourcePath,
  format: a.parsed.format,
  extra: a.parsed.extra ? JSON.stringify(a.parsed.extra) : null,
  extractorVersion: a.extractorVersion,
})
const STORED = { seq: true, id: true, body: true, publishedAt: true, listedAt: true } as const

/**
 * Stores prepared articles and their extractions in one transaction: content already stored is
 * `unchanged`; a record naming a stored id (`id`, `url`) replaces it as `updated`; the rest are
 * inserted with every row in multi-row statements.
 */
async function writeBatch(tx: Tx, batch: PreparedArticle[]): Promise<StoreResult[]> {
  const stored = await tx.article.findMany({
    where: { contentHash: { in: batch.map((a) => a.hash) } },
    select: { contentHash: true, id: true },
  })
  const idOfHash = new Map(stored.map((s) => [s.contentHash, s.id]))
  const existingIds = new Set(
    (await tx.article.findMany({ where: { id: { in: batch.map((a) => a.id) } }, select: { id: true } })).map((r) => r.id),
  )
  const results: StoreResult[] = []
  const fresh: PreparedArticle[] = []
  const replacing: PreparedArticle[] = []
  const claimed = new Set<string>()
  for (const a of batch) {
    const sameContent = idOfHash.get(a.hash)
    const counts = { id: a.id, people: a.extraction.people.length, quotes: a.extraction.quotes.length }
    if (sameContent) results.push({ status: 'unchanged', id: sameContent, people: 0, quotes: 0 })
    else if (existingIds.has(a.id) || claimed.has(a.id)) {
      replacing.push(a)
      results.push({ status: 'updated', ...counts })
    } else {
      fresh.push(a)
      results.push({ status: 'ingested', ...counts })
    }
    idOfHash.set(a.hash, a.id)
    claimed.add(a.id)
  }

  const written: number[] = []
  const previousKeys: string[] = []
  if (fresh.length) {
    const rows = await tx.article.createManyAndReturn({ data: fresh.map((a) => ({ id: a.id, ...articleFields(a) })), select: STORED })
    const byId = new Map(rows.map((r) => [r.id, r]))
    await writeExtractions(
      tx,
      fresh.map((a) => ({ article: byId.get(a.id)!, extraction: a.extraction })),
      { replace: false },
    )
    written.push(...rows.map((r) => r.seq))
  }
  for (const a of replacing) {
    const row = await tx.article.update({ where: { id: a.id }, data: articleFields(a), select: STORED })
    previousKeys.push(...(await writeExtractions(tx, [{ article: row, extraction: a.extraction }], { replace: true })).previousKeys)
    written.push(row.seq)
  }
  // the batch's people are linked before it commits: an article is never seen without them
  await relinkArticles(tx, written, previousKeys)
  return results
}

/**
 * Stores a batch in one transaction. If the batch fails, its articles are stored one by one so
 * that only the article at fault fails, with its reason; the others still go in.
 */
export async function storeBatch(prisma: PrismaClient, batch: PreparedArticle[]): Promise<StoreResult[]> {
  if (batch.length === 0) return []
  try {
    return await prisma.$transaction((tx) => writeBatch(tx, batch), { timeout: 120_000, maxWait: 60_000 })
  } catch (err) {
    if (batch.length === 1) return [{ status: 'failed', id: batch[0]!.id, reason: `could not store: ${errorSummary(err)}` }]
    const results: StoreResult[] = []
    for (const a of batch) results.push(...(await storeBatch(prisma, [a])))
    return results
  }
}

/**
 * Merges each full-text index into one segment. FTS5 writes a segment per transaction and merges
 * them only gradually, and a search looks its terms up in every segment: after a bulk load one
 * merge halves search time (100k articles: 4 s). The merge rewrites the whole index, so it runs
 * only when this run wrote at least a tenth of the articles; smaller runs leave it to FTS5's own
 * merging. Returns whether it ran.
 */
export async function compactSearchIndexes(prisma: PrismaClient, written: number): Promise<boolean> {
  if (written === 0) return false
  const [{ total }] = await prisma.$queryRaw<[{ total: number | bigint }]>`SELECT count(*) AS "total" FROM "Article"`
  if (written * 10 < Number(total)) return false
  await prisma.$executeRawUnsafe(`INSERT INTO "ArticleFts"("ArticleFts") VALUES ('optimize')`)
  await prisma.$executeRawUnsafe(`INSERT INTO "QuoteFts"("QuoteFts") VALUES ('optimize')`)
  return true
}
