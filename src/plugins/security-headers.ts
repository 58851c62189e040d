import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * The headers helmet sets for these options. Without a nonce-based content security policy they
 * are the same for every response, so helmet runs once here instead of once per request
 * (@fastify/helmet builds the middleware from its options on every request).
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()]
    },
  }
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error('helmet failed to compute its headers', { cause: err })
  })
  return headers
}

/** Security headers (helmet's policy) on every response, errors and 404s included. */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, options: Readonly<HelmetOptions>) => {
  const headers = helmetHeaders(options)
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers)
    done()
  })
})
