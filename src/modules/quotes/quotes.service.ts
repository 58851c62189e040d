import { NotFoundError } from '../../errors.js'
import { cursorKey, decodeCursor, emptyPage, paginate, totalOf } from '../../shared/pagination.js'
import type { ReadStore } from '../../db/read-store.js'
import { snippetsOf } from '../../search/snippets.js'
import { dateRange, ftsQuery } from '../../shared/params.js'
import type { PeopleRepository } from '../people/people.repository.js'
import { toQuote } from './quotes.mapper.js'
import type { QuoteFilter, QuoteRepository, QuoteRow, QuoteSort, Speaker } from './quotes.repository.js'
import { EXPORT_BATCH, keysetBatches } from '../../shared/export.js'
import type { Quote, QuoteExportQuery, QuoteList, QuoteListQuery, QuoteVisibility } from './quotes.schema.js'
import type { QuoteDecisionService } from './quote-decisions.service.js'

type Fixed = { speaker?: Speaker; organization?: string }

const sortKey = (sort: QuoteSort, r: QuoteRow): [string | number, number] => [sort === 'confidence' ? r.confidence : r.listedAt, r.seq]

export const createQuoteService = ({
  repo,
  people,
  db,
  totalCap,
  decisions,
  minConfidence,
}: {
  repo: QuoteRepository
  people: PeopleRepository
  db: ReadStore
  totalCap: number
  /** Editors' decisions: a quote rejected as not a quote is a 410, not a 404. */
  decisions?: Pick<QuoteDecisionService, 'refuseRejected'>
  /** What lists hide below unless the query says otherwise (QUOTE_MIN_CONFIDENCE). */
  minConfidence: number
}) => {
  /** What a list shows: the query's choices, else the defaults (unresolved speakers hidden unless their type is asked for). */
  const visibility = (query: Pick<QuoteListQuery, 'minConfidence' | 'unresolved' | 'speakerType'>): QuoteVisibility => ({
    minConfidence: query.minConfidence ?? minConfidence,
    unresolved: query.unresolved ?? (query.speakerType === 'unknown' ? 'include' : 'exclude'),
  })
  /** A list's filter from its query; null when it names a speaker who is nowhere (nothing can match). */
  const filterOf = async (
    query: Omit<QuoteListQuery, 'limit' | 'cursor'>,
    fixed: Fixed,
  ): Promise<Omit<QuoteFilter, 'sort' | 'after' | 'limit'> | null> => {
    let speaker = fixed.speaker
    if (query.speaker) {
      // a filter that names nobody matches nothing, like an unknown article id
      const person = await people.findByIdOrSlug(query.speaker)
      if (!person) return null
      speaker = person
    }
    const shown = visibility(query)
    return {
      fts: query.q === undefined ? undefined : ftsQuery(query.q),
      speaker,
      organization: fixed.organization,
      speakerType: query.speakerType,
      articleId: query.article,
      kind: query.kind,
      minConfidence: shown.minConfidence > 0 ? shown.minConfidence : undefined,
      resolvedOnly: shown.unresolved === 'exclude',
      ...dateRange(query.from, query.to),
    }
  }
  return {
    async get(id: string): Promise<Quote> {
      const row = await repo.findById(id)
      if (!row) {
        await decisions?.refuseRejected(id)
        throw new NotFoundError(`quote '${id}' not found`)
      }
      return toQuote(row)
    },

    /** Quotes newest first (or oldest, or most confident), filtered; `speaker` is a person id or slug. */
    async list(query: QuoteListQuery, fixed: Fixed = {}): Promise<QuoteList> {
      const sort = query.sort ?? 'newest'
      const cursorKind = sort === 'newest' ? 'quotes' : `quotes:${sort}`
      const after = decodeCursor(query.cursor, cursorKind, [sort === 'confidence' ? cursorKey.score : cursorKey.instant, cursorKey.seq])
      const base = await filterOf(query, fixed)
      const shown = visibility(query)
      if (!base) return { ...emptyPage(query.limit), shown }
      const filter: QuoteFilter = {
        ...base,
        sort,
        after,
        limit: query.limit,
      }
      const rows = await repo.list(filter)
      const total = totalOf(await repo.count(filter, totalCap), totalCap)
      const page = paginate(rows, query.limit, cursorKind, (r) => sortKey(sort, r), total)
      const snippets = filter.fts
        ? await snippetsOf(
            db,
            'Quote',
            filter.fts,
            page.data.map((r) => r.seq),
          )
        : null
      return {
        data: page.data.map((r) => (snippets?.has(r.seq) ? { ...toQuote(r), snippet: snippets.get(r.seq)! } : toQuote(r))),
        page: page.page,
        shown,
      }
    },

    /** Every quote the filter matches, in batches, in the list's order; the filter is checked before anything is read. */
    async export(query: QuoteExportQuery, fixed: Fixed = {}): Promise<AsyncIterable<Quote[]>> {
      const base = await filterOf(query, fixed)
      const sort = query.sort ?? 'newest'
      return (async function* () {
        if (!base) return
        const batches = keysetBatches(
          (after: [string | number, number] | null) => repo.list({ ...base, sort, after, limit: EXPORT_BATCH }),
          (r) => sortKey(sort, r),
        )
        for await (const rows of batches) yield rows.map(toQuote)
      })()
    },
  }
}
export type QuoteService = ReturnType<typeof createQuoteService>
