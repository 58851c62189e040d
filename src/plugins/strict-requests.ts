import accepts from '@fastify/accepts'
import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify'
import fp from 'fastify-plugin'
import { AppError, BadRequestError } from '../errors.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'only': the route answers HTML (the reader pages); 'variant': also HTML, to a client that prefers it to JSON. */
    html?: 'only' | 'variant'
    /** Query parameters this route takes more than once (`person=a&person=b`). */
    multiValued?: string[]
    /** Media types a route answers with instead of JSON (exports: CSV, JSON Lines); its errors stay problem+json. */
    produces?: string[]
  }
}

/** The API is read-only: every other method on one of its paths is a 405 naming what is allowed. */
const REFUSED_METHODS: HTTPMethods[] = ['POST', 'PUT', 'PATCH', 'DELETE']
const ALLOWED = 'GET, HEAD, OPTIONS'

/** Media types the JSON routes can answer with (errors are problem+json). */
const JSON_TYPES = ['application/json', 'application/problem+json']

/** /docs serves its own HTML, scripts and styles. */
const servesJson = (routeUrl: string | undefined) => routeUrl !== undefined && !routeUrl.startsWith('/docs')

/**
 * The client ranks text/html above JSON, as a browser's navigation does. A client that takes any
 * type, or sends no Accept header, gets JSON: between equal preferences JSON wins.
 */
export const prefersHtml = (req: FastifyRequest) => !!req.headers.accept && req.accepts().type([...JSON_TYPES, 'text/html']) === 'text/html'

/**
 * Requests the API cannot serve as asked get a precise answer instead of a guess: a method the
 * path does not support (405 with Allow), an Accept header without JSON (406), and a
 * single-valued query parameter given twice (400 naming it, instead of a coercion error).
 */
export const strictRequestsPlugin = fp(async (app: FastifyInstance, opts: { writes?: Record<string, HTTPMethods[]> }) => {
  await app.register(accepts)

  const refusing = Symbol('refuses methods')
  app.addHook('onRoute', function (route) {
    if (route.method !== 'GET' || (route.config as { [refusing]?: boolean } | undefined)?.[refusing]) return
    // the write API's methods on this path (when API keys are configured) are routes of their own
    const writes = opts.writes?.[route.url] ?? []
    const allowed = [ALLOWED, ...writes].join(', ')
    // `this` is the instance the route was declared on, so the path goes without that instance's prefix
    this.route({
      method: REFUSED_METHODS.filter((m) => !writes.includes(m)),
      url: route.routePath,
      schema: { hide: true },
      config: { [refusing]: true, responseCache: false },
      onRequest: async (req, reply) => {
        reply.header('allow', allowed)
        throw new AppError(
          405,
          writes.length
            ? `${req.method} is not supported on ${route.url} (${allowed})`
            : `${req.method} is not supported on ${route.url}: ${opts.writes ? allowed : `this API is read-only (${allowed})`}`,
        )
      },
      handler: async () => undefined,
    })
  })

  app.addHook('onRequest', async (req) => {
    const html = req.routeOptions.config.html
    if (!req.headers.accept || !servesJson(req.routeOptions.url) || html === 'only') return
    const produces = req.routeOptions.config.produces
    const types = produces ? [...produces, 'application/problem+json'] : html === 'variant' ? [...JSON_TYPES, 'text/html'] : JSON_TYPES
    if (!req.accepts().type(types)) {
      throw new AppError(
        406,
        `this route answers with ${types.join(' or ')}; the Accept header '${req.headers.accept}' allows ${types.length === 2 ? 'neither' : 'none of them'}`,
      )
    }
  })

  app.addHook('preValidation', async (req) => {
    const multiValued = req.routeOptions.config.multiValued ?? []
    for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
      if (Array.isArray(value) && !multiValued.includes(name))
        throw new BadRequestError(`query parameter '${name}' is given ${value.length} times; it takes one value`, { in: 'query', name })
    }
  })
})
