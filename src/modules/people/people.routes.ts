import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ProblemDetails } from '../../errors.js'
import { ArticleList, ArticleListQuery } from '../articles/articles.schema.js'
import { QuoteList, QuoteListQuery } from '../quotes/quotes.schema.js'
import { Person, PersonList, PersonListQuery, PersonParams } from './people.schema.js'

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { people } = app.services
  const problems = { 400: ProblemDetails, 404: ProblemDetails }
  app.get('/', {
    schema: { tags: ['people'], summary: 'List people', querystring: PersonListQuery, response: { 200: PersonList, ...problems } },
  }, (req) => people.list(req.query))
  app.get('/:idOrSlug', {
    schema: { tags: ['people'], summary: 'One person by id or slug', params: PersonParams, response: { 200: Person, ...problems } },
  }, (req) => people.get(req.params.idOrSlug))
  app.get('/:idOrSlug/quotes', {
    schema: { tags: ['people'], summary: 'What a person said, newest first', params: PersonParams, querystring: QuoteListQuery.omit({ speaker: true }), response: { 200: QuoteList, ...problems } },
  }, (req) => people.quotes(req.params.idOrSlug, req.query))
  app.get('/:idOrSlug/articles', {
    schema: { tags: ['people'], summary: 'Articles that mention a person', params: PersonParams, querystring: ArticleListQuery.omit({ person: true }), response: { 200: ArticleList, ...problems } },
  }, (req) => people.articles(req.params.idOrSlug, req.query))
}
