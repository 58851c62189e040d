import { z } from 'zod'
import { Page, Total, cursorParam, limitParam } from '../../shared/pagination.js'
import { Snippet } from '../../search/snippets.js'
import { type CsvColumns, exportFormat } from '../../shared/export.js'
import { count, dateParam, idParam, offset, queryNumber, searchParam } from '../../shared/params.js'
import { Quote } from '../quotes/quotes.schema.js'

const isoDateTime = z.iso.datetime({ offset: true })

/** Facets count at most this many matching articles (the newest). */
export const FACET_SCAN_CAP = 100_000

export const ArticleSummary = z
  .object({
    id: z.string().meta({ examples: ['afd7e63041405759'] }),
    title: z.string().meta({ examples: ['Kremlin: Xi backs Putin’s pursuit of Western guarantees'] }),
    publishedAt: isoDateTime.nullable().meta({ examples: ['2021-12-15T00:00:00.000Z'] }),
    section: z
      .string()
      .nullable()
      .meta({ examples: ['International'] }),
    dateline: z
      .string()
      .nullable()
      .meta({ examples: ['MOSCOW'] }),
    agency: z
      .string()
      .nullable()
      .meta({ examples: ['AP'] }),
    url: z
      .string()
      .nullable()
      .meta({ examples: ['https://apnews.com/article/xi-putin-summit'] }),
    excerpt: z
      .string()
      .describe('The opening of the body on one line, cut at a word with an ellipsis')
      .meta({
        examples: [
          'MOSCOW (AP) Chinese President Xi Jinping backed Russian President Vladimir Putin in his bid to secure Western security guarantees…',
        ],
      }),
    peopleCount: count.meta({ examples: [6] }),
    quoteCount: count.meta({ examples: [20] }),
    snippet: Snippet.optional(),
    updatedAt: isoDateTime
      .optional()
      .describe('When the article was last stored or changed; present in the change feed (sort=updated)')
      .meta({ examples: ['2026-11-27T06:52:55.844Z'] }),
  })
  .meta({ id: 'ArticleSummary' })
export type ArticleSummary = z.infer<typeof ArticleSummary>

export const Mention = z
  .object({
    start: offset.meta({ examples: [30] }),
    end: offset.meta({ examples: [40] }),
    text: z.string().meta({ examples: ['Xi Jinping'] }),
    kind: z.enum(['name', 'alias', 'pronoun', 'description']),
  })
  .meta({ id: 'Mention' })

export const ArticlePerson = z
  .object({
    id: z.string().meta({ examples: ['2366dbd72f63'] }),
    slug: z.string().meta({ examples: ['xi-jinping'] }),
    name: z.string().meta({ examples: ['Xi Jinping'] }),
    role: z
      .string()
      .nullable()
      .describe('The title or role written with the name in this article')
      .meta({ examples: ['Chinese President'] }),
    titles: z.array(z.string()).meta({ examples: [['Chinese President']] }),
    aliases: z.array(z.string()).meta({ examples: [['Xi']] }),
    mentionCount: count.meta({ examples: [12] }),
    mentions: z.array(Mention),
  })
  .meta({ id: 'ArticlePerson' })

export const Furniture = z
  .object({
    start: offset.meta({ examples: [0] }),
    end: offset.meta({ examples: [35] }),
    kind: z
      .enum(['advertisement', 'link', 'notice', 'caption', 'credit', 'byline', 'headline', 'label'])
      .describe(
        'An ad slot, a link to another story, a site notice, a photo caption, an agency credit, a byline or timestamp, the headline repeated, or a topic label ("ENERGY:")',
      ),
  })
  .describe('Page furniture in the body: kept in the text, never read for people or quotes')
  .meta({ id: 'Furniture' })

