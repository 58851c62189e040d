import { basename } from 'node:path'
import { BadRequestError, NotFoundError } from '../../errors.js'
import { type CursorValue, cursorKey, decodeCursor, emptyPage, paginate, totalOf } from '../../shared/pagination.js'
import type { ReadStore } from '../../db/read-store.js'
import { snippetsOf } from '../../search/snippets.js'
import { EXPORT_BATCH, keysetBatches } from '../../shared/export.js'
import { dateRange, ftsQuery, isoOrNull } from '../../shared/params.js'
import type { PeopleRepository } from '../people/people.repository.js'
import type { Searcher } from '../../search/searcher.js'
import { toQuote } from '../quotes/quotes.mapper.js'
import type { ArticleFilter, ArticleRepository, ArticleSummaryRow, ArticleWithPeople } from './articles.repository.js'
import {
  FACET_SCAN_CAP,
  type Article,
  type ArticleExportQuery,
  type ExportedArticle,
  type ArticleFacets,
  type ArticleList,
  type ArticleListQuery,
  type ArticleSummary,
  type FacetQuery,
} from './articles.schema.js'

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

/** A row's position in a listing sorted by `sort`: what its cursor holds. */
const sortKey = (sort: ArticleFilter['sort'], r: ArticleSummaryRow): CursorValue =>
  sort === 'relevance' ? [Number(r.rank), r.seq] : sort === 'updated' ? [r.updatedAt!, r.seq] : [r.listedAt, r.seq]

/** A row as a list item of a listing sorted by `sort`: the change feed also gives when it changed. */
const summaryIn = (sort: ArticleFilter['sort'], r: ArticleSummaryRow): ArticleSummary => ({
  ...toArticleSummary(r),
  ...(sort === 'updated' ? { updatedAt: isoOrNull(r.updatedAt!)! } : {}),
})

/** A list's filter from its query; null when it names someone who is nowhere (nothing can match). */
async function filterOf(
  query: Omit<ArticleListQuery, 'sort' | 'limit' | 'cursor'>,
  fixed: { personId?: string },
  people: PeopleRepository,
): Promise<Omit<ArticleFilter, 'sort' | 'after' | 'limit'> | null> {
  const personIds = fixed.personId ? [fixed.personId] : []
  for (const idOrSlug of query.person === undefined ? [] : [query.person].flat()) {
    // a filter that names nobody matches nothing, like a category or a word that is nowhere
    const person = await people.findByIdOrSlug(idOrSlug)
    if (!person) return null
    personIds.push(person.id)
  }
  return {
    fts: query.q === undefined ? undefined : ftsQuery(query.q),
    personIds,
    category: query.category,
    agency: query.agency,
    updatedSince: dateRange(query.updatedSince, undefined).from,
    ...dateRange(query.from, query.to),
  }
}

export const createArticleService = (deps: {
  rankWindow: number
  repo: ArticleRepository
  people: PeopleRepository
  searcher: Searcher
  db: ReadStore
  totalCap: number
}) => ({
  /** Counts per section, agency and month of the articles a list filter matches. */
  async facets(query: FacetQuery): Promise<ArticleFacets> {
    const filter = await filterOf(query, {}, deps.people)
    if (!filter) return { total: { value: 0, relation: 'eq' }, scanned: 0, section: [], agency: [], month: [] }
    const rows = await deps.repo.facets(filter, FACET_SCAN_CAP)
    const tally = (pick: (r: (typeof rows)[number]) => string | null) => {
      const counts = new Map<string | null, number>()
      for (const r of rows) counts.set(pick(r), (counts.get(pick(r)) ?? 0) + Number(r.n))
      return [...counts].map(([value, count]) => ({ value, count }))
    }
    const byCount = (x: { value: string | null; count: number }, y: { value: string | null; count: number }) =>
      y.count - x.count || String(x.value).localeCompare(String(y.value))
    const months = tally((r) => r.month).sort((x, y) => (x.value ?? '').localeCompare(y.value ?? ''))
    return {
      total: totalOf(await deps.repo.count(filter, FACET_SCAN_CAP), FACET_SCAN_CAP),
      scanned: rows.reduce((n, r) => n + Number(r.n), 0),
      section: tally((r) => r.section)
        .sort(byCount)
        .slice(0, query.size),
      agency: tally((r) => r.agency)
        .sort(byCount)
        .slice(0, query.size),
      month: months.slice(-query.size),
    }
  },

  /** Every article the filter matches with its body, in batches, in the list's order; the filter is checked first. */
  async export(query: ArticleExportQuery): Promise<AsyncIterable<ExportedArticle[]>> {
    const base = await filterOf(query, {}, deps.people)
    const sort = query.sort
    return (async function* () {
      if (!base) return
      const batches = keysetBatches(
        (after: [string | number, number] | null) => deps.repo.list({ ...base, sort, after, limit: EXPORT_BATCH }),
        (r) => sortKey(sort, r) as [string | number, number],
      )
      for await (const rows of batches) {
        const bodies = new Map((await deps.repo.bodies(rows.map((r) => r.seq))).map((b) => [b.seq, b.body]))
        yield rows.map((r) => ({ ...summaryIn(sort, r), body: bodies.get(r.seq) ?? '' }))
      }
    })()
  },

  async get(id: string): Promise<Article> {
    const found = await deps.repo.findById(id)
    if (!found) throw new NotFoundError(`article '${id}' not found`)
    return toArticle(found)
  },

  /** Newest first by default; relevance first when searching; oldest change first for the change feed. */
  async list(query: ArticleListQuery, fixed: { personId?: string } = {}): Promise<ArticleList> {
    const base = await filterOf(query, fixed, deps.people)
    if (!base) return emptyPage(query.limit)
    const fts = base.fts
    const sort = query.sort ?? (fts ? 'relevance' : 'newest')
    if (sort === 'relevance' && !fts)
      throw new BadRequestError("sort 'relevance' needs a search term in 'q'", { in: 'query', name: 'sort' })
    const cursorKind = `articles:${sort}`
    const after = decodeCursor(query.cursor, cursorKind, [sort === 'relevance' ? cursorKey.score : cursorKey.instant, cursorKey.seq])
    const filter: ArticleFilter = {
      ...base,
      rankWindow: deps.rankWindow,
      sort,
      after,
      limit: query.limit,
    }
    // ranking scores every match, so a broad one may run on a worker thread; a date-ordered search reads a page's worth
    const rows = fts && sort === 'relevance' ? await deps.searcher.articles({ ...filter, fts }) : await deps.repo.list(filter)
    const ranking = sort === 'relevance' ? await deps.repo.rankingOf(filter) : null
    // a ranked window holds exactly what the pages will give
    const total =
      ranking === 'recent-window'
        ? { value: deps.rankWindow, relation: 'eq' as const }
        : totalOf(await deps.repo.count(filter, deps.totalCap), deps.totalCap)
    const page = paginate(rows, query.limit, cursorKind, (r) => sortKey(sort, r), total)
    const snippets = fts
      ? await snippetsOf(
          deps.db,
          'Article',
          fts,
          page.data.map((r) => r.seq),
        )
      : null
    return {
      data: page.data.map((r) => ({ ...summaryIn(sort, r), ...(snippets?.has(r.seq) ? { snippet: snippets.get(r.seq)! } : {}) })),
      page: ranking ? { ...page.page, ranking } : page.page,
    }
  },
})
export type ArticleService = ReturnType<typeof createArticleService>
