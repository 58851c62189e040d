import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ProblemDetails } from '../../errors.js'
import { NoQuery } from '../../shared/params.js'
import { Article, ArticleList, ArticleListQuery, ArticleParams } from './articles.schema.js'

export const articleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { articles } = app.services
  app.get(
    '/',
    {
      schema: {
        tags: ['articles'],
        operationId: 'listArticles',
        summary: 'List articles',
        description:
          'Newest first, or by relevance when searching with `q`. Filters combine; a filter that names nothing answers an empty page.',
        querystring: ArticleListQuery,
        response: { 200: ArticleList, 400: ProblemDetails },
      },
    },
    (req) => articles.list(req.query),
  )
  app.get(
    '/:id',
    {
      schema: {
        tags: ['articles'],
        operationId: 'getArticle',
        summary: 'One article with its people and quotes',
        description: 'The body, every person mentioned (with mention offsets, titles and aliases) and every quote with its speaker.',
        params: ArticleParams,
        querystring: NoQuery,
        response: { 200: Article, 400: ProblemDetails, 404: ProblemDetails },
      },
    },
    (req) => articles.get(req.params.id),
  )
}
