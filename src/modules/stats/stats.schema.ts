import { z } from 'zod'
import { count, dateParam } from '../../shared/params.js'

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

export const SourcesBy = z.enum(['section', 'month', 'outlet'])

export const SourcesQuery = z.strictObject({
  by: SourcesBy.optional().describe(
    "Group by the article's section, its month of publication (UTC, YYYY-MM) or its outlet (the agency or source it came from); without it, only the overall counts",
  ),
  from: dateParam.optional().describe('Quotes in articles published from this day on (undated articles are left out once a date is given)'),
  to: dateParam.optional().describe('Quotes in articles published up to this day'),
  section: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Only articles of this section')
    .meta({ examples: ['International'] }),
})
export type SourcesQuery = z.infer<typeof SourcesQuery>

const Share = z
  .object({
    count: count.meta({ examples: [3] }),
    share: z
      .number()
      .min(0)
      .max(1)
      .describe('count / total, rounded to 4 decimals; 0 when total is 0')
      .meta({ examples: [0.375] }),
  })
  .meta({ id: 'SourceShare' })

const ByPronoun = z
  .object({
    total: count.meta({ examples: [8] }),
    she: Share,
    he: Share,
    they: Share,
    unknown: Share.describe('People whose articles give no clear evidence: shown, never shared out among the others'),
  })
  .meta({ id: 'SourcesByPronoun' })

export const SourceCounts = z
  .object({
    people: ByPronoun.describe('Distinct quoted people (with at least one quote here), by how the articles refer to them'),
    quotes: ByPronoun.describe('Their quotes, by how the articles refer to the speaker'),
  })
  .meta({ id: 'SourceCounts' })

export const SourceGroup = z
  .object({
    value: z
      .string()
      .nullable()
      .describe('The section, month (YYYY-MM) or outlet; null: articles without one')
      .meta({ examples: ['International'] }),
    ...SourceCounts.shape,
  })
  .meta({ id: 'SourceGroup' })

export const SourceStats = z
  .object({
    by: SourcesBy.nullable().meta({ examples: ['section'] }),
    filters: z.object({
      from: isoDateTime.nullable().meta({ examples: ['2021-12-01T00:00:00.000Z'] }),
      to: isoDateTime.nullable().meta({ examples: ['2021-12-31T23:59:59.999Z'] }),
      section: z.string().nullable(),
    }),
    overall: SourceCounts,
    groups: z.array(SourceGroup).describe('One per value, most quotes first (at most 500); empty without `by`'),
  })
  .meta({ id: 'SourceStats' })
export type SourceStats = z.infer<typeof SourceStats>
export type SourceCounts = z.infer<typeof SourceCounts>
