import type { Prisma, PrismaClient } from '../db/prisma.js'
import { inWriteTransaction } from '../db/writer.js'
import { EXTRACTOR_VERSION } from '../extraction/pipeline.js'
import { inProcessExtractor, type Extractor } from './extractor.js'
import { articleId, contentHash } from './identity.js'
import { applyMetadata, decodeLine, decodeText, isJsonLines, parseFile, parseJsonLine } from './parse.js'
import { fsErrorReason, readLines, readSource, walkSources, type Source, type SourceRecord } from './sources.js'
import { relinkArticles, settleBacklog } from './relink.js'
import { writeExtractions, type StoredArticle, type StoredExtraction } from './extractions.js'
import { errorSummary, storeBatch, type PreparedArticle } from './store.js'
import { ParseError } from './types.js'
import { decodeXml } from '../web/html/decode.js'
import { feedRecords, htmlFileRecord, isFeedFile, isHtmlFile, looksLikeFeed, type LinkFetcher } from './web.js'

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
  /** The run stopped inside this file: `records` are those stored before it did. */
  interrupted?: true
}

/** `articles` counts records (one JSON Lines file holds many); `files` the input files. */
export interface IngestSummary {
  files: number
  articles: { ingested: number; updated: number; unchanged: number; failed: number }
  failedFiles: number
  seconds: number
}

export interface IngestOptions {
  extensions?: string[]
  /** Where extraction runs (default: in this thread). */
  extractor?: Extractor
  /** Articles written per transaction. */
  batchSize?: number
  /** Once aborted: no new record is taken, the open batch is written, and the file it stopped in is reported. */
  signal?: AbortSignal
  /**
   * How content already stored is recognised: 'preload' reads every stored hash first (a run over
   * many files), 'lookup' asks the database per record (a few records, as a write request brings).
   */
  knownContent?: 'preload' | 'lookup'
  /** How a feed item that only links to its article gets it (`--fetch`); without it such items are reported. */
  fetchLinked?: LinkFetcher
}

/** Content hashes already stored (or taken by this run), with their article ids. */
interface KnownContent {
  get(hash: string): Promise<string | undefined>
  set(hash: string, id: string): void
}

function fileStatus(records: RecordOutcome[]): FileOutcome['status'] {
  const failed = records.filter((r) => r.status === 'failed').length
  if (records.length === 0 || failed === records.length) return 'failed'
  if (failed > 0) return 'partial'
  return records.some((r) => r.status === 'ingested' || r.status === 'updated') ? 'ingested' : 'unchanged'
}

interface OpenFile {
  source: string
  records: RecordOutcome[]
  error?: string
}

/** A record on its way through the pipeline: decided already, or waiting for extraction and a write. */
type Unit =
  | { file: OpenFile; outcome: RecordOutcome }
  | { file: OpenFile; outcome: RecordOutcome; prepared: Promise<PreparedArticle> }
  | { file: OpenFile; end: true }

/** Stored content hashes with their article ids: content seen before is `unchanged` without extraction. */
async function knownContent(prisma: PrismaClient, how: 'preload' | 'lookup'): Promise<KnownContent> {
  const taken = new Map<string, string>()
  if (how === 'preload') {
    const rows = await prisma.$queryRaw<{ contentHash: string; id: string }[]>`SELECT "contentHash", "id" FROM "Article"`
    for (const r of rows) taken.set(r.contentHash, r.id)
    return { get: async (hash) => taken.get(hash), set: (hash, id) => taken.set(hash, id) }
  }
  return {
    get: async (hash) =>
      taken.get(hash) ?? (await prisma.article.findUnique({ where: { contentHash: hash }, select: { id: true } }))?.id ?? undefined,
    set: (hash, id) => taken.set(hash, id),
  }
}

