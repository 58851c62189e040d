import { z } from 'zod'
import { Page, cursorParam, limitParam } from '../../shared/pagination.js'
import { count, idParam, qParam } from '../../shared/params.js'

const isoDateTime = z.iso.datetime({ offset: true })

export const PersonSummary = z
  .object({
    id: z.string().meta({ examples: ['2366dbd72f63'] }),
    slug: z.string().meta({ examples: ['xi-jinping'] }),
    name: z.string().meta({ examples: ['Xi Jinping'] }),
    articleCount: count.meta({ examples: [1] }),
    mentionCount: count.meta({ examples: [12] }),
    quoteCount: count.meta({ examples: [6] }),
    firstSeen: isoDateTime
      .nullable()
      .describe('Publication date of the earliest dated article that mentions them')
      .meta({ examples: ['2021-12-15T00:00:00.000Z'] }),
    lastSeen: isoDateTime.nullable().meta({ examples: ['2021-12-15T00:00:00.000Z'] }),
  })
  .meta({ id: 'PersonSummary' })
export type PersonSummary = z.infer<typeof PersonSummary>

export const Person = PersonSummary.extend({
  aliases: z.array(z.string()).meta({ examples: [['Xi']] }),
  titles: z
    .array(
      z.object({
        title: z.string().meta({ examples: ['Chinese President'] }),
        articleId: z.string().meta({ examples: ['afd7e63041405759'] }),
      }),
    )
    .describe('Titles and roles, each with the article it was written in'),
}).meta({ id: 'Person' })
export type Person = z.infer<typeof Person>

export const PersonParams = z.object({ idOrSlug: idParam.describe('Person id or slug').meta({ examples: ['xi-jinping'] }) })

export const PersonSort = z.enum(['quotes', 'mentions', 'articles', 'name'])

export const PersonListQuery = z.strictObject({
  q: qParam.optional().describe('Name or alias contains'),
  sort: PersonSort.default('mentions'),
  limit: limitParam,
  cursor: cursorParam,
})
export type PersonListQuery = z.infer<typeof PersonListQuery>

export const PersonList = z.object({ data: z.array(PersonSummary), page: Page }).meta({ id: 'PersonList' })
export type PersonList = z.infer<typeof PersonList>
