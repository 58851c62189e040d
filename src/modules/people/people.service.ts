import { isoOrNull } from '../../shared/params.js'
import { NotFoundError } from '../../errors.js'
import { decodeCursor, paginate } from '../../shared/pagination.js'
import type { ArticleService } from '../articles/articles.service.js'
import type { ArticleList, ArticleListQuery } from '../articles/articles.schema.js'
import type { QuoteService } from '../quotes/quotes.service.js'
import type { QuoteList, QuoteListQuery } from '../quotes/quotes.schema.js'
import { SORT_COLUMN, type PeopleRepository, type PersonRow } from './people.repository.js'
import type { Person, PersonList, PersonListQuery, PersonSummary } from './people.schema.js'

export function toPersonSummary(r: PersonRow): PersonSummary {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    articleCount: Number(r.articleCount),
    mentionCount: Number(r.mentionCount),
    quoteCount: Number(r.quoteCount),
    firstSeen: isoOrNull(r.firstSeen),
    lastSeen: isoOrNull(r.lastSeen),
  }
}

export const createPeopleService = (deps: { repo: PeopleRepository; quotes: () => QuoteService; articles: () => ArticleService }) => {
  const { repo } = deps
  const find = (idOrSlug: string) => {
    const row = repo.findByIdOrSlug(idOrSlug)
    if (!row) throw new NotFoundError(`person '${idOrSlug}' not found`)
    return row
  }
  return {
    /**
     * Where a person that no longer exists under this id or slug went (merged, renamed), if anywhere:
     * one primary-key lookup (relink removes a redirect whose slug or id is a person's again).
     */
    movedTo(idOrSlug: string): string | null {
      return repo.redirectOf(idOrSlug)
    },

    async get(idOrSlug: string): Promise<Person> {
      const found = repo.findWithDetails(idOrSlug)
      if (!found) throw new NotFoundError(`person '${idOrSlug}' not found`)
      const { person, aliases, links } = found
      const titles = links.flatMap((l) => (JSON.parse(l.titles) as string[]).map((title) => ({ title, articleId: l.articleId })))
      return { ...toPersonSummary(person), aliases: aliases.filter((a) => a !== person.name), titles }
    },

    async list(query: PersonListQuery): Promise<PersonList> {
      const after = decodeCursor(query.cursor, `people:${query.sort}`)
      const rows = repo.list({ q: query.q, sort: query.sort, after: after ? [after[0] ?? '', String(after[1])] : null, limit: query.limit })
      const col = SORT_COLUMN[query.sort]
      const page = paginate(rows, query.limit, `people:${query.sort}`, (r) => [col === 'nameLower' ? r.nameLower : Number(r[col]), r.id])
      return { data: page.data.map(toPersonSummary), page: page.page }
    },

    async quotes(idOrSlug: string, query: Omit<QuoteListQuery, 'speaker'>): Promise<QuoteList> {
      const row = find(idOrSlug)
      return deps.quotes().list({ ...query, speaker: undefined }, { speaker: row })
    },

    async articles(idOrSlug: string, query: Omit<ArticleListQuery, 'person'>): Promise<ArticleList> {
      const row = find(idOrSlug)
      return deps.articles().list({ ...query, person: undefined }, { personId: row.id })
    },
  }
}
export type PeopleService = ReturnType<typeof createPeopleService>