/** The parsed records of one source: JSON Lines files streamed line by line, other files read whole. */
async function* recordsOf(source: string, file: OpenFile, fetchLinked: LinkFetcher | null): AsyncGenerator<SourceRecord> {
  if (source !== '-' && isJsonLines(source)) {
    let lineNumber = 0
    let bytes = 0
    let blank = true
    for await (const line of readLines(source)) {
      lineNumber++
      bytes += line.length + 1
      const decoded = decodeLine(line, lineNumber === 1)
      if ('reason' in decoded) {
        blank = false
        yield { ok: false, where: `line ${lineNumber}`, reason: decoded.reason }
        continue
      }
      const record = parseJsonLine(decoded.text, lineNumber)
      if (!record) continue
      blank = false
      yield record
    }
    if (blank) file.error = bytes === 0 ? 'empty file' : 'empty file (only whitespace)'
    return
  }
  let bytes: Uint8Array
  let text: string
  try {
    bytes = await readSource(source)
    // a web page declares its own charset (or none, and may be Windows-1252): never strict UTF-8
    if (isHtmlFile(source)) {
      yield htmlFileRecord(bytes)
      return
    }
    // a feed declares its encoding in its XML declaration (ISO-8859-1 feeds exist)
    if (isFeedFile(source)) {
      yield* feedRecords(decodeXml(bytes).text, null, fetchLinked)
      return
    }
    text = decodeText(bytes)
  } catch (err) {
    file.error = err instanceof ParseError ? err.message : fsErrorReason(err)
    return
  }
  if (/\.json$/i.test(source) && looksLikeFeed(text)) {
    yield* feedRecords(text, null, fetchLinked)
    return
  }
  yield* parseFile(source === '-' ? 'stdin.txt' : source, text)
}

/** Reads and parses each source, yielding its records (extraction started) and then its end. */
async function* units(
  sources: AsyncIterable<Source> | Iterable<Source>,
  extractor: Extractor,
  seen: KnownContent,
  fetchLinked: LinkFetcher | null,
): AsyncGenerator<Unit> {
  for await (const source of sources) {
    const file: OpenFile = { source: source.path, records: [] }
    if (source.error) file.error = source.error
    else {
      const sourcePath = source.sourcePath !== undefined ? source.sourcePath : source.path === '-' ? null : source.path
      try {
        for await (const r of source.records ? source.records() : recordsOf(source.path, file, fetchLinked)) {
          if (r.ok === 'unchanged') {
            yield { file, outcome: { where: r.where, status: 'unchanged', ...(r.id ? { id: r.id } : {}) } }
            continue
          }
          if (!r.ok) {
            yield { file, outcome: { where: r.where, status: 'failed', reason: r.reason } }
            continue
          }
          let a = r.article
          if (source.meta) {
            try {
              a = applyMetadata(a, source.meta)
            } catch (err) {
              if (!(err instanceof ParseError)) throw err
              yield { file, outcome: { where: r.where, status: 'failed', reason: `manifest: ${err.message}` } }
              continue
            }
          }
          const outcome: RecordOutcome = {
            where: r.where,
            status: 'ingested',
            title: a.title,
            ...(a.warnings.length ? { warnings: a.warnings } : {}),
          }
          const hash = contentHash(a)
          const known = await seen.get(hash)
          if (known) {
            yield { file, outcome: { ...outcome, status: 'unchanged', id: known } }
            continue
          }
          const id = articleId(a, hash)
          seen.set(hash, id)
          const prepared = extractor
            .extract({ title: a.title, body: a.body })
            .then((extraction) => ({ parsed: a, hash, id, extraction, sourcePath, extractorVersion: EXTRACTOR_VERSION }))
          prepared.catch(() => {}) // awaited in order below; this only keeps an early rejection from going unhandled
          yield { file, outcome, prepared }
        }
      } catch (err) {
        // a read error in the middle of a streamed file: what was read stands, the file says why it stopped
        file.error = fsErrorReason(err)
      }
    }
    yield { file, end: true }
  }
}

/**
 * Ingests sources in a pipeline: reading and parsing here, extraction on the extractor (which
 * may be worker threads) a window ahead, and writes in transactions of `batchSize` articles.
 * Yields each file's outcome, in order, once all its records are stored.
 */
