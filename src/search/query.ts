/**
 * The search mini-grammar of `q`, for people rather than for FTS5:
 *
 *   words            all required, any order ("kremlin guarantees")
 *   "two words"      a phrase: the words in this order, next to each other
 *   a OR b           either (OR in capitals, between two terms; binds tighter than the spaces)
 *   -word, -"a b"    must not appear
 *
 * Anything else is text: punctuation inside a word makes a phrase of its parts ("U.S." is "u s",
 * as the index splits it), an unclosed quote runs to the end, a stray OR or '-' is ignored. The
 * result is built from quoted FTS5 strings only, so no input can produce an FTS5 syntax error.
 */
export interface ParsedQuery {
  /** The FTS5 MATCH expression. */
  fts: string
  /** What the user asked for, in normalised words (for messages and logs). */
  terms: string[]
}

export class QueryError extends Error {}

const MAX_TERMS = 32

type Token = { kind: 'term'; words: string[]; negated: boolean } | { kind: 'or' }

const wordsOf = (text: string) => text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []

function tokenize(q: string): Token[] {
  const tokens: Token[] = []
  const pattern = /(-?)"([^"]*)"?|(\S+)/gu
  for (const m of q.matchAll(pattern)) {
    if (m[3] === 'OR') {
      tokens.push({ kind: 'or' })
      continue
    }
    const negated = m[1] === '-' || (m[3]?.startsWith('-') ?? false)
    const words = wordsOf(m[2] ?? m[3] ?? '')
    if (words.length) tokens.push({ kind: 'term', words, negated })
  }
  return tokens
}

const phrase = (words: string[]) => `"${words.join(' ')}"`

/** Parses `q`; throws QueryError when nothing is left to look for. */
export function parseSearch(q: string): ParsedQuery {
  const tokens = tokenize(q)
  // groups of alternatives: a OR b c -> [[a, b], [c]]
  const groups: string[][] = []
  const excluded: string[] = []
  const terms: string[] = []
  let joinNext = false
  for (const token of tokens) {
    if (token.kind === 'or') {
      joinNext = groups.length > 0
      continue
    }
    if (terms.length === MAX_TERMS) break
    terms.push(`${token.negated ? '-' : ''}${token.words.join(' ').toLowerCase()}`)
    if (token.negated) {
      excluded.push(phrase(token.words))
      joinNext = false
    } else if (joinNext) {
      groups.at(-1)!.push(phrase(token.words))
      joinNext = false
    } else groups.push([phrase(token.words)])
  }
  if (groups.length === 0) {
    throw new QueryError(
      excluded.length ? "'q' only excludes words: add at least one word to look for" : "'q' must contain at least one letter or digit",
    )
  }
  const required = groups.map((g) => (g.length === 1 ? g[0]! : `(${g.join(' OR ')})`)).join(' AND ')
  const fts = excluded.length ? `(${required}) NOT (${excluded.join(' OR ')})` : required
  return { fts, terms }
}
