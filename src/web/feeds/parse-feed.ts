import { isTag, isText, type ChildNode } from 'domhandler'
import {
  DetectError,
  MalformedError,
  parseFeed as parseAnyFeed,
  type AnyFeed,
  type AtomFeed,
  type JsonFeed,
  type RdfFeed,
  type RssFeed,
} from 'feedsmith'
import { parseDocument } from 'htmlparser2'

export interface FeedItem {
  /** guid / atom:id / JSON Feed id */
  id: string | null
  title: string | null
  /** the item's link, absolute (resolved against the feed URL and xml:base); null when missing or not http(s) */
  url: string | null
  /** pubDate / published / updated / dc:date / date_published */
  publishedAt: Date | null
  authors: string[]
  /** content:encoded / Atom content of type html or xhtml / content_html: the full article when present */
  contentHtml: string | null
  /** Atom content of type text / content_text */
  contentText: string | null
  /** description / summary (often a teaser) */
  summary: string | null
  categories: string[]
}

export type FeedKind = 'rss' | 'atom' | 'rdf' | 'json'

export type FeedParse =
  { ok: true; kind: FeedKind; title: string | null; siteUrl: string | null; items: FeedItem[] } | { ok: false; reason: string }

/** Parses RSS 2.0, Atom 1.0, RDF (RSS 1.0) or JSON Feed 1/1.1; never throws: a document that is not a feed gives ok: false. */
export function parseFeed(text: string, feedUrl?: string): FeedParse {
  const document = text.replace(/^\uFEFF/, '').trim()
  if (!document) return { ok: false, reason: 'empty document' }
  let parsed: AnyFeed
  try {
    parsed = parseAnyFeed(document)
  } catch (err) {
    return { ok: false, reason: describeParseError(err, document) }
  }
  const base = absoluteUrl(feedUrl, undefined)
  switch (parsed.format) {
    case 'rss':
      return mapRss(parsed.feed, base)
    case 'atom':
      return mapAtom(parsed.feed, base)
    case 'rdf':
      return mapRdf(parsed.feed, base)
    case 'json':
      return mapJson(parsed.feed, base)
  }
}

function describeParseError(err: unknown, document: string): string {
  if (err instanceof MalformedError) return `malformed XML: ${err.cause instanceof Error ? err.cause.message : err.message}`
  if (err instanceof DetectError && /^[[{]/.test(document)) {
    try {
      JSON.parse(document)
      return 'not a feed: JSON without a JSON Feed version'
    } catch (jsonErr) {
      return `malformed JSON: ${(jsonErr as Error).message}`
    }
  }
  if (err instanceof DetectError) return 'not a feed: no RSS, Atom or RDF root element'
  return `could not parse the feed: ${err instanceof Error ? err.message : String(err)}`
}

const FEED_ROOT = /^<(?:[\w.-]+:)?(rss|feed|RDF)\b/
const ATOM_NAMESPACES = ['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#']
const JSON_FEED_VERSION = /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\/1(?:\.1)?\/?"/
const PROLOG = /^(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>|\s+)*/i

/** Cheap sniff of the first ~1 KB: an <rss>, Atom <feed> or <rdf:RDF> root element, or a JSON Feed version. */
export function looksLikeFeed(text: string): boolean {
  const head = text
    .slice(0, 1024)
    .replace(/^\uFEFF/, '')
    .trimStart()
  if (head.startsWith('{')) return JSON_FEED_VERSION.test(head)
  const root = FEED_ROOT.exec(head.replace(PROLOG, ''))?.[1]
  if (root === 'feed') return ATOM_NAMESPACES.some((ns) => head.includes(ns))
  return root !== undefined
}

const FULL_CONTENT_CHARS = 500
const MIN_CONTENT_CHARS = 200

/** The article an item carries itself: HTML, or plain text whose paragraphs are separated by blank lines. */
export type FullContent = { html: string } | { text: string }

/**
 * The item's own article, or null when it only has a teaser (its link has the article): its
 * content when long, or clearly longer than its summary; else a summary (an RSS description)
 * that is itself a whole article (summaryIsArticle).
 */
export function fullContent(item: FeedItem): FullContent | null {
  const content = item.contentHtml !== null ? htmlToText(item.contentHtml) : (item.contentText ?? '')
  const summary = item.summary ? htmlToText(item.summary) : ''
  if (content.length >= FULL_CONTENT_CHARS || (content.length >= MIN_CONTENT_CHARS && content.length >= 2 * summary.length))
    return item.contentHtml !== null ? { html: item.contentHtml } : { text: item.contentText! }
  if (item.summary && summaryIsArticle(item.summary)) return isMarkup(item.summary) ? { html: item.summary } : { text: item.summary }
  return null
}

/** Whether an item carries the article itself rather than a teaser. */
export const hasFullContent = (item: FeedItem) => fullContent(item) !== null

// Many feeds put the whole story in <description>, others a teaser. News paragraphs run one to three
// sentences (30 to 50 words) and a story has many; a teaser is a paragraph or two: WordPress cuts
// excerpts at 55 words, Drupal teasers at 600 characters (about 100 words). Three paragraphs and
// 150 words is past those; a brief under it is reported as only linking out (--fetch gets it)
// rather than a teaser being stored as the story.
const ARTICLE_PARAGRAPHS = 3
const ARTICLE_WORDS = 150
// a teaser cut short says so, however long it is: "text […]", "… Continue reading...", "Read more »"
const CUT_SHORT =
  /(?:\u2026|\.\.\.)[\s\])»›>]*$|^(?:read more|continue reading|read the (?:full|rest|whole)|full (?:story|article))\b|\b(?:read more|continue reading)\W*$/i