export const Article = ArticleSummary.extend({
  body: z.string().meta({
    examples: [
      'MOSCOW (AP) Chinese President Xi Jinping backed Russian President Vladimir Putin in his bid to secure Western security guarantees…',
    ],
  }),
  furniture: z.array(Furniture).describe('Stretches of the body that are not the article (scraped page furniture), in order'),
  fileName: z
    .string()
    .nullable()
    .describe('Name of the file the article was ingested from (no server path); null for stdin')
    .meta({ examples: ['000_e717161affdd8244.txt'] }),
  format: z
    .string()
    .describe('Input format it was read from')
    .meta({ examples: ['seed'] }),
  extra: z.record(z.string(), z.unknown()).nullable().describe('Fields of the input record that Newsdesk does not model'),
  extractorVersion: z.string().meta({ examples: ['rules-5+perceptron-1'] }),
  createdAt: isoDateTime.meta({ examples: ['2026-11-27T06:52:55.844Z'] }),
  updatedAt: isoDateTime.meta({ examples: ['2026-11-27T06:52:55.844Z'] }),
  people: z.array(ArticlePerson),
  quotes: z.array(Quote),
}).meta({ id: 'Article' })
export type Article = z.infer<typeof Article>

export const ArticleParams = z.object({ id: idParam.meta({ examples: ['afd7e63041405759'] }) })

export const ArticleSort = z.enum(['newest', 'oldest', 'relevance', 'updated'])

/** Query parameters that may be given more than once (`person=a&person=b`). */
export const ARTICLE_MULTI_VALUED = ['person']

export const ArticleListQuery = z.strictObject({
  q: searchParam.optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  category: z.string().trim().min(1).max(200).optional().describe('Section/category, exact match'),
  agency: z.string().trim().min(1).max(200).optional().describe('News agency of the dateline or record ("AP"), exact match'),
  person: z
    .union([idParam, z.array(idParam).min(1).max(10)])
    .optional()
    .describe('Person id or slug: articles that mention them; repeat (up to 10) for articles that mention all of them'),
  updatedSince: dateParam
    .optional()
    .describe('Only articles stored or changed at or after this instant: with sort=updated, a change feed for clients that sync'),
  sort: ArticleSort.optional().describe(
    'newest (default), oldest, relevance (default with q), or updated (oldest change first, for syncing)',
  ),
  limit: limitParam,
  cursor: cursorParam,
})
export type ArticleListQuery = z.infer<typeof ArticleListQuery>

export const ArticleList = z.object({ data: z.array(ArticleSummary), page: Page }).meta({ id: 'ArticleList' })
export type ArticleList = z.infer<typeof ArticleList>

export const FacetQuery = ArticleListQuery.omit({ sort: true, limit: true, cursor: true }).extend({
  size: queryNumber(z.number().int().min(1).max(100).default(20)).describe(
    'Values per facet (months: the most recent), most frequent first',
  ),
})
export type FacetQuery = z.infer<typeof FacetQuery>

const FacetValue = z.object({ value: z.string().nullable().describe('null: articles without one'), count })

export const ArticleFacets = z
  .object({
    total: Total.describe(`Articles the filter matches, counted up to ${FACET_SCAN_CAP.toLocaleString('en')}`),
    scanned: count.describe(
      `Articles the counts cover: every match, or the newest ${FACET_SCAN_CAP.toLocaleString('en')} when there are more (total.relation is then "gte")`,
    ),
    section: z.array(FacetValue).describe('Most frequent sections first'),
    agency: z.array(FacetValue).describe('Most frequent agencies first'),
    month: z.array(FacetValue).describe('Publication months (YYYY-MM), in order; null: undated articles'),
  })
  .meta({ id: 'ArticleFacets' })
export type ArticleFacets = z.infer<typeof ArticleFacets>

export const ArticleExportQuery = ArticleListQuery.omit({ limit: true, cursor: true, sort: true }).extend({
  sort: z.enum(['newest', 'oldest', 'updated']).default('newest').describe('newest (default), oldest, or updated (oldest change first)'),
  format: exportFormat,
})
export type ArticleExportQuery = z.infer<typeof ArticleExportQuery>

/** An exported article: the list's fields and the body. */
export type ExportedArticle = ArticleSummary & { body: string }

export const ARTICLE_CSV: CsvColumns<ExportedArticle> = [
  ['id', (a) => a.id],
  ['title', (a) => a.title],
  ['publishedAt', (a) => a.publishedAt],
  ['section', (a) => a.section],
  ['dateline', (a) => a.dateline],
  ['agency', (a) => a.agency],
  ['url', (a) => a.url],
  ['peopleCount', (a) => a.peopleCount],
  ['quoteCount', (a) => a.quoteCount],
  ['body', (a) => a.body],
]
