import { AppError } from '../../errors.js'
import { cursorKey, decodeCursor, paginate, totalOf } from '../../shared/pagination.js'
import { isoOrNull } from '../../shared/params.js'
import type { QuoteDecisionRepository, QuoteDecisionRow } from './quote-decisions.repository.js'
import type { QuoteDecision, QuoteDecisionList, QuoteDecisionListQuery } from './quote-decisions.schema.js'

/** Database row -> API QuoteDecision. */
export function toQuoteDecision(r: QuoteDecisionRow): QuoteDecision {
  return {
    seq: Number(r.seq),
    kind: r.kind as QuoteDecision['kind'],
    quote: { id: r.quoteId, article: { id: r.articleId }, start: Number(r.contentStart), end: Number(r.contentEnd), content: r.content },
    speaker:
      r.kind === 'reject'
        ? null
        : {
            person: r.personId ? { id: r.personId, slug: r.personSlug!, name: r.personName! } : null,
            organization: r.speakerKey ? { slug: r.speakerKey, name: r.speakerName ?? r.speakerKey } : null,
          },
    note: r.note,
    createdAt: isoOrNull(r.createdAt)!,
  }
}

/** The answer to a quote an editor rejected: 410, naming the decision that can bring it back. */
export const rejectedQuote = (id: string, seq: number) =>
  new AppError(410, `quote '${id}' was rejected as not a quote by decision ${seq} (DELETE /quotes/decisions/${seq} restores it)`)

export const createQuoteDecisionService = ({ repo, totalCap }: { repo: QuoteDecisionRepository; totalCap: number }) => ({
  /** The stored decisions, newest first. */
  async list(query: QuoteDecisionListQuery): Promise<QuoteDecisionList> {
    const after = decodeCursor(query.cursor, 'quote-decisions', [cursorKey.seq, cursorKey.seq])
    const rows = await repo.list(after ? after[1] : null, query.limit)
    const page = paginate(
      rows,
      query.limit,
      'quote-decisions',
      (r) => [Number(r.seq), Number(r.seq)],
      totalOf(await repo.count(), totalCap),
    )
    return { data: page.data.map(toQuoteDecision), page: page.page }
  },

  /** Throws the 410 for a quote an editor rejected; returns when none did. */
  async refuseRejected(id: string): Promise<void> {
    const seq = await repo.rejectionOf(id)
    if (seq !== null) throw rejectedQuote(id, seq)
  },
})
export type QuoteDecisionService = ReturnType<typeof createQuoteDecisionService>
