import { z } from 'zod'
import { ProblemDetails } from '../../errors.js'
import { count } from '../../shared/params.js'

/** No component ids: these exist in the document only when writes are enabled. */
export const WriteOutcome = z.object({
  where: z
    .string()
    .describe('Which record: "line 3" of JSON Lines, "item 2" of a JSON array, "" for a single record')
    .meta({ examples: ['line 1'] }),
  status: z.enum(['ingested', 'updated', 'unchanged', 'failed']).describe('As the CLI reports it'),
  id: z
    .string()
    .nullable()
    .describe('The stored article (also for unchanged content)')
    .meta({ examples: ['afd7e63041405759'] }),
  title: z
    .string()
    .nullable()
    .meta({ examples: ['Kremlin: Xi backs Putin’s pursuit of Western guarantees'] }),
  warnings: z.array(z.string()).describe('Problems that did not stop the record ("date \'soon\' does not parse")'),
  problem: ProblemDetails.nullable().describe(
    'Why a failed record was refused (status 400 for what is wrong with it, 500 for what went wrong here)',
  ),
})
export type WriteOutcome = z.infer<typeof WriteOutcome>

export const WriteResult = z.object({
  results: z.array(WriteOutcome).describe('One per record, in order'),
  summary: z.object({ ingested: count, updated: count, unchanged: count, failed: count }),
})
export type WriteResult = z.infer<typeof WriteResult>

export const WriteQuery = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional()
    .describe('For an HTML page: the address it was published at (its identity, unless the page names a canonical URL)'),
})
