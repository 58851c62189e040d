import { extract, readableBody, uniqueBySpan } from '../pipeline.js'
import { findQuotes } from '../stages/find-quotes.js'
import { linkQuotations } from '../stages/link-quotations.js'
import { splitSentences } from '../stages/split-sentences.js'
import { tokenize } from '../stages/tokenize.js'
import type { ArticleText, ExtractedQuote } from '../types.js'
import type { CandidateOrigin } from './types.js'

/** An extracted quote with the rule that produced it (error analysis only; never stored or served). */
export interface ExplainedQuote extends ExtractedQuote {
  pattern: CandidateOrigin | null
}

/**
 * The pipeline's quotes, each with the pattern that produced it: `extract` unchanged, and the
 * quote candidates (one per content span) recomputed beside it to name their patterns.
 */
export function extractWithPatterns(doc: ArticleText): ExplainedQuote[] {
  const { body } = readableBody(doc)
  const sentences = splitSentences(body)
  const candidates = uniqueBySpan(linkQuotations(body, sentences, findQuotes(body, sentences, tokenize(sentences))))
  const bySpan = new Map(candidates.map((q) => [`${q.content.start}:${q.content.end}`, q.pattern]))
  return extract(doc).quotes.map((q) => ({ ...q, pattern: bySpan.get(`${q.start}:${q.end}`) ?? null }))
}
