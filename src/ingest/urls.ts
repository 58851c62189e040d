import type { PrismaClient } from '../db/prisma.js'
import type { Fetcher, Validators } from '../web/fetch/fetcher.js'
import { decodeHtml, decodeXml } from '../web/html/decode.js'
import type { Source, SourceRecord } from './sources.js'
import { FEED_MEDIA_TYPES } from '../web/feeds/media-types.js'
import { feedRecords, htmlRecord, looksLikeFeed, type LinkFetcher } from './web.js'

export const isUrl = (arg: string) => /^https?:\/\//i.test(arg)

/** URLs being fetched ahead of the one the pipeline reads. */
const FETCH_LOOKAHEAD = 8

/**
 * Web pages and feeds as ingest sources. Each URL is fetched politely (robots.txt, per-host
 * delay, size and time limits; web/fetch), conditionally when it was fetched before: a page that
 * answers 304 Not Modified is reported `unchanged` without a download, as long as the article it
 * gave is still stored. A feed's items that only link out are fetched the same way with `fetchLinks`.
 */
export function createUrlIngest(prisma: PrismaClient, fetcher: Fetcher, opts: { fetchLinks: boolean }) {
  /** The validators of an earlier fetch, and the stored article it gave, if that article is still there. */
  async function earlier(url: string): Promise<{ validators: Validators; articleId: string | null } | null> {
    const row = await prisma.fetchedUrl.findUnique({ where: { url } })
    if (!row) return null
    const article = row.articleUrl ? await prisma.article.findFirst({ where: { url: row.articleUrl }, select: { id: true } }) : null
    return { validators: { etag: row.etag, lastModified: row.lastModified }, articleId: article?.id ?? null }
  }

  async function remember(url: string, finalUrl: string, validators: Validators, articleUrl: string | null) {
    const data = { finalUrl, etag: validators.etag, lastModified: validators.lastModified, articleUrl, fetchedAt: new Date() }
    await prisma.fetchedUrl.upsert({ where: { url }, create: { url, ...data }, update: data })
  }

  /** One URL's records: a page gives one, a feed one per item. */
  async function* fetchRecords(url: string, where: string, feedsAllowed: boolean): AsyncGenerator<SourceRecord> {
    const before = await earlier(url)
    // a conditional request only when what the URL gave is still stored: a page that failed, was
    // deleted or never got stored, and a feed (whose items are compared one by one), are downloaded again
    const known = before?.articleId ? before.validators : undefined
    const result = await fetcher.fetch(url, known)
    if (result.kind === 'unchanged') {
      yield { ok: 'unchanged', where, id: before?.articleId ?? null }
      return
    }
    if (result.kind === 'failed') {
      yield { ok: false, reason: result.reason, where }
      return
    }
    const type = (result.contentType ?? '').split(';')[0]!.trim().toLowerCase()
    const asXml = type !== 'text/html' && type !== 'application/xhtml+xml'
    const { text } = (asXml ? decodeXml : decodeHtml)(result.bytes, result.contentType ?? undefined)
    if (FEED_MEDIA_TYPES.includes(type) || (asXml && looksLikeFeed(text))) {
      if (!feedsAllowed) {
        yield { ok: false, reason: 'a feed where an article was expected', where }
        return
      }
      await remember(url, result.url, result.validators, null)
      yield* feedRecords(text, result.url, opts.fetchLinks ? fetchLinked : null)
      return
    }
    const record = htmlRecord(text, result.url, where)
    await remember(url, result.url, result.validators, record.ok ? record.article.url : null)
    yield record
  }

  const fetchLinked: LinkFetcher = async (url) => {
    for await (const r of fetchRecords(url, '', false)) return r
    return { ok: false, reason: 'nothing fetched', where: '' }
  }

  return {
    /** For feeds read from files: their items' articles fetched the same way. */
    fetchLinked,

    /**
     * An ingest source per URL. The pipeline reads sources one after another; each source, when
     * read, starts the fetches of the next few, so pages of different hosts download in parallel
     * (the fetcher still keeps each host's concurrency and delay).
     */
    sources(urls: string[]): Source[] {
      const started = new Map<number, Promise<SourceRecord[]>>()
      const collect = async (url: string) => {
        const records: SourceRecord[] = []
        for await (const r of fetchRecords(url, '', true)) records.push(r)
        return records
      }
      const start = (i: number) => {
        if (i >= urls.length || started.has(i)) return
        const records = collect(urls[i]!)
        records.catch(() => {}) // awaited when its source is read; an interrupted run may never read it
        started.set(i, records)
      }
      return urls.map((url, i) => ({
        path: url,
        sourcePath: null,
        records: async function* () {
          for (let k = i; k < i + FETCH_LOOKAHEAD; k++) start(k)
          const records = await started.get(i)!
          started.delete(i)
          yield* records
        },
      }))
    },
  }
}

/** The URLs of a list file: one per line; blank lines and `#` comments skipped. */
export function urlList(text: string): { urls: string[]; bad: string[] } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
  return { urls: lines.filter(isUrl), bad: lines.filter((l) => !isUrl(l)) }
}
