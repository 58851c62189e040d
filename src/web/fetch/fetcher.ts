import type { ReadableStream } from 'node:stream/web'
import { Agent, fetch as undiciFetch, type Response } from 'undici'
import { FEED_MEDIA_TYPES } from '../feeds/media-types.js'
import { guardedConnector, privateAccessRule, type PrivateAccessRule } from './address-guard.js'
import { createHostScheduler } from './host-scheduler.js'
import { describeNetworkError, isAddressRefusal } from './network-error.js'
import { createRobotsCache, type RobotsFile } from './robots.js'

export interface FetchOptions {
  /** e.g. "NewsdeskBot/0.1 (+https://github.com/newsdesk; ingest)"; its product token is what robots.txt groups match */
  userAgent: string
  /** one request, headers and body (each redirect hop has its own) */
  timeoutMs: number
  /** body size limit, decompressed; also refused up front when Content-Length announces more */
  maxBytes: number
  /** only http(s); every hop is checked against robots.txt */
  maxRedirects: number
  perHostConcurrency: number
  /** minimum gap between two request starts to one host; a robots.txt Crawl-delay raises it */
  delayMs: number
  /** robots.txt fetched once per origin; 4xx = allow all, 5xx or unreachable = disallow all (RFC 9309) */
  respectRobots: boolean
  acceptTypes: string[]
  /**
   * Who may reach addresses that are not public (loopback, private networks, link-local and the
   * other special-purpose ranges): origins ("http://127.0.0.1:8080": that scheme, host and port
   * only, as for the URLs an operator names), "host:port" (either scheme) or "host" (any port).
   * Any other origin doing so (a feed's link, a redirect) is refused.
   */
  allowPrivate: string[]
}

export interface Validators {
  etag: string | null
  lastModified: string | null
}

export type FetchResult =
  | {
      kind: 'fetched'
      url: string
      requestedUrl: string
      status: number
      contentType: string | null
      bytes: Uint8Array
      validators: Validators
    }
  | { kind: 'unchanged'; url: string; validators: Validators }
  | { kind: 'failed'; url: string; reason: string; status?: number }

export interface Fetcher {
  /** Never throws: network problems, refusals and HTTP errors are `failed` results with a readable reason. */
  fetch(url: string, known?: Validators): Promise<FetchResult>
  close(): Promise<void>
}

