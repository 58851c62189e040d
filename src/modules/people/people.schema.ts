import { z } from 'zod'
import { Page, cursorParam, limitParam } from '../../shared/pagination.js'
import { idParam, qParam } from '../../shared/params.js'

const isoDateTime = z.iso.datetime({ offset: true })

export const PersonSummary = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  articleCount: z.number().int(),
  mentionCount: z.number().int(),
  quoteCount: z.number().int(),
  firstSeen: isoDateTime.nullable(),
  lastSeen: isoDateTime.nullable(),
}).meta({ id: 'PersonSummary' })
export type PersonSummary = z.infer<typeof PersonSummary>

export const Person = PersonSummary.extend({
  aliases: z.array(z.string()),
  titles: z.array(z.object({ title: z.string(), articleId: z.string() })).describe('Titles and roles, each with the article it was written in'),
}).meta({ id: 'Person' })
export type Person = z.infer<typeof Person>

export const PersonParams = z.object({ idOrSlug: idParam })

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
