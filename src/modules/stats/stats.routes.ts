import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ProblemDetails } from '../../errors.js'
import { NoQuery } from '../../shared/params.js'
import { Stats } from './stats.schema.js'

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
}
