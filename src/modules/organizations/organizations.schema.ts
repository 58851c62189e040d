import { z } from 'zod'
import { Page, cursorParam, limitParam } from '../../shared/pagination.js'
import { count, qParam } from '../../shared/params.js'

const isoDateTime = z.iso.datetime({ offset: true })

export const OrganizationSummary = z
  .object({
    slug: z
      .string()
      .describe('The URL key: the name without a leading article, accents, case or punctuation')
      .meta({ examples: ['kremlin'] }),
    name: z
      .string()
      .describe('The name as most often written')
      .meta({ examples: ['the Kremlin'] }),
    type: z
      .enum(['organization', 'group'])
      .describe('organization: a named body ("the Kremlin", "Microsoft"); group: people spoken for together ("Russian officials")'),
    quoteCount: count.meta({ examples: [3] }),
    articleCount: count.meta({ examples: [1] }),
    firstQuoted: isoDateTime.nullable().meta({ examples: ['2021-12-15T00:00:00.000Z'] }),
    lastQuoted: isoDateTime.nullable().meta({ examples: ['2021-12-15T00:00:00.000Z'] }),
  })
  .meta({ id: 'OrganizationSummary' })
export type OrganizationSummary = z.infer<typeof OrganizationSummary>

export const Organization = OrganizationSummary.extend({
  names: z
    .array(z.object({ name: z.string().meta({ examples: ['the Kremlin'] }), quotes: count.meta({ examples: [3] }) }))
    .describe('Every way the speaker was written, most quoted first'),
}).meta({ id: 'Organization' })
export type Organization = z.infer<typeof Organization>

export const OrganizationParams = z.object({
  slug: z
    .string()
    .min(1)
    .max(200)
    .describe('Organisation slug')
    .meta({ examples: ['kremlin'] }),
})

export const OrganizationSort = z.enum(['quotes', 'articles', 'name'])

export const OrganizationListQuery = z.strictObject({
  q: qParam.optional().describe('Name contains (any written form)'),
  type: z.enum(['organization', 'group']).optional(),
  sort: OrganizationSort.default('quotes'),
  limit: limitParam,
  cursor: cursorParam,
})
export type OrganizationListQuery = z.infer<typeof OrganizationListQuery>

export const OrganizationList = z.object({ data: z.array(OrganizationSummary), page: Page }).meta({ id: 'OrganizationList' })
export type OrganizationList = z.infer<typeof OrganizationList>
