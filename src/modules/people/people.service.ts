import { dateRange, isoOrNull, sqlDate } from '../../shared/params.js'
import { EXPORT_BATCH, keysetBatches } from '../../shared/export.js'
import { bucketIndex, bucketStarts, nextBucketStart } from '../../shared/time-buckets.js'
import { BadRequestError, NotFoundError } from '../../errors.js'
import { cursorKey, decodeCursor, pageOfRanked, paginate, totalOf } from '../../shared/pagination.js'
import type { ArticleService } from '../articles/articles.service.js'
import type { ArticleList, ArticleListQuery } from '../articles/articles.schema.js'
import type { QuoteService } from '../quotes/quotes.service.js'
import type { QuoteList, QuoteListQuery } from '../quotes/quotes.schema.js'
import { SORT_COLUMN, type PeopleRepository, type PersonRow, type ReferredRow } from './people.repository.js'
import { relatedCounts } from './related.js'
import type { ReadStore } from '../../db/read-store.js'
import type {
  Person,
  PersonExportQuery,
  PersonList,
  PersonListQuery,
  PersonSummary,
  PersonTimeline,
  ReferredAs,
  RelatedList,
  RelatedQuery,
  TimelineQuery,
} from './people.schema.js'

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
    pronoun: pronounOf(r.pronoun),
  }
}

const pronounOf = (p: string | null): ReferredAs['pronoun'] => (p === 'he' || p === 'she' || p === 'they' ? p : null)
const BASES = ['honorific', 'role', 'pronouns', 'given-name'] as const

/** The stored corpus decision (ingest/people-counts.ts) as the API shows it; a person never read for evidence shows zeros. */
export function toReferredAs(pronoun: string | null, r: ReferredRow): ReferredAs {
  type Votes = ReferredAs['evidence']['honorific']
  const stored = JSON.parse(r.pronounEvidence || '{}') as Partial<Record<'honorific' | 'role' | 'pronoun' | 'givenName', Votes>> & {
    articles?: number
  }
  const votes = (v: Votes | undefined): Votes => ({ he: v?.he ?? 0, she: v?.she ?? 0, they: v?.they ?? 0 })
  const basis = BASES.find((b) => b === r.pronounBasis) ?? null
  return {
    pronoun: pronounOf(pronoun),
    basis: pronounOf(pronoun) ? basis : null,
    evidence: {
      honorific: votes(stored.honorific),
      role: votes(stored.role),
      pronouns: votes(stored.pronoun),
      givenName: votes(stored.givenName),
      articles: stored.articles ?? 0,
    },
  }
}

/** A timeline answers at most this many buckets (ten years of days). */
export const MAX_TIMELINE_BUCKETS = 3660

