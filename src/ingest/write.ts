import type { PrismaClient } from '../db/prisma.js'
import { insertRows } from '../db/sql.js'
import { inWriteTransaction } from '../db/writer.js'
import { storageFaultOf, type StorageFaultKind } from '../db/storage-fault.js'
import type { Extractor } from './extractor.js'
import { ingestSources, type RecordOutcome } from './ingest.js'
import type { RecordResult } from './parse.js'
import { settleBacklog } from './relink.js'
import { refreshPeople } from './people-counts.js'
import { correctQuote, revokeQuoteDecision, type QuoteCorrection } from './quote-corrections.js'

/**
 * Writes that arrive one request at a time (the write API, `newsdesk delete`): records given in
 * memory go through the same pipeline as files (parse outcome, content identity, extraction,
 * transaction, identity), and deletions take their people's counters and identity with them.
 * Writes of one writer run one after another, so two requests with the same new content cannot
 * both try to store it.
 */
export function createArticleWriter(prisma: PrismaClient, extractor: Extractor, opts: { stuckAfterMs?: number } = {}) {
  const stuckAfterMs = opts.stuckAfterMs ?? 180_000
  let queue: Promise<unknown> = Promise.resolve()
  let waiting = 0
  let runningSince: number | null = null
  let lastFault: StorageFaultKind | null = null
  const tracked = async <T>(write: () => Promise<T>): Promise<T> => {
    runningSince = Date.now()
    try {
      const result = await write()
      lastFault = null
      return result
    } catch (err) {
      lastFault = storageFaultOf(err)?.kind ?? lastFault
      throw err
    } finally {
      runningSince = null
    }
  }
  const serially = <T>(write: () => Promise<T>): Promise<T> => {
    waiting++
    const run = queue.then(
      () => tracked(write),
      () => tracked(write),
    )
    run.finally(() => waiting--).catch(() => {})
    queue = run.catch(() => {})
    return run
  }

  return {
    /** Writes queued or running: a caller refuses new ones past its bound instead of holding their bodies without limit. */
    waiting: () => waiting,

    /**
     * What /health says of writing: 'stuck' when a write has run past `stuckAfterMs` (no write
     * behind it can start), the kind of storage fault that refused the last write (until one succeeds), else 'ok'.
     */
    state: (now = Date.now()): WriterState => (runningSince !== null && now - runningSince > stuckAfterMs ? 'stuck' : (lastFault ?? 'ok')),

    /** Stores the records (parsed already, failures included) and answers one outcome per record, in order. */
    ingest: (name: string, records: RecordResult[]): Promise<RecordOutcome[]> =>
      serially(async () => {
        const outcomes: RecordOutcome[] = []
        const source = { path: name, records: () => records, sourcePath: null }
        for await (const file of ingestSources(prisma, [source], { extractor, knownContent: 'lookup' })) {
          // a source without any record gets one failure naming it; records map one to one otherwise
          if (records.length > 0) outcomes.push(...file.records)
        }
        return outcomes
      }),

    /**
     * Removes an article with its people's mentions, entities and quotes, recounts those people
     * (someone left without an article goes), and resolves again the one-word names that shared
     * its keys. Returns false when there is no such article.
     */
    delete: (id: string): Promise<boolean> =>
      serially(async () => {
        const article = await prisma.article.findUnique({ where: { id }, select: { seq: true } })
        if (!article) return false
        const articleSeq = article.seq
        const deleted = await inWriteTransaction(prisma, async (tx) => {
          const [people, speakers, entities] = await Promise.all([
            tx.articlePerson.findMany({ where: { articleSeq }, select: { personId: true } }),
            tx.quote.findMany({ where: { articleSeq, personId: { not: null } }, select: { personId: true } }),
            tx.articleEntity.findMany({ where: { articleSeq }, select: { surnameKey: true, givenKey: true } }),
          ])
          const keys = [...new Set(entities.flatMap((e) => [e.surnameKey, e.givenKey]).filter((k): k is string => !!k))]
          await insertRows(
            tx,
            'IdentityBacklog',
            ['key'],
            keys.map((key) => ({ key })),
            'ignore',
          )
          // another writer (PostgreSQL) may have deleted it since it was found
          if ((await tx.article.deleteMany({ where: { seq: articleSeq } })).count === 0) return false
          await refreshPeople(tx, [...new Set([...people, ...speakers].map((p) => p.personId!))])
          return true
        })
        if (deleted) await settleBacklog(prisma)
        return deleted
      }),

    /** An editor's correction of one quote (quote-corrections.ts), in turn with the other writes. */
    correctQuote: (c: QuoteCorrection) => serially(() => correctQuote(prisma, c)),

    /** Revokes quote decision `seq` and extracts its article again; null when there is no such decision. */
    revokeQuoteDecision: (seq: number) => serially(() => revokeQuoteDecision(prisma, seq, extractor)),
  }
}
export type ArticleWriter = ReturnType<typeof createArticleWriter>
export type WriterState = 'ok' | 'stuck' | StorageFaultKind
