import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ProblemDetails } from '../../errors.js'
import { Quote, QuoteList, QuoteListQuery, QuoteParams } from './quotes.schema.js'

export const quoteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { quotes } = app.services
  app.get('/', {
    schema: { tags: ['quotes'], summary: 'List quotes, newest first', querystring: QuoteListQuery, response: { 200: QuoteList, 400: ProblemDetails, 404: ProblemDetails } },
  }, (req) => quotes.list(req.query))
  app.get('/:id', {
    schema: { tags: ['quotes'], summary: 'One quote with speaker, cue, offsets and sentence', params: QuoteParams, response: { 200: Quote, 404: ProblemDetails } },
  }, (req) => quotes.get(req.params.id))
}
