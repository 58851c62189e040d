import { z } from 'zod'
import { Page, cursorParam, limitParam } from '../../shared/pagination.js'
import { dateParam, idParam, qParam } from '../../shared/params.js'
import { Quote } from '../quotes/quotes.schema.js'

const isoDateTime = z.iso.datetime({ offset: true })

export const ArticleSummary = z.object({
  id: z.string(),
  title: z.string(),
  publishedAt: isoDateTime.nullable(),
  section: z.string().nullable(),
  dateline: z.string().nullable(),
  agency: z.string().nullable(),
  url: z.string().nullable(),
  excerpt: z.string().describe('The opening of the body'),
  peopleCount: z.number().int(),
  quoteCount: z.number().int(),
}).meta({ id: 'ArticleSummary' })
export type ArticleSummary = z.infer<typeof ArticleSummary>

export const Mention = z.object({
  start: z.number().int(), end: z.number().int(), text: z.string(),
  kind: z.enum(['name', 'alias', 'pronoun', 'description']),
}).meta({ id: 'Mention' })

export const ArticlePerson = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  role: z.string().nullable().describe('The title or role written with the name in this article'),
  titles: z.array(z.string()),
  aliases: z.array(z.string()),
  mentionCount: z.number().int(),
  mentions: z.array(Mention),
}).meta({ id: 'ArticlePerson' })

export const Article = ArticleSummary.extend({
  body: z.string(),
  fileName: z.string().nullable().describe('Name of the file the article was ingested from (no server path); null for stdin'),
  format: z.string(),
  extra: z.record(z.string(), z.unknown()).nullable().describe('Fields of the input record that Newsdesk does not model'),
  extractorVersion: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  people: z.array(ArticlePerson),
  quotes: z.array(Quote),
}).meta({ id: 'Article' })
export type Article = z.infer<typeof Article>

export const ArticleParams = z.object({ id: idParam })

export const ArticleSort = z.enum(['newest', 'oldest', 'relevance'])

export const ArticleListQuery = z.strictObject({
  q: qParam.optional().describe('Full-text search over title and body (words, all required)'),
  from: dateParam.optional(),
  to: dateParam.optional(),
  category: z.string().trim().min(1).max(200).optional().describe('Section/category, exact match'),
  person: idParam.optional().describe('Person id or slug: articles that mention them'),
  sort: ArticleSort.optional().describe('newest (default), oldest, or relevance (default with q)'),
  limit: limitParam,
  cursor: cursorParam,
})
export type ArticleListQuery = z.infer<typeof ArticleListQuery>

export const ArticleList = z.object({ data: z.array(ArticleSummary), page: Page }).meta({ id: 'ArticleList' })
export type ArticleList = z.infer<typeof ArticleList>
