import { z } from 'zod'
import { Page, cursorParam, limitParam } from '../../shared/pagination.js'
import { dateParam, idParam, qParam } from '../../shared/params.js'

export const Offsets = z.object({ start: z.number().int(), end: z.number().int() }).meta({ id: 'Offsets' })

export const PersonRef = z.object({ id: z.string(), slug: z.string(), name: z.string() }).meta({ id: 'PersonRef' })

export const Quote = z.object({
  id: z.string(),
  content: z.string().describe('Exact substring of the article body at start..end'),
  start: z.number().int(),
  end: z.number().int(),
  parts: z.array(Offsets).describe('The speech segments inside start..end: more than one when the quote runs over its attribution (“A,” she said. “B”)'),
  kind: z.enum(['direct', 'indirect', 'mixed']),
  cue: z.string().describe('"said", "according to", "quotes ... as saying"'),
  cueOffsets: Offsets.nullable(),
  via: z.string().nullable().describe('Who relayed the quote ("CCTV" in "CCTV quotes Xi as saying")'),
  confidence: z.number().min(0).max(1),
  speaker: z.object({
    name: z.string().describe("The person's canonical name, or the speaker as written"),
    type: z.enum(['person', 'organization', 'group', 'unknown']),
    text: z.string().nullable().describe('The speaker as written ("He", "the Russian leader")'),
    offsets: Offsets.nullable(),
    person: PersonRef.nullable(),
  }),
  sentence: z.object({ start: z.number().int(), end: z.number().int(), text: z.string() }),
  article: z.object({ id: z.string(), title: z.string(), publishedAt: z.iso.datetime({ offset: true }).nullable() }),
}).meta({ id: 'Quote' })
export type Quote = z.infer<typeof Quote>

export const QuoteParams = z.object({ id: idParam })

export const QuoteListQuery = z.strictObject({
  q: qParam.optional().describe('Full-text search over quote content'),
  speaker: idParam.optional().describe('Person id or slug'),
  article: idParam.optional().describe('Article id'),
  from: dateParam.optional(),
  to: dateParam.optional(),
  kind: z.enum(['direct', 'indirect', 'mixed']).optional(),
  minConfidence: z.coerce.number().min(0).max(1).optional(),
  limit: limitParam,
  cursor: cursorParam,
})
export type QuoteListQuery = z.infer<typeof QuoteListQuery>

export const QuoteList = z.object({ data: z.array(Quote), page: Page }).meta({ id: 'QuoteList' })
export type QuoteList = z.infer<typeof QuoteList>
