import { escapeHtml } from '../reader/html.js'
import { extractArticle, type HtmlArticle } from '../web/html/extract.js'
import { decodeHtml } from '../web/html/decode.js'
import { fullContent, looksLikeFeed, parseFeed, type FeedItem, type FullContent } from '../web/feeds/parse-feed.js'
import { attempt, checkSizes, splitDateline, type RecordResult } from './parse.js'
import type { SourceRecord } from './sources.js'
import type { ParsedArticle } from './types.js'

/** File names read as web pages, and as feeds. */
export const isHtmlFile = (name: string) => /\.x?html?$/i.test(name)
export const isFeedFile = (name: string) => /\.(rss|atom|xml)$/i.test(name)

/** Page furniture extraction leaves out, kept with the article for whoever needs it. */
function webExtra(a: HtmlArticle, more: Record<string, unknown> = {}): Record<string, unknown> {
  const extra: Record<string, unknown> = {
    ...(a.byline ? { byline: a.byline } : {}),
    ...(a.authors.length ? { authors: a.authors } : {}),
    ...(a.siteName ? { siteName: a.siteName } : {}),
    ...(a.language ? { language: a.language } : {}),
    ...(a.description ? { description: a.description } : {}),
    ...(a.modifiedAt ? { modifiedAt: a.modifiedAt.toISOString() } : {}),
    ...(a.captions.length ? { captions: a.captions } : {}),
    ...more,
  }
  return extra
}

/** The site of a host name: its last two labels, three under a short second level ("bbc.co.uk", "example.com.au"). */
export function siteOf(url: string): string | null {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return null
  }
  const labels = host.split('.')
  const take = labels.length >= 3 && labels.at(-1)!.length === 2 && labels.at(-2)!.length <= 3 ? 3 : 2
  return labels.slice(-take).join('.')
}

/**
 * A web page's article as a record: its canonical URL is its identity, unless the canonical URL
 * is on another site than the page was fetched from (a page cannot claim another site's story
 * and replace it); then the page's own URL is.
 */
export function pageArticle(a: HtmlArticle, pageUrl: string | null, warnings: string[], format: 'html' | 'feed' = 'html'): ParsedArticle {
  const title = a.title.replace(/\s+/g, ' ').trim()
  checkSizes(title, a.body)
  if (a.canonicalUrl && pageUrl && siteOf(a.canonicalUrl) !== siteOf(pageUrl)) {
    warnings = [...warnings, `canonical URL ${a.canonicalUrl} is on another site; the page's own URL is kept`]
    a = { ...a, canonicalUrl: null }
  }
  const dl = splitDateline(a.body)
  return {
    title,
    body: a.body,
    bodyOffset: 0,
    publishedAt: a.publishedAt,
    section: a.section,
    dateline: dl.dateline,
    agency: dl.agency,
    url: a.canonicalUrl ?? pageUrl,
    externalId: null,
    extra: webExtra(a, a.canonicalUrl && pageUrl && a.canonicalUrl !== pageUrl ? { fetchedFrom: pageUrl } : {}),
    format,
    warnings,
  }
}

/** An HTML page (text) as one record; `url` is where it was published, when known. */
export function htmlRecord(html: string, url: string | null, where = ''): RecordResult {
  const extracted = extractArticle(html, url ? { url } : {})
  if (!extracted.ok) return { ok: false, reason: extracted.reason, where }
  return attempt(where, () => pageArticle(extracted.article, url, extracted.warnings))
}

/** An HTML file's bytes as one record: the charset sniffed (BOM, <meta charset>, else UTF-8 or Windows-1252). */
export function htmlFileRecord(bytes: Uint8Array, url: string | null = null): RecordResult {
  return htmlRecord(decodeHtml(bytes).text, url)
}

/** A feed item's own full content as an article, with the feed's title, date, link and authors. */
function itemArticle(item: FeedItem, content: FullContent, where: string): RecordResult {
  const html = 'html' in content ? content.html : `<p>${escapeHtml(content.text).replace(/\n\s*\n/g, '</p><p>')}</p>`
  const page = `<html><head><title>${escapeHtml(item.title ?? '')}</title></head><body><article>${html}</article></body></html>`
  const extracted = extractArticle(page, item.url ? { url: item.url } : {})
  if (!extracted.ok) return { ok: false, reason: `feed item: ${extracted.reason}`, where }
  const a = extracted.article
  return attempt(where, () =>
    pageArticle(
      {
        ...a,
        title: item.title ?? a.title,
        publishedAt: item.publishedAt ?? a.publishedAt,
        authors: item.authors.length ? item.authors : a.authors,
        section: item.categories[0] ?? a.section,
        canonicalUrl: item.url ?? a.canonicalUrl,
      },
      item.url,
      extracted.warnings,
      'feed',
    ),
  )
}

/** How a feed item that only links to its article gets it: a fetch of the link, or nothing. */
export type LinkFetcher = (url: string, item: FeedItem) => Promise<SourceRecord>

/**
 * A feed's items as records, in order: an item carrying its article (content:encoded, Atom or
 * JSON Feed content, or a description that is the whole article) is read from the feed; one that
 * only links out is fetched with `fetchLinked`, or reported as such.
 */
export async function* feedRecords(text: string, feedUrl: string | null, fetchLinked: LinkFetcher | null): AsyncGenerator<SourceRecord> {
  const feed = parseFeed(text, feedUrl ?? undefined)
  if (!feed.ok) {
    yield { ok: false, reason: feed.reason, where: '' }
    return
  }
  if (feed.items.length === 0) {
    yield { ok: false, reason: 'the feed has no items', where: '' }
    return
  }
  for (const [i, item] of feed.items.entries()) {
    const where = `item ${i + 1}`
    const content = fullContent(item)
    if (content) yield itemArticle(item, content, where)
    else if (!item.url) yield { ok: false, reason: 'the item has neither its article nor a link to it', where }
    else if (!fetchLinked)
      yield { ok: false, reason: `the feed only links to the article (${item.url}): ingest with --fetch to download it`, where }
    else {
      const r = await fetchLinked(item.url, item)
      yield r.ok === 'unchanged'
        ? { ...r, where }
        : r.ok
          ? {
              ...r,
              where,
              article: {
                ...r.article,
                publishedAt: r.article.publishedAt ?? item.publishedAt,
                format: 'feed',
              },
            }
          : { ...r, where, reason: `${item.url}: ${r.reason}` }
    }
  }
}

export { looksLikeFeed }
