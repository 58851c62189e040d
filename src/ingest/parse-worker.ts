import { parseBody, type RecordResult } from './parse.js'
import { ParseError } from './types.js'

export interface ParseTask {
  jsonLines: boolean
  bytes: Uint8Array
}

/** What a worker answers: the records, or why the body as a whole is not text (an error loses its class between threads). */
export type ParseAnswer = { records: RecordResult[] } | { reason: string }

/** parseBody as a task for a worker thread (Piscina), or called in this one. */
export default function parseTask({ jsonLines, bytes }: ParseTask): ParseAnswer {
  try {
    return { records: parseBody(jsonLines, bytes) }
  } catch (err) {
    if (err instanceof ParseError) return { reason: err.message }
    throw err
  }
}
