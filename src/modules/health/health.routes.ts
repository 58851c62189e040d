import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { WriterState } from '../../ingest/write.js'
import type { IntegrityState } from '../../db/sqlite/integrity.js'

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded', 'error', 'overloaded']),
    database: z
      .enum(['ok', 'damaged', 'error'])
      .describe("'damaged' when the check of the file at start found damage (status degraded: reads that avoid it go on)"),
    writer: z
      .enum(['ok', 'stuck', 'disk full', 'read-only', 'I/O error', 'corrupt'])
      .nullable()
      .optional()
      .describe(
        "The write API's writer (null without API keys): 'stuck' when a write has run far too long (status error, 503); the kind of storage fault that refused the last write until one succeeds (status degraded: reads go on)",
      ),
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

export const healthRoutes: FastifyPluginAsyncZod<{
  writer?: { state(): WriterState }
  integrity?: { state(): IntegrityState }
}> = async (app, { writer, integrity }) => {
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
          'For load balancers and orchestrators: never rate limited and never cached. 503 when the database is unreachable, the writer is stuck or the server is shedding load; `degraded` (200) when the last write was refused by the storage (disk full, read-only or damaged file) while reads go on.',
        response: { 200: Health, 503: Health },
      },
    },
    async (_req, reply) => {
      const uptimeSeconds = Math.round(process.uptime())
      try {
        const articles = await articleCount()
        const writing = writer?.state() ?? null
        const database = integrity?.state() === 'damaged' ? ('damaged' as const) : ('ok' as const)
        if (writing === 'stuck') {
          app.log.error('health check: a write has run for too long; the writer is stuck')
          return reply.code(503).send({ status: 'error', database, writer: writing, articles, uptimeSeconds })
        }
        const healthy = (writing === null || writing === 'ok') && database === 'ok'
        return { status: healthy ? ('ok' as const) : ('degraded' as const), database, writer: writing, articles, uptimeSeconds }
      } catch (err) {
        app.log.error({ err }, 'health check: database unavailable')
        return reply.code(503).send({ status: 'error', database: 'error', writer: writer?.state() ?? null, articles: null, uptimeSeconds })
      }
    },
  )
}
