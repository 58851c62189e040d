import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, problem } from '../errors.js'
import { isReaderPath, sendErrorPage } from '../reader/send-page.js'

/** Longest path segment the router matches (Fastify's maxParamLength). */
export const MAX_PARAM_LENGTH = 200

const pathOf = (url: string) => url.split('?')[0] ?? url

/**
 * Errors the router raises before any route or hook runs (Fastify's frameworkErrors): a path
 * segment over MAX_PARAM_LENGTH, or percent-encoding that does not decode. They are answered as
 * every other error is: problem+json, or an HTML page on the reader's paths.
 */
export function answerFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const [status, detail] =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, `a segment of the path is longer than ${MAX_PARAM_LENGTH} characters`]
      : err.code === 'FST_ERR_BAD_URL'
        ? [400, 'the URL has percent-encoding that does not decode to UTF-8 text (%XX escapes of whole characters only)']
        : [err.statusCode && err.statusCode < 500 ? err.statusCode : 400, 'the request could not be routed']
  if (isReaderPath(req.url)) {
    void sendErrorPage(reply, status, status === 414 ? 'Address too long' : 'Bad request', `${detail}.`)
    return
  }
  void reply
    .code(status)
    .type('application/problem+json')
    .send(problem(status, detail, { instance: pathOf(req.url) }))
}

/**
 * An onRequest hook for what Node's parser or the CORS plugin would otherwise refuse in their own
 * words: an HTTP/1.1 request without Host (RFC 9112 §3.2), and a CORS preflight (OPTIONS) without
 * Origin or Access-Control-Request-Method. Each is a 400 problem (a page on the reader's paths).
 */
export async function refuseIncompleteRequests(req: FastifyRequest): Promise<void> {
  const { httpVersionMajor, httpVersionMinor } = req.raw
  if (httpVersionMajor === 1 && httpVersionMinor >= 1 && !req.headers.host)
    throw new AppError(400, 'an HTTP/1.1 request needs a Host header', { in: 'header', name: 'host' })
  if (req.method === 'OPTIONS') {
    const missing = ['origin', 'access-control-request-method'].find((name) => !req.headers[name])
    if (missing)
      throw new AppError(
        400,
        `OPTIONS is answered as a CORS preflight, which needs Origin and Access-Control-Request-Method headers (no ${missing})`,
        {
          in: 'header',
          name: missing,
        },
      )
  }
}
