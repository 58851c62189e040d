import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { AppError, problem, type ParameterError, type ProblemDetails } from '../errors.js'
import { storageFaultOf } from '../db/storage-fault.js'

const CONTEXT_TO_IN = { querystring: 'query', params: 'path', body: 'body', headers: 'header' } as const

const pathOf = (url: string) => url.split('?')[0] ?? url

function sendProblem(reply: FastifyReply, body: ProblemDetails) {
  return reply.code(body.status).type('application/problem+json').send(body)
}

/** One entry per parameter at fault (zod issues as fastify-type-provider-zod passes them); an unknown parameter is named as such. */
function parameterErrors(
  where: ParameterError['in'],
  validation: { keyword: string; instancePath: string; message?: string; params: unknown }[],
): ParameterError[] {
  return validation.flatMap((v) => {
    const keys = (v.params as { keys?: string[] }).keys
    if (v.keyword === 'unrecognized_keys' && keys?.length) {
      return keys.map((name) => ({ in: where, name, message: `unknown ${where} parameter '${name}'` }))
    }
    return [{ in: where, name: v.instancePath.replace(/^\//, '').replace(/\//g, '.'), message: v.message ?? 'invalid' }]
  })
}

/** Every error leaves as RFC 9457 application/problem+json; unexpected ones are logged and hidden. */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const instance = pathOf(req.url)
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = CONTEXT_TO_IN[err.validationContext as keyof typeof CONTEXT_TO_IN] ?? 'query'
      const errors = parameterErrors(where, err.validation)
      const names = [...new Set(errors.map((e) => e.name).filter(Boolean))]
      const detail = `invalid ${where} parameter${names.length === 1 ? '' : 's'} ${names.map((n) => `'${n}'`).join(', ')}: ${errors.map((e) => e.message).join('; ')}`
      return sendProblem(reply, problem(400, detail, { instance, errors }))
    }
    if (err instanceof AppError) {
      if (err.status === 503) reply.header('retry-after', '5')
      return sendProblem(
        reply,
        problem(err.status, err.message, { instance, ...(err.param ? { errors: [{ ...err.param, message: err.message }] } : {}) }),
      )
    }
    const fault = storageFaultOf(err)
    if (fault) {
      // the database's storage refused the write: 507 on a full disk, which an operator can free; 503 otherwise
      req.log.error({ err }, 'database storage fault')
      reply.header('retry-after', '60')
      return sendProblem(
        reply,
        problem(fault.kind === 'disk full' ? 507 : 503, `the write could not be stored: ${fault.message}`, { instance }),
      )
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema')
      return sendProblem(reply, problem(500, 'the server could not produce a valid response', { instance }))
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const type = req.headers['content-type'] ?? 'none'
      return sendProblem(
        reply,
        problem(415, `content type '${type}' is not accepted here (see the route's request body in /openapi.json)`, { instance }),
      )
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(
        reply,
        problem(413, `the body is larger than ${req.routeOptions.bodyLimit ?? 'the'} bytes, the most this route takes`, { instance }),
      )
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    if (status === 500) {
      req.log.error({ err }, 'unexpected error')
      return sendProblem(reply, problem(500, 'an unexpected error occurred', { instance }))
    }
    return sendProblem(reply, problem(status, err.message, { instance }))
  })
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, problem(404, `no route for ${req.method} ${pathOf(req.url)}`, { instance: pathOf(req.url) })),
  )
})
