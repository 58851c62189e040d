import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ProblemDetails } from '../../errors.js'
import { NoQuery } from '../../shared/params.js'
import { redirectMoved } from '../../shared/redirects.js'
import { ArticleList, ArticleListQuery } from '../articles/articles.schema.js'
import { QuoteList, QuoteListQuery } from '../quotes/quotes.schema.js'
import { EXPORT_DESCRIPTION, EXPORT_TYPES, exportResponse, exportStream, formatOf, sendExport } from '../../shared/export.js'
import {
  PERSON_CSV,
  Person,
  PersonExportQuery,
  PersonList,
  PersonListQuery,
  PersonParams,
  PersonTimeline,
  RelatedList,
  RelatedQuery,
  TimelineQuery,
} from './people.schema.js'

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { people } = app.services
  const problems = { 400: ProblemDetails, 404: ProblemDetails }
  // a person merged into another (or renamed) answers at its old address with a permanent redirect
  redirectMoved(app, 'idOrSlug', ['quotes', 'articles', 'timeline', 'related'], (key) => people.movedTo(key))
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
    '/export',
    {
      schema: {
        tags: ['people'],
        operationId: 'exportPeople',
        summary: 'Every person of a name search, as CSV or JSON Lines',
        description: EXPORT_DESCRIPTION('person', '`GET /people`'),
        querystring: PersonExportQuery,
        response: { 200: exportResponse('The people, one per line or row'), 400: ProblemDetails },
      },
      config: { produces: EXPORT_TYPES, responseCache: false },
    },
    async (req, reply) => {
      const format = formatOf(req)
      sendExport(reply, 'people', format, exportStream(await people.export(req.query), format, PERSON_CSV, app.shuttingDown))
      return reply
    },
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
        description:
          'The quotes attributed to this person, with the filters of `GET /quotes`: by default those below QUOTE_MIN_CONFIDENCE are left out (`minConfidence=0` lists them).',
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
  app.get(
    '/:idOrSlug/timeline',
    {
      schema: {
        tags: ['people'],
        operationId: 'getPersonTimeline',
        summary: 'How often a person appeared and spoke over time',
        description:
          'Per UTC day, ISO week or calendar month: the articles that mention them, their mentions there and their quotes by kind. Every bucket of the range is present, empty ones included; bucket boundaries are fixed (UTC midnight, Monday, the 1st), so the same range always gives the same buckets.',
        params: PersonParams,
        querystring: TimelineQuery,
        response: { 200: PersonTimeline, ...problems },
      },
    },
    (req) => people.timeline(req.params.idOrSlug, req.query),
  )
  app.get(
    '/:idOrSlug/related',
    {
      schema: {
        tags: ['people'],
        operationId: 'listRelatedPeople',
        summary: 'Who appears with a person',
        description:
          'Everyone mentioned in the same articles, with the number of shared articles and the quotes of either one that mention the other. Computed over all their articles on each request (then cached), so the cost grows with how often they appear.',
        params: PersonParams,
        querystring: RelatedQuery,
        response: { 200: RelatedList, ...problems },
      },
    },
    (req) => people.related(req.params.idOrSlug, req.query),
  )
}
