import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ProblemDetails } from '../../errors.js'
import { Article, ArticleList, ArticleListQuery, ArticleParams } from './articles.schema.js'

export const articleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { articles } = app.services
  app.get('/', {
    schema: { tags: ['articles'], summary: 'List articles', querystring: ArticleListQuery, response: { 200: ArticleList, 400: ProblemDetails, 404: ProblemDetails } },
  }, (req) => articles.list(req.query))
  app.get('/:id', {
    schema: { tags: ['articles'], summary: 'One article with its people and quotes', params: ArticleParams, response: { 200: Article, 404: ProblemDetails } },
  }, (req) => articles.get(req.params.id))
}
