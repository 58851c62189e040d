import { NotFoundError } from '../../errors.js'
import { groupBy } from '../../shared/group-by.js'
import { cursorKey, pageOfRanked } from '../../shared/pagination.js'
import { isoOrNull } from '../../shared/params.js'
import type { QuoteService } from '../quotes/quotes.service.js'
import type { QuoteList, QuoteListQuery } from '../quotes/quotes.schema.js'
import type { OrganizationRepository, OrganizationRow, WrittenNameRow } from './organizations.repository.js'
import type { Organization, OrganizationList, OrganizationListQuery, OrganizationSummary } from './organizations.schema.js'

/** Written forms of one speaker, most quoted first (then alphabetically, so the order is stable). */
const byUse = (names: WrittenNameRow[]) => [...names].sort((x, y) => Number(y.quotes) - Number(x.quotes) || x.name.localeCompare(y.name))

function toOrganizationSummary(r: OrganizationRow, names: WrittenNameRow[]): OrganizationSummary {
  return {
    slug: r.slug,
    name: byUse(names)[0]?.name ?? r.slug,
    type: Number(r.organizationQuotes) * 2 >= Number(r.quoteCount) ? 'organization' : 'group',
    quoteCount: Number(r.quoteCount),
    articleCount: Number(r.articleCount),
    firstQuoted: isoOrNull(r.firstQuoted),
    lastQuoted: isoOrNull(r.lastQuoted),
  }
}

export const createOrganizationService = (deps: { repo: OrganizationRepository; quotes: () => QuoteService }) => {
  const find = async (slug: string) => {
    const found = await deps.repo.find(slug.toLowerCase())
    if (!found) throw new NotFoundError(`organization '${slug}' not found`)
    return found
  }
  return {
    /** Every organisation and group speaker, ranked in memory (one aggregate over their quotes, then cached). */
    async list(query: OrganizationListQuery): Promise<OrganizationList> {
      const { organizations, names } = await deps.repo.all()
      const namesBySlug = groupBy(names, (n) => n.slug)
      const needle = query.q?.toLowerCase()
      const summaries = organizations
        .map((r) => ({ summary: toOrganizationSummary(r, namesBySlug.get(r.slug) ?? []), names: namesBySlug.get(r.slug) ?? [] }))
        .filter(({ summary, names }) => {
          if (query.type && summary.type !== query.type) return false
          return !needle || summary.slug.includes(needle) || names.some((n) => n.name.toLowerCase().includes(needle))
        })
        .map(({ summary }) => summary)
      return pageOfRanked(summaries, {
        keyOf: (o) =>
          query.sort === 'name' ? [o.name.toLowerCase(), o.slug] : [query.sort === 'articles' ? o.articleCount : o.quoteCount, o.slug],
        shape: [query.sort === 'name' ? cursorKey.text : cursorKey.count, cursorKey.text],
        ascending: query.sort === 'name',
        sort: `organizations:${query.sort}`,
        cursor: query.cursor,
        limit: query.limit,
      })
    },

    async get(slug: string): Promise<Organization> {
      const { organization, names } = await find(slug)
      return {
        ...toOrganizationSummary(organization, names),
        names: byUse(names).map((n) => ({ name: n.name, quotes: Number(n.quotes) })),
      }
    },

    async quotes(slug: string, query: Omit<QuoteListQuery, 'speaker' | 'speakerType'>): Promise<QuoteList> {
      const { organization } = await find(slug)
      return deps.quotes().list({ ...query, speaker: undefined, speakerType: undefined }, { organization: organization.slug })
    },
  }
}
export type OrganizationService = ReturnType<typeof createOrganizationService>
