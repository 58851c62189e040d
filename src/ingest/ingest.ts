import type { PrismaClient } from '../generated/prisma/client.js'
import { EXTRACTOR_VERSION, extract } from '../extraction/pipeline.js'
import { decodeText, parseFile } from './parse.js'
import { fsErrorReason, readSource, walkSources } from './sources.js'
import { storeArticle, refreshPeople, writeExtraction } from './store.js'
import { ParseError, type ParsedArticle } from './types.js'

export interface RecordOutcome {
  where: string
  status: 'ingested' | 'updated' | 'unchanged' | 'failed'
  id?: string
  title?: string
  reason?: string
  warnings?: string[]
}

/** One line per input file: what happened to each of its records. */
export interface FileOutcome {
  source: string
  status: 'ingested' | 'unchanged' | 'failed' | 'partial'
  records: RecordOutcome[]
}

export interface IngestSummary {
  files: number
  articles: { ingested: number; updated: number; unchanged: number; failed: number }
  failedFiles: number
  seconds: number
}

const extractArticle = (a: ParsedArticle) => extract({ title: a.title, body: a.body })

function fileStatus(records: RecordOutcome[]): FileOutcome['status'] {
  const failed = records.filter((r) => r.status === 'failed').length
  if (failed === records.length) return 'failed'
  if (failed > 0) return 'partial'
  return records.some((r) => r.status === 'ingested' || r.status === 'updated') ? 'ingested' : 'unchanged'
}

/** Reads, parses, extracts and stores one file; never throws for bad input. */
export async function ingestFile(prisma: PrismaClient, path: string): Promise<FileOutcome> {
  let text: string
  try {
    text = decodeText(await readSource(path))
  } catch (err) {
    const reason = err instanceof ParseError ? err.message : fsErrorReason(err)
    return { source: path, status: 'failed', records: [{ where: '', status: 'failed', reason }] }
  }
  const records: RecordOutcome[] = []
  for (const r of parseFile(path === '-' ? 'stdin.txt' : path, text)) {
    if (!r.ok) {
      records.push({ where: r.where, status: 'failed', reason: r.reason })
      continue
    }
    try {
      const stored = await storeArticle(prisma, r.article, extractArticle, { sourcePath: path === '-' ? null : path, extractorVersion: EXTRACTOR_VERSION })
      records.push({ where: r.where, status: stored.status, id: stored.id, title: r.article.title, ...(r.article.warnings.length ? { warnings: r.article.warnings } : {}) })
    } catch (err) {
      records.push({ where: r.where, status: 'failed', title: r.article.title, reason: `could not store: ${(err as Error).message.split('\n').at(-1)}` })
    }
  }
  if (records.length === 0) records.push({ where: '', status: 'failed', reason: 'no records' })
  return { source: path, status: fileStatus(records), records }
}

/** Ingests every file under `paths`, yielding each file's outcome as it is done. */
export async function* ingestPaths(prisma: PrismaClient, paths: string[], extensions?: string[]): AsyncGenerator<FileOutcome> {
  for await (const source of walkSources(paths, extensions)) {
    if (source.error) yield { source: source.path, status: 'failed', records: [{ where: '', status: 'failed', reason: source.error }] }
    else yield await ingestFile(prisma, source.path)
  }
}

export function summarise(outcomes: FileOutcome[], seconds: number): IngestSummary {
  const articles = { ingested: 0, updated: 0, unchanged: 0, failed: 0 }
  for (const o of outcomes) for (const r of o.records) articles[r.status]++
  return { files: outcomes.length, articles, failedFiles: outcomes.filter((o) => o.status !== 'ingested' && o.status !== 'unchanged').length, seconds }
}

/** Re-runs extraction over stored articles (all, or those extracted by another version). */
export async function reextractAll(prisma: PrismaClient, opts: { all: boolean }, onProgress?: (done: number, total: number) => void): Promise<number> {
  const where = opts.all ? {} : { extractorVersion: { not: EXTRACTOR_VERSION } }
  const total = await prisma.article.count({ where })
  let done = 0
  let cursor = 0
  for (;;) {
    const batch = await prisma.article.findMany({ where: { ...where, seq: { gt: cursor } }, orderBy: { seq: 'asc' }, take: 100, select: { seq: true, id: true, title: true, body: true, publishedAt: true, listedAt: true } })
    if (batch.length === 0) break
    for (const a of batch) {
      const extraction = extract({ title: a.title, body: a.body })
      await prisma.$transaction(async (tx) => {
        const touched = await writeExtraction(tx, a, extraction)
        await tx.article.update({ where: { seq: a.seq }, data: { extractorVersion: EXTRACTOR_VERSION } })
        await refreshPeople(tx, touched)
      })
      done++
      onProgress?.(done, total)
    }
    cursor = batch.at(-1)!.seq
  }
  return done
}
