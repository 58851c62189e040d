import compress from '@fastify/compress'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import underPressure from '@fastify/under-pressure'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Config } from './config.js'
import { problem } from './errors.js'
import type { PrismaClient } from './db/prisma.js'
import type { ReadStore } from './db/read-store.js'
import type { IntegrityState } from './db/sqlite/integrity.js'
import { articleRoutes } from './modules/articles/articles.routes.js'
import { healthRoutes } from './modules/health/health.routes.js'
import { peopleRoutes } from './modules/people/people.routes.js'
import { inProcess, workerExtractor } from './ingest/extractor.js'
import { createArticleWriter, type ArticleWriter } from './ingest/write.js'
import { articleWriteRoutes } from './modules/articles/articles.write.routes.js'
import { organizationRoutes } from './modules/organizations/organizations.routes.js'
import { statsRoutes } from './modules/stats/stats.routes.js'
import { quoteRoutes } from './modules/quotes/quotes.routes.js'
import { quoteDecisionRoutes } from './modules/quotes/quote-decisions.routes.js'
import { readerRoutes } from './reader/reader.routes.js'
import { redactUrl, refuseKeysInQuery } from './plugins/api-keys.js'
import { errorHandlerPlugin } from './plugins/error-handler.js'
import { MAX_PARAM_LENGTH, answerFrameworkError, refuseIncompleteRequests } from './plugins/framework-errors.js'
import { responseCachePlugin } from './plugins/response-cache.js'
import { strictRequestsPlugin } from './plugins/strict-requests.js'
import { securityHeadersPlugin } from './plugins/security-headers.js'
import { validatingSerializerCompiler, zodJsonSerializerCompiler } from './plugins/serializer.js'
import { servicesPlugin } from './plugins/services.js'
import { swaggerPlugin } from './plugins/swagger.js'

export interface AppDeps {
  config: Config
  /** The writer, needed only for the write API (when API keys are configured): reads never go through Prisma. */
  prisma?: PrismaClient
  /** Every read of the API (see read-store.ts). */
  readStore: ReadStore
  /** The check of the database file started with the server (SQLite), which /health reports. */
  integrity?: { state(): IntegrityState }
  /** Where the logs go instead of standard output (tests read them). */
  logStream?: { write(line: string): void }
}

function loggerOptions(config: AppDeps['config'], stream: AppDeps['logStream']) {
  if (config.LOG_LEVEL === 'silent') return false
  // Fastify's request serialiser, with API keys (a key-like query parameter, or a configured key) redacted from the URL
  const serializers = {
    req: (req: FastifyRequest) => ({
      method: req.method,
      url: redactUrl(req.url, config.API_KEYS),
      host: req.host,
      remoteAddress: req.ip,
      remotePort: req.socket?.remotePort,
    }),
  }
  if (stream) return { level: config.LOG_LEVEL, serializers, stream }
  if (config.NODE_ENV === 'development') {
    return {
      level: config.LOG_LEVEL,
      serializers,
      transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } },
    }
  }
  return { level: config.LOG_LEVEL, serializers }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Aborted when the server starts to close. */
    shuttingDown: AbortSignal
  }
}

