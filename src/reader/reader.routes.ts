import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AppError, NotFoundError } from '../errors.js'
import { ArticleParams } from '../modules/articles/articles.schema.js'
import { PersonParams } from '../modules/people/people.schema.js'
import { errorPage, personPath } from './layout.js'
import { personPage } from './person-page.js'
import { sendArticlePage, sendNotFound, sendPage } from './send-page.js'

const TITLES: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method not allowed',
  429: 'Too many requests',
  503: 'Busy',
}

/** Errors on reader pages are pages too: the status and what went wrong, never a stack trace. */
function sendErrorPage(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const status = hasZodFastifySchemaValidationErrors(err)
    ? 400
    : err instanceof AppError
      ? err.status
      : err.statusCode && err.statusCode >= 400 && err.statusCode < 500
        ? err.statusCode
        : 500
  if (status >= 500) req.log.error({ err }, 'unexpected error on a reader page')
  if (status === 503) reply.header('retry-after', '5')
  const detail =
    status === 400 ? 'The address is not valid.' : status >= 500 && status !== 503 ? 'Something went wrong on our side.' : err.message
  return sendPage(reply, errorPage(status, TITLES[status] ?? 'Error', detail), status)
}

/**
 * Server-rendered HTML pages over the same services as the JSON API, hidden from the OpenAPI document.
 * A query string is ignored (links shared with tracking parameters still open).
 */
export const readerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { articles, people } = app.services
  app.setErrorHandler(sendErrorPage)
  app.setNotFoundHandler((_req, reply) => sendNotFound(reply, 'page'))
  const config = { html: 'only' } as const

  app.get('/articles/:id', { schema: { hide: true, params: ArticleParams }, config }, (req, reply) =>
    sendArticlePage(reply, articles, req.params.id),
  )

  app.get('/people/:idOrSlug', { schema: { hide: true, params: PersonParams }, config }, async (req, reply) => {
    const { idOrSlug } = req.params
    const movedTo = await people.movedTo(idOrSlug)
    if (movedTo) return reply.redirect(personPath(movedTo), 301)
    const found = await Promise.all([
      people.get(idOrSlug),
      people.quotes(idOrSlug, { limit: 50, sort: 'newest' } as never),
      people.timeline(idOrSlug, { interval: 'month' }),
    ]).catch((err: unknown) => {
      if (err instanceof NotFoundError) return null
      throw err
    })
    if (!found) return sendNotFound(reply, 'person')
    const [person, quotes, timeline] = found
    return sendPage(reply, personPage({ person, quotes: quotes.data, timeline }))
  })
}
