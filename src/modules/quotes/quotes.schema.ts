import { z } from 'zod'
import { Page, cursorParam, limitParam } from '../../shared/pagination.js'
import { Snippet } from '../../search/snippets.js'
import { type CsvColumns, exportFormat } from '../../shared/export.js'
import { dateParam, idParam, offset, queryNumber, searchParam } from '../../shared/params.js'

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

export const QuoteCorrection = z
  .object({
    decision: z
      .number()
      .int()
      .min(1)
      .describe('The decision number: GET /quotes/decisions lists it, DELETE /quotes/decisions/{seq} revokes it')
      .meta({ examples: [3] }),
    kind: z.enum(['reassign', 'reject']).describe('reassign: an editor gave the quote its speaker; reject: not a quote'),
    createdAt: z.iso.datetime({ offset: true }).meta({ examples: ['2026-12-07T19:50:00.000Z'] }),
    note: z
      .string()
      .nullable()
      .describe("The editor's reason")
      .meta({ examples: ['Ushakov, not Putin, said this'] }),
  })
  .describe("An editor's correction of the quote; null when the quote is as extraction gave it")
  .meta({ id: 'QuoteCorrection' })

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
      organization: z
        .object({ slug: z.string().meta({ examples: ['kremlin'] }) })
        .nullable()
        .describe(
          'The organisation or group speaker, addressable at /organizations/{slug}; null for people and for unnamed speakers ("it", "the company")',
        ),
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
    snippet: Snippet.optional(),
    article: z.object({
      id: z.string().meta({ examples: ['afd7e63041405759'] }),
      title: z.string().meta({ examples: ['Kremlin: Xi backs Putin’s pursuit of Western guarantees'] }),
      publishedAt: z.iso
        .datetime({ offset: true })
        .nullable()
        .meta({ examples: ['2021-12-15T00:00:00.000Z'] }),
    }),
    correction: QuoteCorrection.nullable(),
  })
  .meta({ id: 'Quote' })
export type Quote = z.infer<typeof Quote>

export const QuoteParams = z.object({ id: idParam.meta({ examples: ['4427f5d134f73434'] }) })

export const QuoteSort = z.enum(['newest', 'oldest', 'confidence'])

export const Unresolved = z.enum(['exclude', 'include'])

export const QuoteListQuery = z.strictObject({
  q: searchParam.optional(),
  speaker: idParam.optional().describe('Person id or slug'),
  speakerType: z.enum(['person', 'organization', 'group', 'unknown']).optional().describe('Only quotes whose speaker is of this type'),
  article: idParam.optional().describe('Article id'),
  from: dateParam.optional(),
  to: dateParam.optional(),
  kind: z.enum(['direct', 'indirect', 'mixed']).optional(),
  minConfidence: queryNumber(z.number().min(0).max(1))
    .optional()
    .describe(
      "Only quotes at or above this confidence (calibrated: about that share of them is right; docs/confidence.md). Default: the server's QUOTE_MIN_CONFIDENCE (0.7 unless configured); 0 shows every confidence",
    ),
  unresolved: Unresolved.optional().describe(
    'exclude (default): hide quotes whose speaker is unresolved, neither a person nor a named organisation or group ("he" who was never named, "a spokeswoman", an unknown source); include: show them. `speakerType=unknown` implies include. Everything: `minConfidence=0&unresolved=include`',
  ),
  sort: QuoteSort.default('newest').describe('newest (default), oldest, or confidence (most confident first)'),
  limit: limitParam,
  cursor: cursorParam,
})
export type QuoteListQuery = z.infer<typeof QuoteListQuery>

export const QuoteVisibility = z
  .object({
    minConfidence: z
      .number()
      .min(0)
      .max(1)
      .meta({ examples: [0.7] }),
    unresolved: Unresolved,
  })
  .describe(
    'What the list left out: quotes below minConfidence and, when unresolved is exclude, quotes with an unresolved speaker (minConfidence=0&unresolved=include lists everything; GET /quotes/{id} answers any quote)',
  )
  .meta({ id: 'QuoteVisibility' })
export type QuoteVisibility = z.infer<typeof QuoteVisibility>

export const QuoteList = z.object({ data: z.array(Quote), page: Page, shown: QuoteVisibility }).meta({ id: 'QuoteList' })
export type QuoteList = z.infer<typeof QuoteList>

export const QuoteExportQuery = QuoteListQuery.omit({ limit: true, cursor: true }).extend({ format: exportFormat })
export type QuoteExportQuery = z.infer<typeof QuoteExportQuery>

/** The CSV columns of a quote export: the quote flattened, one row per quote. */
export const QUOTE_CSV: CsvColumns<Quote> = [
  ['id', (q) => q.id],
  ['articleId', (q) => q.article.id],
  ['articleTitle', (q) => q.article.title],
  ['publishedAt', (q) => q.article.publishedAt],
  ['speakerName', (q) => q.speaker.name],
  ['speakerType', (q) => q.speaker.type],
  ['speakerText', (q) => q.speaker.text],
  ['personId', (q) => q.speaker.person?.id],
  ['personSlug', (q) => q.speaker.person?.slug],
  ['organization', (q) => q.speaker.organization?.slug],
  ['kind', (q) => q.kind],
  ['cue', (q) => q.cue],
  ['via', (q) => q.via],
  ['confidence', (q) => q.confidence],
  ['start', (q) => q.start],
  ['end', (q) => q.end],
  ['content', (q) => q.content],
  ['sentence', (q) => q.sentence.text],
]
