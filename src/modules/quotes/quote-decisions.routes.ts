import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../config.js'
import { NotFoundError, ProblemDetails } from '../../errors.js'
import type { QuoteCorrection } from '../../ingest/quote-corrections.js'
import type { ArticleWriter } from '../../ingest/write.js'
import { NoQuery } from '../../shared/params.js'
import { guardWrites, writeRateLimit } from '../articles/articles.write.routes.js'
import { QuoteCorrectionBody, QuoteDecisionList, QuoteDecisionListQuery, QuoteDecisionParams } from './quote-decisions.schema.js'
import { rejectedQuote } from './quote-decisions.service.js'
import { Quote, QuoteParams } from './quotes.schema.js'

export interface QuoteDecisionRoutesOptions {
  config: Config
  writer: ArticleWriter
  /** Whether the rate-limit plugin is registered (a route-level limit needs it). */
  rateLimited: boolean
}

const correctionOf = (quote: string, body: QuoteCorrectionBody): QuoteCorrection =>
  body.speaker === undefined
    ? { quote, kind: 'reject', note: body.note }
    : body.speaker.person !== undefined
      ? { quote, kind: 'reassign', person: body.speaker.person, note: body.note }
      : { quote, kind: 'reassign', organization: body.speaker.organization!, note: body.note }

/**
 * Editors' corrections of single quotes, registered with the write API (API keys configured):
 * PATCH /quotes/:id gives a quote another speaker or rejects it, GET /quotes/decisions lists the
 * decisions, DELETE /quotes/decisions/:seq revokes one. Every request needs a key.
 */
export const quoteDecisionRoutes: FastifyPluginAsyncZod<QuoteDecisionRoutesOptions> = async (app, { config, writer, rateLimited }) => {
  const { quotes, quoteDecisions } = app.services
  guardWrites(app, config, writer)
  // never from the response cache, which answers before the key is checked
  const rateLimit = writeRateLimit(config, rateLimited)
  const security = [{ bearerAuth: [] }]

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['quotes'],
        operationId: 'correctQuote',
        summary: 'Correct one quote: its speaker, or not a quote (needs an API key)',
        description:
          '`{"speaker": {"person": "<slug or id>"}}` or `{"speaker": {"organization": "<slug>"}}` gives the quote that speaker; `{"notAQuote": true}` rejects it: it leaves every list and count, and `GET /quotes/{id}` answers 410. `note` keeps the reason. The correction is stored as a decision (see `GET /quotes/decisions`), applied again whenever the article is re-ingested or re-extracted (to the quote whose span overlaps the decided one by at least half of the shorter, or whose text is the same), and follows a person through merges and renames. A quote corrected again has its earlier decision replaced. The answer is the quote as corrected (a rejected one as it was), with `correction`; 404 for an unknown quote, person or organisation.',
        security,
        params: QuoteParams,
        querystring: NoQuery,
        body: QuoteCorrectionBody,
        response: {
          200: Quote,
          400: ProblemDetails,
          401: ProblemDetails,
          404: ProblemDetails,
          410: ProblemDetails,
          415: ProblemDetails,
        },
      },
      config: { responseCache: false, ...rateLimit },
    },
    async (req) => {
      const before = await quotes.get(req.params.id)
      const outcome = await writer.correctQuote(correctionOf(req.params.id, req.body))
      switch (outcome.status) {
        case 'no-quote':
          throw new NotFoundError(`quote '${req.params.id}' not found`)
        case 'rejected':
          throw rejectedQuote(req.params.id, outcome.decision)
        case 'no-person':
          throw new NotFoundError(`no person '${req.body.speaker?.person}'`)
        case 'no-organization':
          throw new NotFoundError(`no organisation '${req.body.speaker?.organization}'`)
      }
      await app.readStore.catchUp()
      const { decision } = outcome
      if (decision.kind === 'reassign') return quotes.get(req.params.id)
      const correction = {
        decision: decision.seq,
        kind: 'reject' as const,
        createdAt: decision.createdAt.toISOString(),
        note: decision.note,
      }
      return { ...before, correction }
    },
  )

  app.get(
    '/decisions',
    {
      schema: {
        tags: ['quotes'],
        operationId: 'listQuoteDecisions',
        summary: "Editors' quote decisions, newest first (needs an API key)",
        description:
          'Every stored correction of a quote: what it says (reassign to a person or organisation, or reject), the quote it was made on and the one it applies to now, the note and when. Paginated like the other lists.',
        security,
        querystring: QuoteDecisionListQuery,
        response: { 200: QuoteDecisionList, 400: ProblemDetails, 401: ProblemDetails },
      },
      config: { responseCache: false, ...rateLimit },
    },
    (req) => quoteDecisions.list(req.query),
  )

  app.delete(
    '/decisions/:seq',
    {
      schema: {
        tags: ['quotes'],
        operationId: 'revokeQuoteDecision',
        summary: 'Revoke a quote decision (needs an API key)',
        description:
          'The decision is removed and its article extracted again, so the quote is back as extraction gives it: its extracted speaker, or, after a rejection, the quote itself in lists and counts. 204 with no body; 404 if there is no such decision.',
        security,
        params: QuoteDecisionParams,
        response: { 204: z.null().describe('Revoked'), 400: ProblemDetails, 401: ProblemDetails, 404: ProblemDetails },
      },
      config: { responseCache: false, ...rateLimit },
    },
    async (req, reply) => {
      if (!(await writer.revokeQuoteDecision(req.params.seq))) throw new NotFoundError(`no quote decision ${req.params.seq}`)
      await app.readStore.catchUp()
      return reply.code(204).send(null)
    },
  )
}