/** Whether a summary is a whole article: several paragraphs, a few hundred words, not cut short. */
export function summaryIsArticle(summary: string): boolean {
  const paragraphs = isMarkup(summary) ? htmlParagraphs(summary) : textParagraphs(summary)
  if (CUT_SHORT.test(paragraphs.at(-1) ?? '')) return false
  return paragraphs.length >= ARTICLE_PARAGRAPHS && wordCount(paragraphs.join(' ')) >= ARTICLE_WORDS
}

const isMarkup = (value: string) => /<[a-z!/]/i.test(value)
const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
const textParagraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)

// ---- RSS 2.0 / RDF

function mapRss(feed: RssFeed.Feed<string>, feedUrl: string | undefined): FeedParse {
  const base = absoluteUrl(feed.xml?.base, feedUrl) ?? feedUrl
  const items = (feed.items ?? []).map((item) => mapRssItem(item, base))
  return { ok: true, kind: 'rss', title: plainTitle(feed.title), siteUrl: httpUrl(feed.link, base), items }
}

function mapRssItem(item: RssFeed.Item<string>, feedBase: string | undefined): FeedItem {
  const base = absoluteUrl(item.xml?.base, feedBase) ?? feedBase
  // a guid stands for the link only when it is a full URL: many feeds leave isPermaLink out of opaque ids
  const permalink = item.guid && item.guid.isPermaLink !== false ? item.guid.value : undefined
  return {
    id: nonEmpty(item.guid?.value),
    title: plainTitle(item.title),
    url: httpUrl(item.link, base) ?? httpUrl(alternateLink(item.atom?.links), base) ?? httpUrl(permalink, undefined),
    publishedAt: firstDate(item.pubDate, ...(item.dc?.dates ?? []), ...(item.dcterms?.created ?? []), item.atom?.published),
    authors: unique([...(item.authors ?? []).map((a) => a.name ?? a.email), ...(item.dc?.creators ?? [])]),
    contentHtml: nonEmpty(item.content?.encoded),
    contentText: null,
    summary: nonEmpty(item.description),
    categories: unique([...(item.categories ?? []).map((c) => c.name), ...(item.dc?.subjects ?? [])]),
  }
}

function mapRdf(feed: RdfFeed.Feed<string>, feedUrl: string | undefined): FeedParse {
  const base = absoluteUrl(feed.xml?.base, feedUrl) ?? feedUrl
  const items = (feed.items ?? []).map((item) => mapRdfItem(item, base))
  return { ok: true, kind: 'rdf', title: plainTitle(feed.title), siteUrl: httpUrl(feed.link, base), items }
}

function mapRdfItem(item: RdfFeed.Item<string>, base: string | undefined): FeedItem {
  return {
    id: nonEmpty(item.rdf?.about) ?? nonEmpty(item.dc?.identifiers?.[0]),
    title: plainTitle(item.title),
    url: httpUrl(item.link, base) ?? httpUrl(item.rdf?.about, undefined),
    publishedAt: firstDate(...(item.dc?.dates ?? []), ...(item.dcterms?.created ?? [])),
    authors: unique(item.dc?.creators ?? []),
    contentHtml: nonEmpty(item.content?.encoded),
    contentText: null,
    summary: nonEmpty(item.description) ?? nonEmpty(item.dc?.descriptions?.[0]),
    categories: unique(item.dc?.subjects ?? []),
  }
}

// ---- Atom 1.0

function mapAtom(feed: AtomFeed.Feed<string>, feedUrl: string | undefined): FeedParse {
  const base = absoluteUrl(feed.xml?.base, feedUrl) ?? feedUrl
  const items = (feed.entries ?? []).map((entry) => mapAtomEntry(entry, base))
  return { ok: true, kind: 'atom', title: atomText(feed.title), siteUrl: httpUrl(alternateLink(feed.links), base), items }
}

function mapAtomEntry(entry: AtomFeed.Entry<string>, feedBase: string | undefined): FeedItem {
  const base = absoluteUrl(entry.xml?.base, feedBase) ?? feedBase
  const content = entry.content?.src ? undefined : entry.content
  const contentKind = atomContentKind(content?.type)
  return {
    id: nonEmpty(entry.id),
    title: atomText(entry.title),
    url: httpUrl(alternateLink(entry.links), base),
    publishedAt: firstDate(entry.published, ...(entry.dc?.dates ?? []), entry.updated),
    authors: unique([...(entry.authors ?? []).map((a) => a.name), ...(entry.dc?.creators ?? [])]),
    contentHtml: contentKind === 'html' ? nonEmpty(content?.value) : null,
    contentText: contentKind === 'text' ? nonEmpty(content?.value) : null,
    summary: nonEmpty(entry.summary?.value),
    categories: unique((entry.categories ?? []).map((c) => c.label ?? c.term)),
  }
}

