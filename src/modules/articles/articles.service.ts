import { basename } from 'node:path'
import { BadRequestError, NotFoundError } from '../../errors.js'
import { decodeCursor, emptyPage, paginate } from '../../shared/pagination.js'
import { dateRange, ftsQuery, isoOrNull } from '../../shared/params.js'
import type { PeopleRepository } from '../people/people.repository.js'
import type { Searcher } from '../../search/searcher.js'
import { toQuote } from '../quotes/quotes.mapper.js'
import type { ArticleFilter, ArticleRepository, ArticleSummaryRow, ArticleWithPeople } from './articles.repository.js'
import type { Article, ArticleList, ArticleListQuery, ArticleSummary } from './articles.schema.js'

export function toArticleSummary(r: ArticleSummaryRow): ArticleSummary {
  return {
    id: r.id,
    title: r.title,
    publishedAt: isoOrNull(r.publishedAt),
    section: r.section,
    dateline: r.dateline,
    agency: r.agency,
    url: r.url,
    excerpt: r.excerpt,
    peopleCount: Number(r.peopleCount),
    quoteCount: Number(r.quoteCount),
  }
}

function toArticle({ article: a, people: links, quotes }: ArticleWithPeople): Article {
  const people = links
    .map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      role: p.role,
      titles: JSON.parse(p.titles) as string[],
      aliases: JSON.parse(p.aliases) as string[],
      mentionCount: p.mentionCount,
      mentions: JSON.parse(p.mentions) as Article['people'][number]['mentions'],
    }))
    .sort((x, y) => (x.mentions[0]?.start ?? 0) - (y.mentions[0]?.start ?? 0))
  return {
    id: a.id,
    title: a.title,
    publishedAt: isoOrNull(a.publishedAt),
    section: a.section,
    dateline: a.dateline,
    agency: a.agency,
    url: a.url,
    excerpt: a.excerpt,
    peopleCount: people.length,
    quoteCount: quotes.length,
    body: a.body,
    furniture: JSON.parse(a.furniture) as Article['furniture'],
    fileName: a.sourcePath === null ? null : basename(a.sourcePath),
    format: a.format,
    extra: a.extra ? (JSON.parse(a.extra) as Record<string, unknown>) : null,
    extractorVersion: a.extractorVersion,
    createdAt: isoOrNull(a.createdAt)!,
    updatedAt: isoOrNull(a.updatedAt)!,
    people,
    quotes: quotes.map(toQuote),
  }
}

export const createArticleService = (deps: { repo: ArticleRepository; people: PeopleRepository; searcher: Searcher }) => ({
  async get(id: string): Promise<Article> {
    const found = deps.repo.findById(id)
    if (!found) throw new NotFoundError(`article '${id}' not found`)
    return toArticle(found)
  },

  /** Newest first by default; relevance first when searching. */
  async list(query: ArticleListQuery, fixed: { personId?: string } = {}): Promise<ArticleList> {
    const fts = query.q === undefined ? undefined : ftsQuery(query.q)
    if (fts === null) throw new BadRequestError("'q' must contain at least one letter or digit", { in: 'query', name: 'q' })
    const sort = query.sort ?? (fts ? 'relevance' : 'newest')
    if (sort === 'relevance' && !fts)
      throw new BadRequestError("sort 'relevance' needs a search term in 'q'", { in: 'query', name: 'sort' })
    const cursorKind = `articles:${sort}`
    const after = decodeCursor(query.cursor, cursorKind)
    const range = dateRange(query.from, query.to)
    let personId = fixed.personId
    if (query.person) {
      // a filter that names nobody matches nothing, like a category or a word that is nowhere
      const person = deps.people.findByIdOrSlug(query.person)
      if (!person) return emptyPage(query.limit)
      personId = person.id
    }
    const filter: ArticleFilter = {
      fts,
      sort,
      personId,
      category: query.category,
      ...range,
      after: after ? [after[0] ?? '', Number(after[1])] : null,
      limit: query.limit,
    }
    // ranking scores every match, so a broad one may run on a worker thread; a date-ordered search reads a page's worth
    const rows = fts && sort === 'relevance' ? await deps.searcher.articles({ ...filter, fts }) : deps.repo.list(filter)
    const page = paginate(rows, query.limit, cursorKind, (r) => [sort === 'relevance' ? Number(r.rank) : r.listedAt, r.seq])
    return { data: page.data.map(toArticleSummary), page: page.page }
  },
})
export type ArticleService = ReturnType<typeof createArticleService>
