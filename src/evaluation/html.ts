// Scoring for HTML article extraction: shingle precision/recall/F1 (as article-extraction benchmarks
// compute it) and normalised metadata matches. Pure functions; the CLI is scripts/eval-html.ts.
import { type AnyNode, isTag, isText } from 'domhandler'
import { parseDocument } from 'htmlparser2'

export interface ShingleScore {
  precision: number
  recall: number
  f1: number
}

const TOKEN = /[\p{L}\p{N}\p{M}_]+/gu

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g

/** Lowercase word tokens; soft hyphens and zero-width characters (invisible to a reader) never split a word. */
export const tokenize = (text: string): string[] => text.replace(INVISIBLE, '').toLowerCase().match(TOKEN) ?? []

/** Multiset of n-word shingles; a text shorter than n words is one shingle. */
export function shingles(tokens: readonly string[], n = 4): Map<string, number> {
  const out = new Map<string, number>()
  if (tokens.length === 0) return out
  const last = Math.max(1, tokens.length - n + 1)
  for (let i = 0; i < last; i++) {
    const key = tokens.slice(i, i + n).join(' ')
    out.set(key, (out.get(key) ?? 0) + 1)
  }
  return out
}

/** Shingle precision, recall and F1 of a predicted text against the gold text (both empty: 1). */
export function shingleScore(predicted: string, gold: string, n = 4): ShingleScore {
  const p = shingles(tokenize(predicted), n)
  const g = shingles(tokenize(gold), n)
  const size = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)
  const np = size(p)
  const ng = size(g)
  if (np === 0 && ng === 0) return { precision: 1, recall: 1, f1: 1 }
  let common = 0
  for (const [k, c] of p) common += Math.min(c, g.get(k) ?? 0)
  const precision = np === 0 ? 0 : common / np
  const recall = ng === 0 ? 0 : common / ng
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1 }
}

const BLOCKS =
  /^(?:p|div|section|article|main|h[1-6]|li|ul|ol|blockquote|pre|table|tr|td|th|dl|dt|dd|figure|figcaption|header|footer|aside|br|hr)$/

/** All text of an HTML fragment (no script/style), with a space at every block boundary so words never merge. */
export function htmlToText(html: string): string {
  const parts: string[] = []
  const stack: AnyNode[] = [...parseDocument(html).children].reverse()
  while (stack.length > 0) {
    const n = stack.pop()!
    if (isText(n)) parts.push(n.data)
    else if (isTag(n) && n.name !== 'script' && n.name !== 'style') {
      if (BLOCKS.test(n.name)) parts.push(' ')
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!)
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim()
}

/** Lowercase, punctuation as spaces, a leading "by" dropped: the comparison form of titles, bylines and names. */
export const normaliseMeta = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^by /, '')

/** Normalised exact match of a metadata string. */
export const sameText = (predicted: string | null | undefined, gold: string): boolean =>
  normaliseMeta(predicted ?? '') === normaliseMeta(gold)

const TITLE_SEP = /^\s*(?:\||-|–|—|::|»|·|\/|:)\s+\S/

/**
 * Title match that forgives a site-name suffix kept by the gold ("Headline | Site"): the extractor's
 * contract is the headline alone, Readability's expected titles often keep the suffix.
 */
export function sameTitle(predicted: string | null | undefined, gold: string): boolean {
  if (sameText(predicted, gold)) return true
  const p = (predicted ?? '').trim()
  const g = gold.replace(/\s+/g, ' ').trim()
  return p.length > 0 && g.startsWith(p) && TITLE_SEP.test(g.slice(p.length))
}

/** Same instant; a gold value without a time of day matches any time on that date. */
export function sameDate(predicted: Date | null, gold: string): boolean {
  if (!predicted) return false
  if (/^\d{4}-\d\d-\d\d$/.test(gold.trim())) return predicted.toISOString().slice(0, 10) === gold.trim()
  const t = Date.parse(gold)
  return !Number.isNaN(t) && t === predicted.getTime()
}

/** Development / held-out split: every 5th page (in name order) is held out. */
export function splitPages(names: readonly string[]): { dev: string[]; heldOut: string[] } {
  const sorted = [...names].sort()
  return { dev: sorted.filter((_, i) => i % 5 !== 4), heldOut: sorted.filter((_, i) => i % 5 === 4) }
}

export const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length)