export const DEFAULT_FETCH_OPTIONS: FetchOptions = {
  userAgent: 'NewsdeskBot/0.1 (+https://github.com/newsdesk; ingest)',
  timeoutMs: 15_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  perHostConcurrency: 2,
  delayMs: 1000,
  respectRobots: true,
  allowPrivate: [],
  acceptTypes: ['text/html', 'application/xhtml+xml', ...FEED_MEDIA_TYPES, 'application/json'],
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
// RFC 9309 §2.5: parse at least 500 KiB of robots.txt; what lies past it is ignored
const ROBOTS_MAX_BYTES = 512 * 1024
const ROBOTS_MAX_REDIRECTS = 5

/** The outcome of one request (one redirect hop). */
type Hop =
  | { kind: 'redirect'; status: number; location: string | null }
  | { kind: 'not-modified'; validators: Validators }
  | { kind: 'body'; status: number; contentType: string | null; bytes: Uint8Array; validators: Validators }
  | { kind: 'failed'; reason: string; status?: number; refused?: boolean }

interface HopRequest {
  headers: Record<string, string>
  maxBytes: number
  /** past maxBytes: keep what was read (robots.txt) rather than fail */
  truncate: boolean
  acceptsType(mediaType: string | null): boolean
}

/** A polite HTTP client for pages and feeds: robots.txt, per-host queues, conditional requests, size and time limits. */
export function createFetcher(opts: Partial<FetchOptions> = {}): Fetcher {
  const options: FetchOptions = { ...DEFAULT_FETCH_OPTIONS, ...opts }
  const agent = new Agent({ connect: guardedConnector(privateAccessRules(options.allowPrivate), { timeout: options.timeoutMs }) })
  const scheduler = createHostScheduler({ concurrency: options.perHostConcurrency, delayMs: options.delayMs })
  const robots = createRobotsCache(loadRobots, options.userAgent)
  const accepted = new Set(options.acceptTypes.map((t) => t.toLowerCase()))
  let closed = false
  let closing: Promise<void> | null = null

  /** One request, queued on its host and bounded by the timeout from the moment it leaves the queue. */
  async function hop(url: URL, request: HopRequest): Promise<Hop> {
    const release = await scheduler.acquire(url.host)
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), options.timeoutMs)
    try {
      if (closed) return { kind: 'failed', reason: 'fetcher closed' }
      const response = await undiciFetch(url, {
        dispatcher: agent,
        redirect: 'manual',
        headers: request.headers,
        signal: controller.signal,
      })
      return await readHop(response, request)
    } catch (err) {
      if (controller.signal.aborted) return { kind: 'failed', reason: `timed out after ${formatSeconds(options.timeoutMs)}` }
      return { kind: 'failed', reason: describeNetworkError(err), ...(isAddressRefusal(err) ? { refused: true } : {}) }
    } finally {
      clearTimeout(timer)
      release()
    }
  }

  async function loadRobots(robotsUrl: string): Promise<RobotsFile> {
    const request: HopRequest = {
      headers: baseHeaders('text/plain, */*;q=0.5'),
      maxBytes: ROBOTS_MAX_BYTES,
      truncate: true,
      acceptsType: () => true,
    }
    let url = new URL(robotsUrl)
    for (let redirects = 0; ; redirects++) {
      const result = await hop(url, request)
      if (result.kind === 'body') return { kind: 'found', text: new TextDecoder().decode(result.bytes) }
      if (result.kind === 'redirect') {
        const next = result.location ? httpUrl(result.location, url) : null
        // RFC 9309 §2.3.1.2: past five redirects (or a broken one) robots.txt counts as unavailable
        if (!next || typeof next === 'string' || redirects >= ROBOTS_MAX_REDIRECTS) return { kind: 'unavailable' }
        url = next
        continue
      }
      if (result.kind === 'not-modified') return { kind: 'unavailable' }
      return robotsFailure(result)
    }
  }

  async function robotsRefusal(url: URL): Promise<string | null> {
    if (!options.respectRobots) return null
    const rules = await robots.rulesFor(url)
    if (rules.crawlDelayMs !== null) scheduler.raiseDelay(url.host, rules.crawlDelayMs)
    return rules.refusal(url.href)
  }

  async function fetchUrl(requestedUrl: string, known?: Validators): Promise<FetchResult> {
    const start = httpUrl(requestedUrl)
    if (typeof start === 'string') return { kind: 'failed', url: requestedUrl, reason: start }
    const failed = (reason: string, at: URL, status?: number): FetchResult => ({
      kind: 'failed',
      url: requestedUrl,
      reason: at.href === start.href ? reason : `${reason} (at ${at.href})`,
      ...(status === undefined ? {} : { status }),
    })
    const request: HopRequest = {
      headers: { ...baseHeaders(options.acceptTypes.join(', ')), ...conditionalHeaders(known) },
      maxBytes: options.maxBytes,
      truncate: false,
      acceptsType: (type) => type === null || accepted.has(type),
    }
    const visited = new Set<string>()
    let url = start
    for (;;) {
      if (closed) return failed('fetcher closed', url)
      const refusal = await robotsRefusal(url)
      if (refusal) return failed(refusal, url)
      visited.add(url.href)
      const result = await hop(url, request)
      if (result.kind === 'failed') return failed(result.reason, url, result.status)
      if (result.kind === 'not-modified') return { kind: 'unchanged', url: url.href, validators: mergeValidators(result.validators, known) }
      if (result.kind === 'body') {
        const { status, contentType, bytes, validators } = result
        return { kind: 'fetched', url: url.href, requestedUrl, status, contentType, bytes, validators }
      }
      if (!result.location) return failed(`HTTP ${result.status} without a Location`, url, result.status)
      const next = httpUrl(result.location, url)
      if (typeof next === 'string') return failed(`redirect to ${result.location}: ${next}`, url, result.status)
      if (visited.has(next.href)) return failed('redirect loop', url, result.status)
      // visited holds every request made so far: one more than the redirects followed
      if (visited.size > options.maxRedirects) return failed('too many redirects', url, result.status)
      url = next
    }
  }

  function baseHeaders(accept: string): Record<string, string> {
    return { 'user-agent': options.userAgent, accept, 'accept-encoding': 'gzip, deflate, br' }
  }

  async function readHop(response: Response, request: HopRequest): Promise<Hop> {
    const { status } = response
    if (REDIRECT_STATUSES.has(status)) return discard(response, { kind: 'redirect', status, location: response.headers.get('location') })
    if (status === 304) return discard(response, { kind: 'not-modified', validators: validatorsOf(response) })
    if (status < 200 || status > 299) return discard(response, { kind: 'failed', reason: `HTTP ${status}`, status })
    const contentType = mediaType(response.headers.get('content-type'))
    if (!request.acceptsType(contentType)) {
      return discard(response, { kind: 'failed', reason: `content type ${contentType} is not a page or feed`, status })
    }
    const announced = Number(response.headers.get('content-length') ?? Number.NaN)
    const tooLarge: Hop = { kind: 'failed', reason: `larger than ${formatBytes(request.maxBytes)}`, status }
    if (!request.truncate && announced > request.maxBytes) return discard(response, tooLarge)
    const body = await readLimited(response, request.maxBytes)
    if (body.overflowed && !request.truncate) return tooLarge
    return {
      kind: 'body',
      status,
      contentType: response.headers.get('content-type'),
      bytes: body.bytes,
      validators: validatorsOf(response),
    }
  }

  return {
    async fetch(url, known) {
      try {
        return await fetchUrl(url, known)
      } catch (err) {
        // every expected failure is a result already: this is a bug, reported rather than thrown at the caller
        return { kind: 'failed', url, reason: `internal error: ${err instanceof Error ? err.message : String(err)}` }
      }
    },
    close() {
      if (!closing) {
        closed = true
        scheduler.close()
        closing = agent.close()
      }
      return closing
    },
  }
}

