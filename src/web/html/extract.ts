// HTML page -> article: parse (htmlparser2), metadata, content selection and cleaning, text.
import { DomHandler, type Document, type Element } from 'domhandler'
import { Parser } from 'htmlparser2'
import { type Budget, BudgetExceeded, createBudget, findAll } from './dom.js'
import { cleanContent, computeStats, looksLikeIndex, pickTop, scoreCandidates, withSiblings } from './content.js'
import { COUNT_LINE, DATA_CELL_TAGS, DATE_LINE, FURNITURE_LINE, HEADING_TAGS } from './lexicon.js'
import { readMetadata, type PageMetadata } from './metadata.js'
import { type Paragraph, toParagraphs } from './text.js'

/** The page's metadata as read (metadata.ts), with the headline and the body settled and the figure captions kept apart. */
export interface HtmlArticle extends Omit<PageMetadata, 'title' | 'jsonLdBody' | 'declaresArticle'> {
  title: string
  body: string
  captions: string[]
}
export type HtmlExtraction = { ok: true; article: HtmlArticle; warnings: string[] } | { ok: false; reason: string }

export const DEFAULT_BUDGET_MS = 2000
// htmlparser2 keeps its open-element stack with Array#unshift, so very deep nesting parses in
// quadratic time: small chunks let the budget check stop such a page soon after the deadline
const CHUNK = 16 * 1024

/** Extracts the article (text and metadata) from an HTML page; never throws, never recurses on the DOM. */
export function extractArticle(html: string, opts: { url?: string; budgetMs?: number } = {}): HtmlExtraction {
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS
  const budget = createBudget(budgetMs)
  if (!looksLikeHtml(html)) return { ok: false, reason: 'page is not HTML' }
  try {
    const doc = parse(html, budgetMs)
    return extractFromDocument(doc, budget, opts.url)
  } catch (err) {
    if (err instanceof BudgetExceeded) return { ok: false, reason: err.message }
    throw err
  }
}

/** Markup near the start, no NUL bytes, not JSON or PDF. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 65536)
  if (head.includes('\u0000')) return false
  if (/^\s*(?:[{[]|%PDF)/.test(head)) return false
  return /<(?:!doctype\s+html|html|head|body|div|p|article|main|section|meta|title|span|a|h[1-6]|table|br|ul|li|img)[\s/>]/i.test(head)
}

/** htmlparser2 fed in chunks so that the time budget also bounds parsing. */
function parse(html: string, budgetMs: number): Document {
  const start = performance.now()
  const handler = new DomHandler(undefined, { withStartIndices: false, withEndIndices: false })
  const parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true })
  for (let i = 0; i < html.length; i += CHUNK) {
    parser.write(html.slice(i, i + CHUNK))
    if (performance.now() - start > budgetMs) throw new BudgetExceeded(budgetMs)
  }
  parser.end()
  return handler.root
}

function extractFromDocument(doc: Document, budget: Budget, url: string | undefined): HtmlExtraction {
  const warnings: string[] = []
  const meta = readMetadata(doc, budget, url)
  const root = findAll(doc, (el) => el.name === 'body', budget, 1)[0] ?? findAll(doc, (el) => el.name === 'html', budget, 1)[0] ?? wrap(doc)
  const stats = computeStats(root, budget)
  const scores = scoreCandidates(stats)
  const top = pickTop(stats, scores)
  const roots = withSiblings(stats, scores, top)
  if (!meta.declaresArticle && looksLikeIndex(stats, roots)) return { ok: false, reason: 'no article found in the page' }
  const { drop, captions } = cleanContent(stats, roots, budget)
  let paragraphs = tidy(
    roots.flatMap((r) => toParagraphs(r, (el) => drop.has(el), budget)),
    meta.title,
  )
  const body = paragraphs.map((p) => p.text).join('\n\n')
  const fromLd = meta.jsonLdBody ? meta.jsonLdBody.trim() : ''
  if (fromLd.length > 500 && fromLd.length > body.length * 2) {
    warnings.push('body taken from JSON-LD articleBody: the page markup held much less text')
    paragraphs = fromLd
      .split(/\n\s*\n|\r?\n/)
      .map((t) => ({ text: t.replace(/\s+/g, ' ').trim(), tag: 'p' }))
      .filter((p) => p.text)
  }
  const text = paragraphs.map((p) => p.text).join('\n\n')
  if (!isArticleText(text)) return { ok: false, reason: 'no article found in the page' }
  const title = meta.title ?? meta.h1[0] ?? ''
  if (!title) warnings.push('no title found')
  return { ok: true, article: toArticle(meta, title, text, captions), warnings }
}

function wrap(doc: Document): Element {
  const el = findAll(doc, () => true, createBudget(1e9), 1)[0]
  return el ?? (doc as unknown as Element)
}

/** At least two sentences (or one long paragraph) of prose. */
function isArticleText(text: string): boolean {
  const sentences = text.match(/[.!?。！？](?:["”’)\]]*)(?:\s|$)/g)?.length ?? 0
  return text.length >= 100 && (sentences >= 2 || text.length >= 400)
}

/** Drops chrome lines and the repeated headline. */
function tidy(paragraphs: Paragraph[], title: string | null): Paragraph[] {
  const t = title ? norm(title) : ''
  const out: Paragraph[] = []
  for (const p of paragraphs) {
    const n = norm(p.text)
    if (!n) continue
    if (p.text.length < 120 && (FURNITURE_LINE.test(p.text) || isDateLine(p.text))) continue
    if (COUNT_LINE.test(p.text) && !DATA_CELL_TAGS.has(p.tag)) continue
    if (HEADING_TAGS.has(p.tag) && t && n === t) continue
    out.push(p)
  }
  return out
}
/** A date stamp, or several joined ("Dec. 6, 2024, 10:00 PM UTC / Updated Dec. 7, 2024, 12:43 PM UTC"). */
export const isDateLine = (text: string): boolean => text.split(/\s+[/|·•]\s+/).every((part) => DATE_LINE.test(part))

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

function toArticle(meta: PageMetadata, title: string, body: string, captions: string[]): HtmlArticle {
  return {
    title,
    body,
    byline: meta.byline,
    authors: meta.authors,
    publishedAt: meta.publishedAt,
    modifiedAt: meta.modifiedAt,
    canonicalUrl: meta.canonicalUrl,
    siteName: meta.siteName,
    section: meta.section,
    language: meta.language,
    description: meta.description,
    captions,
  }
}
