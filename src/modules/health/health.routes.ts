import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'

export const Health = z
  .object({
    status: z.enum(['ok', 'error', 'overloaded']),
    database: z.enum(['ok', 'error']),
    articles: z
      .number()
      .int()
      .min(0)
      .nullable()
      .meta({ examples: [1] }),
    uptimeSeconds: z
      .number()
      .int()
      .min(0)
      .meta({ examples: [5] }),
  })
  .meta({ id: 'Health' })

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  // counting 100k articles takes milliseconds and a health check is polled: count again only after a commit
  let counted: { version: number; articles: number } | null = null
  const articleCount = async () => {
    const version = app.readStore.dataVersion()
    if (counted?.version !== version) {
      const row = await app.readStore.get<{ n: number }>('SELECT count(*) AS "n" FROM "Article"')
      counted = { version, articles: row?.n ?? 0 }
    }
    return counted.articles
  }
  app.get(
    '/health',
    {
      config: { responseCache: false },
      schema: {
        tags: ['health'],
        operationId: 'getHealth',
        summary: 'Liveness and database check',
        description:
          'For load balancers and orchestrators: never rate limited and never cached. 503 when the database is unreachable or the server is shedding load.',
        response: { 200: Health, 503: Health },
      },
    },
    async (_req, reply) => {
      const uptimeSeconds = Math.round(process.uptime())
      try {
        const articles = await articleCount()
        return { status: 'ok' as const, database: 'ok' as const, articles, uptimeSeconds }
      } catch (err) {
        app.log.error({ err }, 'health check: database unavailable')
        return reply.code(503).send({ status: 'error', database: 'error', articles: null, uptimeSeconds })
      }
    },
  )
}
