import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'

export const Health = z.object({
  status: z.enum(['ok', 'error', 'overloaded']),
  database: z.enum(['ok', 'error']),
  articles: z.number().int().nullable(),
  uptimeSeconds: z.number(),
}).meta({ id: 'Health' })

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    config: { responseCache: false },
    schema: { tags: ['health'], summary: 'Liveness and database check', response: { 200: Health, 503: Health } },
  }, async (_req, reply) => {
    const uptimeSeconds = Math.round(process.uptime())
    try {
      const articles = await app.prisma.article.count()
      return { status: 'ok' as const, database: 'ok' as const, articles, uptimeSeconds }
    } catch (err) {
      app.log.error({ err }, 'health check: database unavailable')
      return reply.code(503).send({ status: 'error', database: 'error', articles: null, uptimeSeconds })
    }
  })
}
