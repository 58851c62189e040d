import { NotFoundError } from '../../errors.js'
import { groupBy } from '../../shared/group-by.js'
import { cursorKey, pageOfRanked } from '../../shared/pagination.js'
import { isoOrNull } from '../../shared/params.js'
import type { QuoteService } from '../quotes/quotes.service.js'
import type { QuoteList, QuoteListQuery } from '../quotes/quotes.schema.js'
import { organizationMoves, type OrganizationDecision } from '../../identity/organization-decisions.js'
import type { OrganizationDecisionRow, OrganizationRepository, OrganizationRow, WrittenNameRow } from './organizations.repository.js'
import type { Organization, OrganizationList, OrganizationListQuery, OrganizationSummary } from './organizations.schema.js'

/** Written forms of one speaker, most quoted first (then alphabetically, so the order is stable). */
const byUse = (names: WrittenNameRow[]) => [...names].sort((x, y) => Number(y.quotes) - Number(x.quotes) || x.name.localeCompare(y.name))

function toOrganizationSummary(r: OrganizationRow, names: WrittenNameRow[], given: Map<string, string>): OrganizationSummary {
  return {
    slug: r.slug,
    name: given.get(r.slug) ?? byUse(names)[0]?.name ?? r.slug,
    type: Number(r.organizationQuotes) * 2 >= Number(r.quoteCount) ? 'organization' : 'group',
    quoteCount: Number(r.quoteCount),
    articleCount: Number(r.articleCount),
    firstQuoted: isoOrNull(r.firstQuoted),
    lastQuoted: isoOrNull(r.lastQuoted),
  }
}

/** What editors' decisions make of organisation keys (identity/organization-decisions.ts). */
const movesOf = (rows: OrganizationDecisionRow[]) =>
  organizationMoves(
    rows.map((r): OrganizationDecision =>
      r.kind === 'organization-rename'
        ? { kind: 'organization-rename', organization: r.person, into: r.into, name: r.name ?? r.into }
        : { kind: 'organization-merge', organization: r.person, into: r.into },
    ),
  )

export const createOrganizationService = (deps: { repo: OrganizationRepository; quotes: () => QuoteService }) => {
  const decided = async () => movesOf(await deps.repo.decisions())
  const find = async (slug: string) => {
    const found = await deps.repo.find(slug.toLowerCase())
    if (!found) throw new NotFoundError(`organization '${slug}' not found`)
    return found
  }
  return {
    /** Where an organisation an editor merged or renamed is filed now, if it moved. */
    async movedTo(slug: string): Promise<string | null> {
      return (await decided()).moves.get(slug.toLowerCase()) ?? null
    },

    /** Every organisation and group speaker, ranked in memory (one aggregate over their quotes, then cached). */
    async list(query: OrganizationListQuery): Promise<OrganizationList> {
      const { organizations, names } = await deps.repo.all()
      const { names: given } = await decided()
      const namesBySlug = groupBy(names, (n) => n.slug)
      const needle = query.q?.toLowerCase()
      const summaries = organizations
        .map((r) => ({ summary: toOrganizationSummary(r, namesBySlug.get(r.slug) ?? [], given), names: namesBySlug.get(r.slug) ?? [] }))
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
        ...toOrganizationSummary(organization, names, (await decided()).names),
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
