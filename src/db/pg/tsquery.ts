/**
 * The FTS5 expression src/search/query.ts builds, as PostgreSQL tsquery text for
 * to_tsquery('newsdesk', ...). That expression is made only of double-quoted runs of letters and
 * digits, AND, OR, NOT and parentheses, always parenthesised where it groups, so each piece has a
 * direct counterpart: a quoted run becomes a quoted phrase (to_tsquery stems its words and joins
 * them with <->), AND is &, OR is |, and FTS5's binary NOT is "& !".
 */
export function tsqueryOf(fts: string): string {
  return fts.replace(/"([^"]*)"|\b(AND|OR|NOT)\b/g, (_, phrase: string | undefined, op: string | undefined) => {
    if (phrase !== undefined) return `'${phrase.replace(/'/g, '')}'`
    return op === 'AND' ? '&' : op === 'OR' ? '|' : '& !'
  })
}
