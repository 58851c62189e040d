import compress from '@fastify/compress'
import cors from '@fastify/cors'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Config } from './config.js'
import type { PrismaClient } from './generated/prisma/client.js'
import { articleRoutes } from './modules/articles/articles.routes.js'
import { healthRoutes } from './modules/health/health.routes.js'
import { peopleRoutes } from './modules/people/people.routes.js'
import { quoteRoutes } from './modules/quotes/quotes.routes.js'
import { errorHandlerPlugin } from './plugins/error-handler.js'
import { servicesPlugin } from './plugins/services.js'
import { swaggerPlugin } from './plugins/swagger.js'

export interface AppDeps {
  config: Pick<Config, 'NODE_ENV' | 'LOG_LEVEL' | 'CORS_ORIGIN' | 'BODY_LIMIT_BYTES'>
  prisma: PrismaClient
}

function loggerOptions(config: AppDeps['config']) {
  if (config.LOG_LEVEL === 'silent') return false
  if (config.NODE_ENV === 'development') {
    return { level: config.LOG_LEVEL, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
  }
  return { level: config.LOG_LEVEL }
}

/** Builds the API without listening: tests, the OpenAPI script and the server share it. */
export async function buildApp({ config, prisma }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    bodyLimit: config.BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  await app.register(errorHandlerPlugin)
  await app.register(cors, { origin: config.CORS_ORIGIN === '*' ? true : config.CORS_ORIGIN.split(',').map((o) => o.trim()), methods: ['GET', 'HEAD', 'OPTIONS'] })
  await app.register(compress, { global: true, encodings: ['br', 'gzip', 'deflate'] })
  await app.register(swaggerPlugin)
  await app.register(servicesPlugin, { prisma })

  await app.register(healthRoutes)
  await app.register(articleRoutes, { prefix: '/articles' })
  await app.register(peopleRoutes, { prefix: '/people' })
  await app.register(quoteRoutes, { prefix: '/quotes' })
  return app
}
