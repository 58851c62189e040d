import { createHash } from 'node:crypto'
import type { ParsedArticle } from './types.js'

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

/** Hash of what an article says; the same content under two file names is one article. */
export function contentHash(a: Pick<ParsedArticle, 'title' | 'body' | 'publishedAt' | 'section'>): string {
  return sha256(JSON.stringify([a.title, a.body, a.publishedAt?.toISOString() ?? null, a.section]))
}

/**
 * Stable public id. A record that names itself (id, else url) keeps its id when its content is
 * corrected; anything else is identified by its content.
 */
export function articleId(a: ParsedArticle, hash: string): string {
  const key = a.externalId ? `id:${a.externalId}` : a.url ? `url:${a.url}` : `content:${hash}`
  return sha256(key).slice(0, 16)
}

export function quoteId(articleIdValue: string, start: number, end: number): string {
  return sha256(`${articleIdValue}:${start}:${end}`).slice(0, 16)
}

/** "Xi Jinping" -> "xi-jinping"; diacritics folded. */
export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'person'
  )
}

export function personId(slug: string): string {
  return sha256(`person:${slug}`).slice(0, 12)
}
