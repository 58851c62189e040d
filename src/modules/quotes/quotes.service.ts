import { NotFoundError, BadRequestError } from '../../errors.js'
import { decodeCursor, emptyPage, paginate } from '../../shared/pagination.js'
import { dateRange, ftsQuery } from '../../shared/params.js'
import type { PeopleRepository } from '../people/people.repository.js'
import { toQuote } from './quotes.mapper.js'
import type { QuoteRepository, Speaker } from './quotes.repository.js'
import type { Quote, QuoteList, QuoteListQuery } from './quotes.schema.js'

export const createQuoteService = ({ repo, people }: { repo: QuoteRepository; people: PeopleRepository }) => ({
  async get(id: string): Promise<Quote> {
    const row = repo.findById(id)
    if (!row) throw new NotFoundError(`quote '${id}' not found`)
    return toQuote(row)
  },

  /** Quotes newest first, filtered; `speaker` is a person id or slug. */
  async list(query: QuoteListQuery, fixed: { speaker?: Speaker } = {}): Promise<QuoteList> {
    const fts = query.q === undefined ? undefined : ftsQuery(query.q)
    if (fts === null) throw new BadRequestError("'q' must contain at least one letter or digit", { in: 'query', name: 'q' })
    const after = decodeCursor(query.cursor, 'quotes')
    const range = dateRange(query.from, query.to)
    let speaker = fixed.speaker
    if (query.speaker) {
      // a filter that names nobody matches nothing, like an unknown article id
      const person = people.findByIdOrSlug(query.speaker)
      if (!person) return emptyPage(query.limit)
      speaker = person
    }
    const rows = repo.list({
      fts,
      speaker,
      articleId: query.article,
      kind: query.kind,
      minConfidence: query.minConfidence,
      ...range,
      after: after ? [String(after[0]), Number(after[1])] : null,
      limit: query.limit,
    })
    const page = paginate(rows, query.limit, 'quotes', (r) => [r.listedAt, r.seq])
    return { data: page.data.map(toQuote), page: page.page }
  },
})
export type QuoteService = ReturnType<typeof createQuoteService>
