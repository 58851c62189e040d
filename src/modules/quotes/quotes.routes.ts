import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ProblemDetails } from '../../errors.js'
import { NoQuery } from '../../shared/params.js'
import { EXPORT_DESCRIPTION, EXPORT_TYPES, exportResponse, exportStream, formatOf, sendExport } from '../../shared/export.js'
import { QUOTE_CSV, Quote, QuoteExportQuery, QuoteList, QuoteListQuery, QuoteParams } from './quotes.schema.js'

export const quoteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { quotes } = app.services
  app.get(
    '/',
    {
      schema: {
        tags: ['quotes'],
        operationId: 'listQuotes',
        summary: 'List quotes, newest first',
        description:
          'Direct and reported speech across all articles. Filters combine; a filter that names nothing answers an empty page. By default the list hides what is unsure: quotes below the confidence QUOTE_MIN_CONFIDENCE and quotes whose speaker is unresolved (`shown` says what was left out); `minConfidence=0&unresolved=include` lists everything.',
        querystring: QuoteListQuery,
        response: { 200: QuoteList, 400: ProblemDetails },
      },
    },
    (req) => quotes.list(req.query),
  )
  app.get(
    '/export',
    {
      schema: {
        tags: ['quotes'],
        operationId: 'exportQuotes',
        summary: 'Every quote of a filter, as CSV or JSON Lines',
        description: `${EXPORT_DESCRIPTION('quote', '`GET /quotes`')} Like the list, an export leaves out unsure quotes unless asked: \`minConfidence=0&unresolved=include\` exports every quote.`,
        querystring: QuoteExportQuery,
        response: { 200: exportResponse('The quotes, one per line or row'), 400: ProblemDetails },
      },
      config: { produces: EXPORT_TYPES, responseCache: false },
    },
    async (req, reply) => {
      const format = formatOf(req)
      sendExport(reply, 'quotes', format, exportStream(await quotes.export(req.query), format, QUOTE_CSV, app.shuttingDown))
      return reply
    },
  )
  app.get(
    '/:id',
    {
      schema: {
        tags: ['quotes'],
        operationId: 'getQuote',
        summary: 'One quote with speaker, cue, offsets and sentence',
        description:
          "The quote as an exact substring of its article body, its parts when it runs over its attribution, the speaker (person, organisation, group or unknown) and who relayed it, and an editor's correction if one was made. A quote an editor rejected as not a quote is a 410 naming the decision.",
        params: QuoteParams,
        querystring: NoQuery,
        response: { 200: Quote, 400: ProblemDetails, 404: ProblemDetails, 410: ProblemDetails },
      },
    },
    (req) => quotes.get(req.params.id),
  )
}