function atomContentKind(type: string | undefined): 'html' | 'text' | null {
  const kind = (type ?? 'text').trim().toLowerCase()
  if (['html', 'xhtml', 'text/html', 'application/xhtml+xml'].includes(kind)) return 'html'
  if (kind === 'text' || kind === 'text/plain') return 'text'
  return null
}

function atomText(text: AtomFeed.Text | undefined): string | null {
  return plainTitle(text?.value)
}

/** The rel="alternate" link (rel defaults to alternate), an HTML one first. */
function alternateLink(links: Array<{ href?: string; rel?: string; type?: string }> | undefined): string | undefined {
  const alternates = (links ?? []).filter((l) => l.href && (l.rel ?? 'alternate') === 'alternate')
  return (alternates.find((l) => !l.type || /html/i.test(l.type)) ?? alternates[0])?.href
}

// ---- JSON Feed 1 / 1.1

function mapJson(feed: JsonFeed.Feed<string>, feedUrl: string | undefined): FeedParse {
  const base = feedUrl ?? absoluteUrl(feed.feed_url, undefined)
  const items = (feed.items ?? []).map((item) => mapJsonItem(item, base))
  return { ok: true, kind: 'json', title: plainTitle(feed.title), siteUrl: httpUrl(feed.home_page_url, base), items }
}

function mapJsonItem(item: JsonFeed.Item<string>, base: string | undefined): FeedItem {
  return {
    id: nonEmpty(item.id),
    title: plainTitle(item.title),
    url: httpUrl(item.url, base) ?? httpUrl(item.external_url, base),
    publishedAt: firstDate(item.date_published, item.date_modified),
    authors: unique((item.authors ?? []).map((a) => a.name)),
    contentHtml: nonEmpty(item.content_html),
    contentText: nonEmpty(item.content_text),
    summary: nonEmpty(item.summary),
    categories: unique(item.tags ?? []),
  }
}

// ---- shared helpers

function nonEmpty(value: string | undefined | null): string | null {
  return value && value.trim() ? value.trim() : null
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.map((v) => v?.replace(/\s+/g, ' ').trim()).filter((v): v is string => !!v))]
}

/** Titles are plain text, but feeds often put markup or escaped markup in them. */
function plainTitle(value: string | undefined): string | null {
  if (!value) return null
  const text = isMarkup(value) ? htmlToText(value) : value.replace(/\s+/g, ' ').trim()
  return text || null
}

function absoluteUrl(ref: string | undefined, base: string | undefined): string | undefined {
  if (!ref?.trim()) return undefined
  try {
    return new URL(ref.trim(), base).href
  } catch {
    return undefined
  }
}

function httpUrl(ref: string | undefined, base: string | undefined): string | null {
  const url = absoluteUrl(ref, base)
  return url && /^https?:/i.test(url) ? url : null
}

// An ISO date-time without a zone is read as UTC, so a result never depends on the machine's time zone
const ZONELESS_ISO = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/

/** The first of the candidates that reads as a date (RFC 822 as in RSS, or ISO 8601). */
function firstDate(...candidates: Array<string | undefined>): Date | null {
  for (const candidate of candidates) {
    const date = parseDate(candidate)
    if (date) return date
  }
  return null
}

function parseDate(value: string | undefined): Date | null {
  const trimmed = value?.trim()
  if (!trimmed) return null
  const zoneless = ZONELESS_ISO.exec(trimmed)
  const date = new Date(zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : trimmed)
  return Number.isNaN(date.getTime()) ? null : date
}

const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template'])
const BLOCK_ELEMENTS = new Set([
  'p',
  'div',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'td',
  'blockquote',
  'section',
  'article',
  'ul',
  'ol',
  'table',
])

/** The text of each paragraph of an HTML fragment (a block element, or text between two <br>s), whitespace collapsed. */
function htmlParagraphs(html: string): string[] {
  const paragraphs: string[] = []
  let current = ''
  let breaks = 0
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim()
    if (text) paragraphs.push(text)
    current = ''
  }
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (isText(node)) {
        if (node.data.trim()) breaks = 0
        current += node.data
      } else if (isTag(node) && node.name === 'br') {
        breaks += 1
        if (breaks === 2) flush()
        else current += ' '
      } else if (isTag(node) && !SKIPPED_ELEMENTS.has(node.name)) {
        const block = BLOCK_ELEMENTS.has(node.name)
        if (block) flush()
        walk(node.children)
        if (block) flush()
      }
    }
  }
  walk(parseDocument(html).children)
  flush()
  return paragraphs
}

/** The visible text of an HTML fragment, whitespace collapsed. */
const htmlToText = (html: string) => htmlParagraphs(html).join(' ')
