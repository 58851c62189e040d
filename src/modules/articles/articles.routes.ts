import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ProblemDetails } from '../../errors.js'
import { prefersHtml } from '../../plugins/strict-requests.js'
import { sendArticlePage } from '../../reader/send-page.js'
import { NoQuery } from '../../shared/params.js'
import { EXPORT_DESCRIPTION, EXPORT_TYPES, exportResponse, exportStream, formatOf, sendExport } from '../../shared/export.js'
import {
  ARTICLE_CSV,
  ARTICLE_MULTI_VALUED,
  ArticleExportQuery,
  Article,
  ArticleFacets,
  ArticleList,
  ArticleListQuery,
  ArticleParams,
  FACET_SCAN_CAP,
  FacetQuery,
} from './articles.schema.js'

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
      config: { multiValued: ARTICLE_MULTI_VALUED },
    },
    (req) => articles.list(req.query),
  )
  app.get(
    '/export',
    {
      schema: {
        tags: ['articles'],
        operationId: 'exportArticles',
        summary: 'Every article of a filter with its body, as CSV or JSON Lines',
        description:
          EXPORT_DESCRIPTION('article', '`GET /articles`') + ' Each article carries its body; relevance order is not offered (use `sort`).',
        querystring: ArticleExportQuery,
        response: { 200: exportResponse('The articles, one per line or row'), 400: ProblemDetails },
      },
      config: { produces: EXPORT_TYPES, responseCache: false, multiValued: ARTICLE_MULTI_VALUED },
    },
    async (req, reply) => {
      const format = formatOf(req)
      sendExport(reply, 'articles', format, exportStream(await articles.export(req.query), format, ARTICLE_CSV, app.shuttingDown))
      return reply
    },
  )
  app.get(
    '/facets',
    {
      schema: {
        tags: ['articles'],
        operationId: 'getArticleFacets',
        summary: 'Counts per section, agency and month for a filter',
        description: `The filters of \`GET /articles\` (search included), answered with how the matching articles spread over sections, agencies and publication months, so a client can show "Politics (412)" beside its results. Cost: one index row per matching article, up to the newest ${FACET_SCAN_CAP.toLocaleString('en')} (about 25 ms per 100,000 articles); past that the counts cover the newest ones and \`total.relation\` is "gte".`,
        querystring: FacetQuery,
        response: { 200: ArticleFacets, 400: ProblemDetails },
      },
      config: { multiValued: ARTICLE_MULTI_VALUED },
    },
    (req) => articles.facets(req.query),
  )
  app.get(
    '/:id',
    {
      schema: {
        tags: ['articles'],
        operationId: 'getArticle',
        summary: 'One article with its people and quotes',
        description:
          'The body, every person mentioned (with mention offsets, titles and aliases) and every quote with its speaker. A client that prefers `text/html` to JSON (a browser) gets the reader page of `/read/articles/{id}` instead (`Vary: Accept`).',
        params: ArticleParams,
        querystring: NoQuery,
        response: { 200: Article, 400: ProblemDetails, 404: ProblemDetails },
      },
      config: { html: 'variant' },
    },
    async (req, reply) => {
      reply.header('vary', 'accept')
      if (prefersHtml(req)) return sendArticlePage(reply, articles, req.params.id)
      return articles.get(req.params.id)
    },
  )
}
