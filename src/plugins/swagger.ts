import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

/** OpenAPI 3.1 generated from the route zod schemas, served at /openapi.json, browsable at /docs. */
export const swaggerPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Newsdesk API',
        version: '0.1.0',
        description: 'Who is in the news and who said what: articles, the people in them, and their quotes. Lists use keyset pagination (`page.nextCursor`); errors are RFC 9457 problem+json.',
      },
      tags: [
        { name: 'articles', description: 'Ingested news articles' },
        { name: 'people', description: 'People mentioned across articles' },
        { name: 'quotes', description: 'Direct and reported speech with its speaker' },
        { name: 'health', description: 'Service status' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
})
