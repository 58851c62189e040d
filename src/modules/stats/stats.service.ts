import { dateRange, isoOrNull } from '../../shared/params.js'
import type { SourceTally, StatsRepository } from './stats.repository.js'
import type { SourceCounts, SourceStats, SourcesQuery, Stats } from './stats.schema.js'

/** Groups a sources answer keeps (a corpus can have thousands of outlets). */
const MAX_GROUPS = 500

type PronounKey = 'she' | 'he' | 'they' | 'unknown'

/** Counts per referred pronoun, with shares of the total; a pronoun stored as anything else is unknown. */
function sourceCounts(rows: SourceTally[]): SourceCounts {
  const tally = (pick: (r: SourceTally) => number) => {
    const n = { she: 0, he: 0, they: 0, unknown: 0 }
    for (const r of rows) {
      const key = r.pronoun === 'she' || r.pronoun === 'he' || r.pronoun === 'they' ? r.pronoun : 'unknown'
      n[key] += Number(pick(r))
    }
    const total = n.she + n.he + n.they + n.unknown
    const share = (k: PronounKey) => ({ count: n[k], share: total ? Math.round((n[k] / total) * 10_000) / 10_000 : 0 })
    return { total, she: share('she'), he: share('he'), they: share('they'), unknown: share('unknown') }
  }
  return { people: tally((r) => r.people), quotes: tally((r) => r.quotes) }
}

/** Lists of values the answer keeps (a corpus can have thousands of agencies). */
const MAX_VALUES = 100

const countOf = (rows: { value: string | null; n: number }[], value: string) => Number(rows.find((r) => r.value === value)?.n ?? 0)

export const createStatsService = ({ repo }: { repo: StatsRepository }) => ({
  async get(): Promise<Stats> {
    const t = await repo.totals()
    const tally = (rows: { value: string | null; n: number }[]) =>
      rows.slice(0, MAX_VALUES).map((r) => ({ value: r.value, count: Number(r.n) }))
    return {
      articles: {
        total: Number(t.articles.total),
        dated: Number(t.articles.dated),
        undated: Number(t.articles.total) - Number(t.articles.dated),
        firstPublished: isoOrNull(t.articles.first),
        lastPublished: isoOrNull(t.articles.last),
      },
      people: Number(t.people),
      organizations: Number(t.organizations),
      quotes: {
        total: t.quoteKinds.reduce((n, r) => n + Number(r.n), 0),
        byKind: {
          direct: countOf(t.quoteKinds, 'direct'),
          indirect: countOf(t.quoteKinds, 'indirect'),
          mixed: countOf(t.quoteKinds, 'mixed'),
        },
        bySpeakerType: {
          person: countOf(t.speakerTypes, 'person'),
          organization: countOf(t.speakerTypes, 'organization'),
          group: countOf(t.speakerTypes, 'group'),
          unknown: countOf(t.speakerTypes, 'unknown'),
        },
      },
      sections: tally(t.sections),
      agencies: tally(t.agencies),
    }
  },

  /** Quoted people and their quotes by how the articles refer to them, overall and per section, month or outlet. */
  async sources(query: SourcesQuery): Promise<SourceStats> {
    const range = dateRange(query.from, query.to)
    const by = query.by ?? null
    const rows = await repo.sources({ by, ...range, section: query.section })
    const byValue = new Map<string | null, SourceTally[]>()
    for (const r of rows.groups) (byValue.get(r.value) ?? byValue.set(r.value, []).get(r.value)!).push(r)
    const groups = [...byValue]
      .map(([value, tallies]) => ({ value, ...sourceCounts(tallies) }))
      // most quotes first; then by value, months in order, the group without a value last
      .sort(
        (a, b) =>
          b.quotes.total - a.quotes.total ||
          (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) ||
          (a.value ?? '').localeCompare(b.value ?? ''),
      )
      .slice(0, MAX_GROUPS)
    return {
      by,
      filters: { from: range.from?.toISOString() ?? null, to: range.to?.toISOString() ?? null, section: query.section ?? null },
      overall: sourceCounts(rows.overall),
      groups,
    }
  },
})
export type StatsService = ReturnType<typeof createStatsService>