export const createPeopleService = (deps: {
  repo: PeopleRepository
  quotes: () => QuoteService
  articles: () => ArticleService
  db: ReadStore
  totalCap: number
}) => {
  const { repo, db } = deps
  const find = async (idOrSlug: string) => {
    const row = await repo.findByIdOrSlug(idOrSlug)
    if (!row) throw new NotFoundError(`person '${idOrSlug}' not found`)
    return row
  }
  return {
    /**
     * Where a person that no longer exists under this id or slug went (merged, renamed), if anywhere:
     * one primary-key lookup (relink removes a redirect whose slug or id is a person's again).
     */
    movedTo(idOrSlug: string): Promise<string | null> {
      return repo.redirectOf(idOrSlug)
    },

    async get(idOrSlug: string): Promise<Person> {
      const found = await repo.findWithDetails(idOrSlug)
      if (!found) throw new NotFoundError(`person '${idOrSlug}' not found`)
      const { person, referred, aliases, links } = found
      const titles = links.flatMap((l) => (JSON.parse(l.titles) as string[]).map((title) => ({ title, articleId: l.articleId })))
      return {
        ...toPersonSummary(person),
        aliases: aliases.filter((a) => a !== person.name),
        titles,
        referredAs: toReferredAs(person.pronoun, referred),
      }
    },

    async list(query: PersonListQuery): Promise<PersonList> {
      const after = decodeCursor(query.cursor, `people:${query.sort}`, [
        query.sort === 'name' ? cursorKey.text : cursorKey.count,
        cursorKey.text,
      ])
      const rows = await repo.list({
        q: query.q,
        sort: query.sort,
        after,
        limit: query.limit,
      })
      const col = SORT_COLUMN[query.sort]
      const total = totalOf(await repo.count(query.q, deps.totalCap), deps.totalCap)
      const page = paginate(
        rows,
        query.limit,
        `people:${query.sort}`,
        (r) => [col === 'nameLower' ? r.nameLower : Number(r[col]), r.id],
        total,
      )
      return { data: page.data.map(toPersonSummary), page: page.page }
    },

    /** Articles, mentions and quotes per UTC day, ISO week or month, every bucket of the range present. */
    async timeline(idOrSlug: string, query: Partial<TimelineQuery>): Promise<PersonTimeline> {
      const person = await find(idOrSlug)
      const interval = query.interval ?? 'month'
      const range = dateRange(query.from, query.to)
      const from = range.from ?? (person.firstSeen === null ? undefined : new Date(person.firstSeen))
      const to = range.to ?? (person.lastSeen === null ? undefined : new Date(person.lastSeen))
      const ref = { id: person.id, slug: person.slug, name: person.name }
      const starts = from && to && from <= to ? bucketStarts(from, to, interval, MAX_TIMELINE_BUCKETS) : []
      if (starts === null) {
        throw new BadRequestError(
          `more than ${MAX_TIMELINE_BUCKETS} ${interval}s between 'from' and 'to'; use a wider interval or a shorter range`,
          {
            in: 'query',
            name: 'interval',
          },
        )
      }
      const buckets = starts.map((start, i) => ({
        start: start.toISOString(),
        end: (starts[i + 1] ?? nextBucketStart(start, interval)).toISOString(),
        articles: 0,
        mentions: 0,
        quotes: { total: 0, direct: 0, indirect: 0, mixed: 0 },
      }))
      const end = starts.length ? nextBucketStart(starts.at(-1)!, interval) : new Date(0)
      // no bucket: a range no date falls in (only the undated are counted)
      const nowhere = sqlDate(new Date('9999-12-31T00:00:00Z'))
      const [lo, hi] = starts.length ? [sqlDate(starts[0]!), sqlDate(new Date(end.getTime() - 1))] : [nowhere, nowhere]
      const undated = { articles: 0, quotes: 0 }
      for (const a of await repo.appearances(person.id, lo, hi)) {
        if (a.publishedAt === null) {
          undated.articles++
          continue
        }
        const bucket = buckets[bucketIndex(starts, end, new Date(a.publishedAt))]
        if (!bucket) continue
        bucket.articles++
        bucket.mentions += Number(a.mentionCount)
      }
      for (const q of await repo.quoteDates(person.id, lo, hi)) {
        if (q.publishedAt === null) {
          undated.quotes++
          continue
        }
        const bucket = buckets[bucketIndex(starts, end, new Date(q.publishedAt))]
        if (!bucket) continue
        bucket.quotes.total++
        if (q.kind === 'direct' || q.kind === 'indirect' || q.kind === 'mixed') bucket.quotes[q.kind]++
      }
      return {
        person: ref,
        interval,
        from: starts.length ? starts[0]!.toISOString() : null,
        to: starts.length ? end.toISOString() : null,
        buckets,
        undated,
      }
    },

    /** People who appear in the same articles, with what they share; the whole set is ranked, then cut by keyset. */
    async related(idOrSlug: string, query: RelatedQuery): Promise<RelatedList> {
      const person = await find(idOrSlug)
      const counts = await db.snapshot(async (tx) =>
        relatedCounts(person.id, await repo.appearancesAround(person.id, tx), await repo.quotesAround(person.id, tx)),
      )
      const rows = (await repo.byIds([...counts.keys()])).map((p) => ({ ...p, ...counts.get(p.id)! }))
      const page = pageOfRanked(rows, {
        keyOf: (r) =>
          query.sort === 'name'
            ? [r.nameLower, r.id]
            : [
                query.sort === 'quotes' ? Number(r.quotesMentioningThem) + Number(r.quotesMentioningPerson) : Number(r.sharedArticles),
                r.id,
              ],
        shape: [query.sort === 'name' ? cursorKey.text : cursorKey.count, cursorKey.text],
        ascending: query.sort === 'name',
        sort: `related:${query.sort}`,
        cursor: query.cursor,
        limit: query.limit,
      })
      return {
        person: { id: person.id, slug: person.slug, name: person.name },
        data: page.data.map((r) => ({
          id: r.id,
          slug: r.slug,
          name: r.name,
          articleCount: Number(r.articleCount),
          sharedArticles: Number(r.sharedArticles),
          quotesByPersonMentioningThem: Number(r.quotesMentioningThem),
          quotesByThemMentioningPerson: Number(r.quotesMentioningPerson),
          quotesByThemInSharedArticles: Number(r.theirQuotes),
        })),
        page: page.page,
      }
    },

    /** Everyone the name search matches, in batches, in the list's order. */
    async export(query: PersonExportQuery): Promise<AsyncIterable<PersonSummary[]>> {
      const col = SORT_COLUMN[query.sort]
      return (async function* () {
        const batches = keysetBatches(
          (after: [string | number, string] | null) => repo.list({ q: query.q, sort: query.sort, after, limit: EXPORT_BATCH }),
          (r): [string | number, string] => [col === 'nameLower' ? r.nameLower : Number(r[col]), r.id],
        )
        for await (const rows of batches) yield rows.map(toPersonSummary)
      })()
    },

    async quotes(idOrSlug: string, query: Omit<QuoteListQuery, 'speaker'>): Promise<QuoteList> {
      const row = await find(idOrSlug)
      return deps.quotes().list({ ...query, speaker: undefined }, { speaker: row })
    },

    async articles(idOrSlug: string, query: Omit<ArticleListQuery, 'person'>): Promise<ArticleList> {
      const row = await find(idOrSlug)
      return deps.articles().list({ ...query, person: undefined }, { personId: row.id })
    },
  }
}
export type PeopleService = ReturnType<typeof createPeopleService>
