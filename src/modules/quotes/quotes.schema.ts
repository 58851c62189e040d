import { z } from 'zod'
import { Page, cursorParam, limitParam } from '../../shared/pagination.js'
import { dateParam, idParam, offset, qParam } from '../../shared/params.js'

export const Offsets = z
  .object({
    start: offset.meta({ examples: [1204] }),
    end: offset.meta({ examples: [1415] }),
  })
  .describe('Character offsets into the article body, end exclusive')
  .meta({ id: 'Offsets' })

export const PersonRef = z
  .object({
    id: z.string().meta({ examples: ['a8f95b7c0571'] }),
    slug: z.string().meta({ examples: ['yuri-ushakov'] }),
    name: z.string().meta({ examples: ['Yuri Ushakov'] }),
  })
  .meta({ id: 'PersonRef' })

export const Quote = z
  .object({
    id: z.string().meta({ examples: ['4427f5d134f73434'] }),
    content: z
      .string()
      .describe('Exact substring of the article body at start..end')
      .meta({
        examples: [
          'Moscow’s proposals had been forwarded to Assistant Secretary of State for European and Eurasian Affairs Karen Donfried',
        ],
      }),
    start: offset.meta({ examples: [1204] }),
    end: offset.meta({ examples: [1415] }),
    parts: z
      .array(Offsets)
      .describe('The speech segments inside start..end: more than one when the quote runs over its attribution (“A,” she said. “B”)'),
    kind: z.enum(['direct', 'indirect', 'mixed']),
    cue: z
      .string()
      .describe('"said", "according to", "quotes ... as saying"')
      .meta({ examples: ['said'] }),
    cueOffsets: Offsets.nullable(),
    via: z
      .string()
      .nullable()
      .describe('Who relayed the quote ("CCTV" in "CCTV quotes Xi as saying")')
      .meta({ examples: ['CCTV'] }),
    confidence: z
      .number()
      .min(0)
      .max(1)
      .meta({ examples: [0.65] }),
    speaker: z.object({
      name: z
        .string()
        .describe("The person's canonical name, or the speaker as written")
        .meta({ examples: ['Yuri Ushakov'] }),
      type: z.enum(['person', 'organization', 'group', 'unknown']),
      text: z
        .string()
        .nullable()
        .describe('The speaker as written ("He", "the Russian leader")')
        .meta({ examples: ['He'] }),
      offsets: Offsets.nullable(),
      person: PersonRef.nullable(),
    }),
    sentence: z.object({
      start: offset.meta({ examples: [1196] }),
      end: offset.meta({ examples: [1416] }),
      text: z.string().meta({
        examples: [
          'He said Moscow’s proposals had been forwarded to Assistant Secretary of State for European and Eurasian Affairs Karen Donfried.',
        ],
      }),
    }),
    article: z.object({
      id: z.string().meta({ examples: ['afd7e63041405759'] }),
      title: z.string().meta({ examples: ['Kremlin: Xi backs Putin’s pursuit of Western guarantees'] }),
      publishedAt: z.iso
        .datetime({ offset: true })
        .nullable()
        .meta({ examples: ['2021-12-15T00:00:00.000Z'] }),
    }),
  })
  .meta({ id: 'Quote' })
export type Quote = z.infer<typeof Quote>

export const QuoteParams = z.object({ id: idParam.meta({ examples: ['4427f5d134f73434'] }) })

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
