import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ProblemDetails } from '../../errors.js'
import { NoQuery } from '../../shared/params.js'
import { ArticleList, ArticleListQuery } from '../articles/articles.schema.js'
import { QuoteList, QuoteListQuery } from '../quotes/quotes.schema.js'
import { Person, PersonList, PersonListQuery, PersonParams } from './people.schema.js'

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { people } = app.services
  const problems = { 400: ProblemDetails, 404: ProblemDetails }
  // a person merged into another (or renamed) answers at its old address with a permanent redirect
  app.addHook('preHandler', async (req, reply) => {
    const { idOrSlug } = (req.params ?? {}) as { idOrSlug?: string }
    if (!idOrSlug) return
    const target = people.movedTo(idOrSlug)
    if (!target) return
    const [path, query] = req.url.split('?') as [string, string | undefined]
    const moved = path.replace(/\/[^/]+(\/(?:quotes|articles))?$/, `/${encodeURIComponent(target)}$1`)
    return reply.redirect(query ? `${moved}?${query}` : moved, 301)
  })
  app.get(
    '/',
    {
      schema: {
        tags: ['people'],
        operationId: 'listPeople',
        summary: 'List people',
        description: 'Everyone mentioned in the articles, most mentioned first by default; `q` searches names and aliases.',
        querystring: PersonListQuery,
        response: { 200: PersonList, 400: ProblemDetails },
      },
    },
    (req) => people.list(req.query),
  )
  app.get(
    '/:idOrSlug',
    {
      schema: {
        tags: ['people'],
        operationId: 'getPerson',
        summary: 'One person by id or slug',
        description:
          'Counts, first and last appearance, aliases and every title they were given, each with its article. A person merged into another or renamed answers 301 with the new address in `Location`.',
        params: PersonParams,
        querystring: NoQuery,
        response: { 200: Person, ...problems },
      },
    },
    (req) => people.get(req.params.idOrSlug),
  )
  app.get(
    '/:idOrSlug/quotes',
    {
      schema: {
        tags: ['people'],
        operationId: 'listPersonQuotes',
        summary: 'What a person said, newest first',
        description: 'The quotes attributed to this person, with the filters of `GET /quotes`.',
        params: PersonParams,
        querystring: QuoteListQuery.omit({ speaker: true }),
        response: { 200: QuoteList, ...problems },
      },
    },
    (req) => people.quotes(req.params.idOrSlug, req.query),
  )
  app.get(
    '/:idOrSlug/articles',
    {
      schema: {
        tags: ['people'],
        operationId: 'listPersonArticles',
        summary: 'Articles that mention a person',
        description: 'The articles this person appears in, with the filters of `GET /articles`.',
        params: PersonParams,
        querystring: ArticleListQuery.omit({ person: true }),
        response: { 200: ArticleList, ...problems },
      },
    },
    (req) => people.articles(req.params.idOrSlug, req.query),
  )
}