function robotsFailure(result: Extract<Hop, { kind: 'failed' }>): RobotsFile {
  // an origin that may not be reached at all: that is the reason, not robots.txt
  if (result.refused) return { kind: 'unreachable', reason: result.reason }
  const status = result.status ?? 0
  // RFC 9309 §2.3.1.3: 4xx means there are no rules; 429 is a request to slow down, so it is treated like 5xx
  if (status >= 400 && status < 500 && status !== 429) return { kind: 'unavailable' }
  if (status) return { kind: 'unreachable', reason: `disallowed by robots.txt (robots.txt answered HTTP ${status})` }
  return { kind: 'unreachable', reason: `${result.reason} (fetching robots.txt)` }
}

function privateAccessRules(entries: string[]): PrivateAccessRule[] {
  return entries.map((entry) => {
    const rule = privateAccessRule(entry)
    if (typeof rule === 'string') throw new TypeError(`allowPrivate: ${rule}`)
    return rule
  })
}

/** The URL, or why it cannot be fetched. */
function httpUrl(ref: string, base?: URL): URL | string {
  let url: URL
  try {
    url = new URL(ref, base)
  } catch {
    return 'invalid URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not an http(s) URL'
  url.hash = ''
  return url
}

function conditionalHeaders(known: Validators | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  if (known?.etag) headers['if-none-match'] = known.etag
  if (known?.lastModified) headers['if-modified-since'] = known.lastModified
  return headers
}

/** A 304 may repeat the validators or not: what it does not repeat still holds. */
function mergeValidators(fresh: Validators, known: Validators | undefined): Validators {
  return { etag: fresh.etag ?? known?.etag ?? null, lastModified: fresh.lastModified ?? known?.lastModified ?? null }
}

function validatorsOf(response: Response): Validators {
  return { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') }
}

function mediaType(contentType: string | null): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  return type || null
}

/** Frees the connection without reading the body. */
async function discard<T>(response: Response, outcome: T): Promise<T> {
  await response.body?.cancel().catch(() => undefined)
  return outcome
}

/** Reads the (decompressed) body up to maxBytes; stops the download as soon as it goes past. */
async function readLimited(response: Response, maxBytes: number): Promise<{ bytes: Uint8Array; overflowed: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(0), overflowed: false }
  // undici types the body as ReadableStream<any>; its chunks are bytes
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return { bytes: concat(chunks, size), overflowed: false }
    const room = maxBytes - size
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room))
      await reader.cancel().catch(() => undefined)
      return { bytes: concat(chunks, maxBytes), overflowed: true }
    }
    chunks.push(value)
    size += value.byteLength
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

function formatBytes(bytes: number): string {
  const units: Array<[string, number]> = [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ]
  for (const [unit, size] of units) if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`
  return `${bytes} bytes`
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}