export async function* ingestSources(
  prisma: PrismaClient,
  sources: AsyncIterable<Source> | Iterable<Source>,
  opts: IngestOptions = {},
): AsyncGenerator<FileOutcome> {
  const batchSize = opts.batchSize ?? 64
  const extractor = opts.extractor ?? inProcessExtractor
  const pending = units(sources, extractor, await knownContent(prisma, opts.knownContent ?? 'preload'), opts.fetchLinked ?? null)
  const window: Unit[] = []
  let exhausted = false
  const fill = async () => {
    while (!exhausted && window.length < batchSize * 2) {
      const next = await pending.next()
      if (next.done) exhausted = true
      else window.push(next.value)
    }
  }

  let batch: { article: PreparedArticle; outcome: RecordOutcome }[] = []
  let ended: OpenFile[] = []
  let open: OpenFile | null = null
  const flush = async function* () {
    const results = await storeBatch(
      prisma,
      batch.map((b) => b.article),
    )
    results.forEach((r, i) => {
      const outcome = batch[i]!.outcome
      outcome.status = r.status
      outcome.id = r.id
      if (r.status === 'failed') outcome.reason = r.reason
    })
    batch = []
    for (const file of ended) {
      if (file.error) file.records.push({ where: '', status: 'failed', reason: file.error })
      else if (file.records.length === 0) file.records.push({ where: '', status: 'failed', reason: 'no records' })
      yield { source: file.source, status: fileStatus(file.records), records: file.records }
    }
    ended = []
  }

  for (;;) {
    if (opts.signal?.aborted) break
    await fill()
    const unit = window.shift()
    if (!unit) break
    if ('end' in unit) {
      ended.push(unit.file)
      open = null
    } else {
      open = unit.file
      unit.file.records.push(unit.outcome)
      if ('prepared' in unit) {
        try {
          batch.push({ article: await unit.prepared, outcome: unit.outcome })
        } catch (err) {
          Object.assign(unit.outcome, { status: 'failed', reason: `extraction failed: ${errorSummary(err)}` })
        }
      }
    }
    if (batch.length >= batchSize) yield* flush()
  }
  yield* flush()
  // what the run's articles tell about one-word names elsewhere; a run cut short leaves it to the next
  if (!opts.signal?.aborted) await settleBacklog(prisma)
  if (open && open.records.length > 0) {
    // interrupted inside a file: what of it is stored is reported; the rest comes on the next run
    yield { source: open.source, status: fileStatus(open.records), records: open.records, interrupted: true }
  }
  await pending.return(undefined)
}

/** Ingests every file under `paths`, yielding each file's outcome as it is done. */
export function ingestPaths(prisma: PrismaClient, paths: string[], opts: IngestOptions = {}): AsyncGenerator<FileOutcome> {
  return ingestSources(prisma, walkSources(paths, opts.extensions), opts)
}

/** Counts file outcomes as they come, without keeping them. */
export function tally() {
  const articles = { ingested: 0, updated: 0, unchanged: 0, failed: 0 }
  let files = 0
  let failedFiles = 0
  return {
    add(o: FileOutcome) {
      files++
      if (o.status === 'failed' || o.status === 'partial') failedFiles++
      for (const r of o.records) articles[r.status]++
    },
    summary: (seconds: number): IngestSummary => ({ files, articles: { ...articles }, failedFiles, seconds }),
  }
}

/**
 * Stores new extractions of stored articles in place of their old ones, with the current
 * extractor's version, and links their people, inside the caller's transaction.
 */
export async function writeReextracted(
  tx: Prisma.TransactionClient,
  extracted: { article: StoredArticle; extraction: StoredExtraction }[],
) {
  const { previousKeys } = await writeExtractions(tx, extracted, { replace: true })
  await tx.article.updateMany({
    where: { seq: { in: extracted.map((d) => d.article.seq) } },
    data: { extractorVersion: EXTRACTOR_VERSION },
  })
  await relinkArticles(
    tx,
    extracted.map((d) => d.article.seq),
    previousKeys,
  )
}

/** Re-runs extraction over stored articles (all, or those extracted by another version), a batch per transaction. */
export async function reextractAll(
  prisma: PrismaClient,
  opts: { all: boolean; extractor?: Extractor; signal?: AbortSignal; onFailure?: (id: string, reason: string) => void },
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const extractor = opts.extractor ?? inProcessExtractor
  const where = opts.all ? {} : { extractorVersion: { not: EXTRACTOR_VERSION } }
  const total = await prisma.article.count({ where })
  let done = 0
  let cursor = 0
  while (!opts.signal?.aborted) {
    const batch = await prisma.article.findMany({
      where: { ...where, seq: { gt: cursor } },
      orderBy: { seq: 'asc' },
      take: 100,
      select: { seq: true, id: true, title: true, body: true, publishedAt: true, listedAt: true },
    })
    if (batch.length === 0) break
    // an article whose extraction fails (over its time budget, say) keeps its stored extraction and version
    const settled = await Promise.allSettled(batch.map((a) => extractor.extract({ title: a.title, body: a.body })))
    const extracted = batch.flatMap((article, i) => {
      const r = settled[i]!
      if (r.status === 'fulfilled') return [{ article, extraction: r.value }]
      opts.onFailure?.(article.id, `extraction failed: ${errorSummary(r.reason)}`)
      return []
    })
    await inWriteTransaction(prisma, (tx) => writeReextracted(tx, extracted), { timeout: 120_000, maxWait: 60_000 })
    done += extracted.length
    onProgress?.(done, total)
    cursor = batch.at(-1)!.seq
  }
  if (!opts.signal?.aborted) await settleBacklog(prisma)
  return done
}
