import { z } from 'zod'
import { Page, cursorParam, limitParam } from '../../shared/pagination.js'
import { idParam, offset, queryNumber } from '../../shared/params.js'
import { PersonRef } from './quotes.schema.js'

/** The body of PATCH /quotes/{id}: a speaker (a person or an organisation), or "not a quote". */
export const QuoteCorrectionBody = z
  .strictObject({
    speaker: z
      .strictObject({
        person: idParam.optional().describe('Person id or slug (an old one, of a person merged or renamed, is followed)'),
        organization: idParam.optional().describe('Organisation or group slug, as at /organizations/{slug}'),
      })
      .refine((s) => (s.person === undefined) !== (s.organization === undefined), { message: 'give one of person or organization' })
      .optional()
      .describe('Who said it'),
    notAQuote: z.literal(true).optional().describe('The text is not a quote: it leaves every list and count'),
    note: z.string().min(1).max(2000).optional().describe("The editor's reason, kept with the decision"),
  })
  .refine((b) => (b.speaker === undefined) !== (b.notAQuote === undefined), { message: 'give either speaker or notAQuote: true' })
  .meta({
    examples: [{ speaker: { person: 'yuri-ushakov' }, note: 'Ushakov, not Putin, said this' }, { notAQuote: true }],
  })
export type QuoteCorrectionBody = z.infer<typeof QuoteCorrectionBody>

export const QuoteDecision = z
  .object({
    seq: z
      .number()
      .int()
      .min(1)
      .describe('The decision number, for DELETE /quotes/decisions/{seq}')
      .meta({ examples: [3] }),
    kind: z.enum(['reassign', 'reject']),
    quote: z
      .object({
        id: z.string().describe('The quote it applies to now (after a re-extraction, the quote that matched it)'),
        article: z.object({ id: z.string() }),
        start: offset,
        end: offset,
        content: z.string(),
      })
      .describe(
        'The quote as it was decided on: re-extracted quotes of the article whose span overlaps it by half or whose text is the same take the decision',
      ),
    speaker: z
      .object({
        person: PersonRef.nullable().describe(
          'The person given the quote, as they are now (followed through merges and renames); null if gone',
        ),
        organization: z.object({ slug: z.string(), name: z.string() }).nullable(),
      })
      .nullable()
      .describe('reassign: the speaker given; null for reject'),
    note: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .describe("An editor's decision on one quote")
export type QuoteDecision = z.infer<typeof QuoteDecision>

// no component ids here: the read-only API's document would list them unused
export const QuoteDecisionList = z.object({ data: z.array(QuoteDecision), page: Page })
export type QuoteDecisionList = z.infer<typeof QuoteDecisionList>

export const QuoteDecisionListQuery = z.strictObject({ limit: limitParam, cursor: cursorParam })
export type QuoteDecisionListQuery = z.infer<typeof QuoteDecisionListQuery>

export const QuoteDecisionParams = z.object({
  seq: queryNumber(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).describe('The decision number'),
})
