import accepts from '@fastify/accepts'
import type { FastifyInstance, HTTPMethods } from 'fastify'
import fp from 'fastify-plugin'
import { AppError, BadRequestError } from '../errors.js'

/** The API is read-only: every other method on one of its paths is a 405 naming what is allowed. */
const REFUSED_METHODS: HTTPMethods[] = ['POST', 'PUT', 'PATCH', 'DELETE']
const ALLOWED = 'GET, HEAD, OPTIONS'

/** Media types the JSON routes can answer with (errors are problem+json). */
const JSON_TYPES = ['application/json', 'application/problem+json']

/** /docs serves its own HTML, scripts and styles. */
const servesJson = (routeUrl: string | undefined) => routeUrl !== undefined && !routeUrl.startsWith('/docs')

/**
 * Requests the API cannot serve as asked get a precise answer instead of a guess: a method the
 * path does not support (405 with Allow), an Accept header without JSON (406), and a
 * single-valued query parameter given twice (400 naming it, instead of a coercion error).
 */
export const strictRequestsPlugin = fp(async (app: FastifyInstance) => {
  await app.register(accepts)

  const refusing = Symbol('refuses methods')
  app.addHook('onRoute', function (route) {
    if (route.method !== 'GET' || (route.config as { [refusing]?: boolean } | undefined)?.[refusing]) return
    // `this` is the instance the route was declared on, so the path goes without that instance's prefix
    this.route({
      method: REFUSED_METHODS,
      url: route.routePath,
      schema: { hide: true },
      config: { [refusing]: true, responseCache: false },
      onRequest: async (req, reply) => {
        reply.header('allow', ALLOWED)
        throw new AppError(405, `${req.method} is not supported on ${route.url}: this API is read-only (${ALLOWED})`)
      },
      handler: async () => undefined,
    })
  })

  app.addHook('onRequest', async (req) => {
    if (!req.headers.accept || !servesJson(req.routeOptions.url)) return
    if (!req.accepts().type(JSON_TYPES)) {
      throw new AppError(
        406,
        `this route answers with ${JSON_TYPES.join(' or ')}; the Accept header '${req.headers.accept}' allows neither`,
      )
    }
  })

  app.addHook('preValidation', async (req) => {
    for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
      if (Array.isArray(value))
        throw new BadRequestError(`query parameter '${name}' is given ${value.length} times; it takes one value`, { in: 'query', name })
    }
  })
})
