import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { AppError, BadRequestError, type ProblemDetails } from '../errors.js'

const CONTEXT_TO_IN = { querystring: 'query', params: 'path', body: 'body', headers: 'header' } as const

function sendProblem(reply: FastifyReply, problem: ProblemDetails) {
  return reply.code(problem.status).type('application/problem+json').send(problem)
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 408: 'Request Timeout',
  413: 'Content Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  431: 'Request Header Fields Too Large', 500: 'Internal Server Error', 503: 'Service Unavailable',
}

/** Every error leaves as RFC 9457 application/problem+json; unexpected ones are logged and hidden. */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const instance = req.url.split('?')[0]
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = CONTEXT_TO_IN[err.validationContext as keyof typeof CONTEXT_TO_IN] ?? 'query'
      const errors = err.validation.map((v) => ({
        in: where,
        name: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String((v.params as { issue?: { path?: unknown[] } }).issue?.path?.[0] ?? ''),
        message: v.message ?? 'invalid',
      }))
      const names = [...new Set(errors.map((e) => e.name).filter(Boolean))]
      return sendProblem(reply, {
        type: 'about:blank', title: 'Bad Request', status: 400, instance,
        detail: `invalid ${where} parameter${names.length === 1 ? '' : 's'} ${names.map((n) => `'${n}'`).join(', ')}: ${errors.map((e) => e.message).join('; ')}`,
        errors,
      })
    }
    if (err instanceof BadRequestError) {
      return sendProblem(reply, { type: err.type, title: err.title, status: 400, detail: err.message, instance, ...(err.param ? { errors: [{ ...err.param, message: err.message }] } : {}) })
    }
    if (err instanceof AppError && err.status === 503) reply.header('retry-after', '5')
    if (err instanceof AppError) return sendProblem(reply, { type: err.type, title: err.title, status: err.status, detail: err.message, instance })
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema')
      return sendProblem(reply, { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'the server could not produce a valid response', instance })
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    if (status === 500) {
      req.log.error({ err }, 'unexpected error')
      return sendProblem(reply, { type: 'about:blank', title: 'Internal Server Error', status, detail: 'an unexpected error occurred', instance })
    }
    return sendProblem(reply, { type: 'about:blank', title: STATUS_TITLES[status] ?? 'Client Error', status, detail: err.message, instance })
  })
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, { type: 'about:blank', title: 'Not Found', status: 404, detail: `no route for ${req.method} ${req.url.split('?')[0]}`, instance: req.url.split('?')[0] }),
  )
})
