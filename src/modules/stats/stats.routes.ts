import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ProblemDetails } from '../../errors.js'
import { NoQuery } from '../../shared/params.js'
import { SourceStats, SourcesQuery, Stats } from './stats.schema.js'

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { stats } = app.services
  app.get(
    '/stats',
    {
      schema: {
        tags: ['stats'],
        operationId: 'getStats',
        summary: 'What the database holds',
        description:
          'Totals of articles (dated and undated, the dates covered), people, organisations and quotes (by kind and by speaker type), and articles per section and per agency. For counts under a filter, see `GET /articles/facets`.',
        querystring: NoQuery,
        response: { 200: Stats, 400: ProblemDetails },
      },
    },
    () => stats.get(),
  )
  app.get(
    '/stats/sources',
    {
      schema: {
        tags: ['stats'],
        operationId: 'getSourceStats',
        summary: 'Who is quoted, by how the articles refer to them',
        description:
          'Distinct quoted people (at least one quote attributed to a known person) and their quotes, by the pronoun the articles use for the person (`referredAs` on `GET /people/{idOrSlug}`): she, he, they and unknown, each with its count and share. Unknown is shown, not hidden: a person is never classified from a surname. Overall, and with `by` per section, month (UTC, of publication) or outlet (agency or source); `from`, `to` and `section` filter the articles.',
        querystring: SourcesQuery,
        response: { 200: SourceStats, 400: ProblemDetails },
      },
    },
    (req) => stats.sources(req.query),
  )
}
