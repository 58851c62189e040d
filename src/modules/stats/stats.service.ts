import { isoOrNull } from '../../shared/params.js'
import type { StatsRepository } from './stats.repository.js'
import type { Stats } from './stats.schema.js'

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
})
export type StatsService = ReturnType<typeof createStatsService>