/** Builds the API without listening: tests, the OpenAPI script and the server share it. */
export async function buildApp({ config, prisma, readStore, integrity, logStream }: AppDeps): Promise<FastifyInstance> {
  const writable = config.API_KEYS.length > 0
  const app = Fastify({
    logger: loggerOptions(config, logStream),
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // the router's own refusals (too long a segment, broken percent-encoding) answer like every other error
    frameworkErrors: answerFrameworkError,
    // a request without Host reaches the app, which answers it with a problem instead of Node's empty 400
    http: { requireHostHeader: false },
    // behind a proxy, the client address (rate limit, logs) comes from X-Forwarded-For
    trustProxy: config.TRUST_PROXY,
    // requests Node's HTTP parser refuses (a URL or headers over 16 KB, a broken request line) still get a problem
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
      const title = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[status]
      const detail =
        status === 431
          ? 'the URL and headers together must stay under 16 KB'
          : status === 408
            ? 'the request took too long to arrive'
            : 'the request could not be parsed as HTTP'
      const body = JSON.stringify({ type: 'about:blank', title, status, detail })
      if (socket.writable)
        socket.end(
          `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        )
      else socket.destroy()
    },
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  // responses are checked against their schemas in development and tests; production only serialises
  app.setSerializerCompiler(config.NODE_ENV === 'production' ? zodJsonSerializerCompiler : validatingSerializerCompiler)

  await app.register(errorHandlerPlugin)
  // before CORS, which would refuse a preflight without Origin in plain text
  app.addHook('onRequest', refuseIncompleteRequests)
  // once closing, answers in flight end their connection, so a keep-alive client cannot hold the shutdown open
  let closing = false
  const shutdown = new AbortController()
  app.decorate('shuttingDown', shutdown.signal)
  app.addHook('preClose', async () => {
    closing = true
    // long answers (exports) end early with a line that says so
    shutdown.abort()
  })
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
  // security headers; a JSON API serves no scripts, so no content security policy here: /docs and the reader set their own
  await app.register(securityHeadersPlugin, { contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } })
  // CORS before the rate limit and load shedding: their 429 and 503 answers must be readable by a
  // browser app too, and a preflight is answered here without counting against the limit
  await app.register(cors, {
    origin: config.CORS_ORIGIN === '*' ? true : config.CORS_ORIGIN.split(',').map((o) => o.trim()),
    methods: writable ? ['GET', 'HEAD', 'OPTIONS', 'POST', 'PATCH', 'DELETE'] : ['GET', 'HEAD', 'OPTIONS'],
    exposedHeaders: ['ETag', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy', 'Retry-After'],
    maxAge: 86_400,
  })
  // after CORS, so that a browser app can read the refusal; before any limit, cache or route
  app.addHook('onRequest', refuseKeysInQuery)
  const rateLimited = config.RATE_LIMIT_MAX > 0 || (writable && config.WRITE_RATE_LIMIT_MAX > 0)
  if (rateLimited) {
    // per client IP; 429 problem+json through the error handler, with IETF RateLimit headers.
    // /health is polled by orchestrators and must never be refused for it.
    await app.register(rateLimit, {
      global: false,
      max: config.RATE_LIMIT_MAX,
      timeWindow: config.RATE_LIMIT_WINDOW,
      enableDraftSpec: true,
      allowList: (req) => req.url === '/health' || req.url.startsWith('/health?'),
    })
    // one instance-level hook rather than one per route: it runs before the response cache's lookup.
    // The plugin runs one limit per request, the first to see it: a route with a limit of its own
    // (the writes, per API key) is left to that limit, which this hook would otherwise pre-empt.
    if (config.RATE_LIMIT_MAX > 0) {
      const perClient = app.rateLimit()
      app.addHook('onRequest', async (req, reply) => {
        if (!req.routeOptions.config.rateLimit) await perClient.call(app, req, reply)
      })
    }
  }
  // shed load with 503 instead of queueing without bound; /health answers "overloaded"
  await app.register(underPressure, {
    maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes: config.MAX_HEAP_USED_BYTES,
    sampleInterval: config.PRESSURE_SAMPLE_INTERVAL_MS,
    pressureHandler: (req, reply, type) => {
      reply.header('retry-after', '10')
      if (req.url.split('?')[0] === '/health') {
        reply.code(503).send({ status: 'overloaded', database: 'ok', articles: null, uptimeSeconds: Math.round(process.uptime()) })
        return
      }
      reply
        .code(503)
        .type('application/problem+json')
        .send(problem(503, `the server is overloaded (${type}); retry later`, { instance: req.url.split('?')[0] }))
    },
  })
  // before the response cache, so a cached answer is still refused to a client that cannot take it
  await app.register(
    strictRequestsPlugin,
    writable ? { writes: { '/articles': ['POST'], '/articles/:id': ['DELETE'], '/quotes/:id': ['PATCH'] } } : {},
  )
  // before compression: the cache keeps plain JSON and compression applies per client
  await app.register(responseCachePlugin, { store: readStore, maxBytes: config.RESPONSE_CACHE_BYTES })
  await app.register(compress, { global: true, encodings: ['br', 'gzip', 'deflate'] })
  await app.register(swaggerPlugin, { writable })
  await app.register(servicesPlugin, {
    readStore,
    url: config.DATABASE_URL,
    search: { threads: config.SEARCH_THREADS, heavyMatches: config.SEARCH_HEAVY_MATCHES, maxQueue: config.SEARCH_QUEUE },
    totalCap: config.TOTAL_COUNT_CAP,
    quoteMinConfidence: config.QUOTE_MIN_CONFIDENCE,
    rankWindow: config.SEARCH_RANK_WINDOW,
  })

  let writer: ArticleWriter | undefined
  if (writable) {
    if (!prisma) throw new Error('the write API (API_KEYS) needs the Prisma writer')
    // written articles are extracted on worker threads, so a large request does not hold up reads
    const extractor = config.WRITE_EXTRACTION_THREADS > 0 ? workerExtractor(config.WRITE_EXTRACTION_THREADS) : inProcess()
    app.addHook('onClose', () => extractor.close())
    writer = createArticleWriter(prisma, extractor, { stuckAfterMs: config.WRITE_STUCK_AFTER_MS })
  }
  await app.register(healthRoutes, { writer, integrity })
  await app.register(articleRoutes, { prefix: '/articles' })
  await app.register(peopleRoutes, { prefix: '/people' })
  if (writer) await app.register(articleWriteRoutes, { prefix: '/articles', config, writer, rateLimited })
  await app.register(quoteRoutes, { prefix: '/quotes' })
  if (writer) await app.register(quoteDecisionRoutes, { prefix: '/quotes', config, writer, rateLimited })
  await app.register(readerRoutes, { prefix: '/read' })
  await app.register(organizationRoutes, { prefix: '/organizations' })
  await app.register(statsRoutes)
  return app
}
