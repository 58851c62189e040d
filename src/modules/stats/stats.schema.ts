import { z } from 'zod'
import { count } from '../../shared/params.js'

const isoDateTime = z.iso.datetime({ offset: true })
const Tally = z.object({ value: z.string().nullable().describe('null: articles without one'), count })

export const Stats = z
  .object({
    articles: z.object({
      total: count.meta({ examples: [1] }),
      dated: count.meta({ examples: [1] }),
      undated: count.meta({ examples: [0] }),
      firstPublished: isoDateTime.nullable().meta({ examples: ['2021-12-15T00:00:00.000Z'] }),
      lastPublished: isoDateTime.nullable().meta({ examples: ['2021-12-15T00:00:00.000Z'] }),
    }),
    people: count.meta({ examples: [6] }),
    organizations: count.describe('Named organisation and group speakers (GET /organizations)').meta({ examples: [2] }),
    quotes: z.object({
      total: count.meta({ examples: [20] }),
      byKind: z.object({ direct: count, indirect: count, mixed: count }),
      bySpeakerType: z.object({ person: count, organization: count, group: count, unknown: count }),
    }),
    sections: z.array(Tally).describe('Articles per section, most first (at most 100)'),
    agencies: z.array(Tally).describe('Articles per agency, most first (at most 100)'),
  })
  .meta({ id: 'Stats' })
export type Stats = z.infer<typeof Stats>
