import type { Prisma, PrismaClient } from '../db/prisma.js'
import { inWriteTransaction } from '../db/writer.js'
import { storageFaultOf } from '../db/storage-fault.js'
import { UNDATED_LISTED_AT } from '../shared/params.js'
import { excerptOf } from './excerpt.js'
import { writeExtractions, type StoredExtraction } from './extractions.js'
import { relinkArticles } from './relink.js'
import type { ParsedArticle } from './types.js'

type Tx = Prisma.TransactionClient

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
 * that only the article at fault fails, with its reason; the others still go in. A storage fault
 * (disk full, read-only or damaged file) is thrown as a StorageFault: no article could go in.
 */
export async function storeBatch(prisma: PrismaClient, batch: PreparedArticle[]): Promise<StoreResult[]> {
  if (batch.length === 0) return []
  try {
    return await inWriteTransaction(prisma, (tx) => writeBatch(tx, batch), { timeout: 120_000, maxWait: 60_000 })
  } catch (err) {
    const fault = storageFaultOf(err)
    if (fault) throw fault
    if (batch.length === 1) return [{ status: 'failed', id: batch[0]!.id, reason: `could not store: ${errorSummary(err)}` }]
    const results: StoreResult[] = []
    for (const a of batch) results.push(...(await storeBatch(prisma, [a])))
    return results
  }
}
