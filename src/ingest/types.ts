/** One article as read from an input, before extraction. */
export interface ParsedArticle {
  title: string
  body: string
  publishedAt: Date | null
  section: string | null
  dateline: string | null
  agency: string | null
  url: string | null
  externalId: string | null
  /** Fields of a JSON record that Newsdesk does not model, kept as given. */
  extra: Record<string, unknown> | null
  format: 'seed' | 'text' | 'json' | 'jsonl' | 'html' | 'feed'
  /** Where the body starts in the source text (lets gold offsets into the file be compared). */
  bodyOffset: number
  /** Problems that did not stop the article from going in ("date 'soon' does not parse"). */
  warnings: string[]
}

export class ParseError extends Error {
  override name = 'ParseError'
}
