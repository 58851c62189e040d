import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFetcher, type FetchOptions, type FetchResult } from '../../src/web/fetch/fetcher.js'
import { describeNetworkError } from '../../src/web/fetch/network-error.js'

const UA = 'NewsdeskBot/0.1 (+https://github.com/newsdesk; test)'
const PAGE = '<!doctype html><html><head><title>Harbour</title></head><body><p>The council approved the plan.</p></body></html>'
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>I</title></item></channel></rss>'
const LAST_MODIFIED = 'Wed, 05 Jun 2024 10:00:00 GMT'

interface Seen {
  path: string
  at: number
  headers: IncomingHttpHeaders
  status?: number
  finished?: boolean
  inFlight: number
}
type Handler = (req: IncomingMessage, res: ServerResponse) => void
interface TestServer {
  url(path: string): string
  seen: Seen[]
  paths(): string[]
  close(): Promise<void>
}

/** A node:http server on 127.0.0.1 and a free port, recording every request it gets. */
async function startServer(routes: Record<string, Handler>): Promise<TestServer> {
  const seen: Seen[] = []
  let inFlight = 0
  const server: Server = createServer((req, res) => {
    inFlight += 1
    const entry: Seen = { path: req.url ?? '', at: performance.now(), headers: req.headers, inFlight }
    seen.push(entry)
    res.on('finish', () => (entry.finished = true))
    res.on('close', () => {
      inFlight -= 1
      entry.status = res.statusCode
      entry.finished ??= false
    })
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname]
    if (route) route(req, res)
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    seen,
    paths: () => seen.map((s) => s.path),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const send =
  (
    body: string | Buffer,
    headers: Record<string, string | number> = { 'content-type': 'text/html; charset=utf-8' },
    status = 200,
  ): Handler =>
  (_req, res) =>
    res.writeHead(status, headers).end(body)
const redirect =
  (location: string, status = 302): Handler =>
  (_req, res) =>
    res.writeHead(status, { location }).end()
/** Calls `then` after `ms` unless the client went away first. */
const later =
  (ms: number, then: Handler): Handler =>
  (req, res) => {
    const timer = setTimeout(() => then(req, res), ms)
    res.on('close', () => clearTimeout(timer))
  }

/** Writes 64 KB chunks, honouring back-pressure, until `total` bytes are sent or the client hangs up. */
const stream =
  (total: number, headers: Record<string, string | number>): Handler =>
  (_req, res) => {
    res.writeHead(200, headers)
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const pump = () => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      if (!res.destroyed) res.end()
    }
    pump()
  }

const site: Record<string, Handler> = {
  // our product token may fetch all but /private; every other robot nothing
  '/robots.txt': send('User-agent: NewsdeskBot\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n', { 'content-type': 'text/plain' }),
  '/page': send(PAGE),
  '/feed.xml': send(FEED, { 'content-type': 'application/rss+xml' }),
  // a feed as the content type a server states, e.g. /feed-as?application/x-rss+xml
  '/feed-as': (req, res) => send(FEED, { 'content-type': decodeURIComponent(new URL(req.url!, 'http://x').search.slice(1)) })(req, res),
  '/r1': redirect('/r2', 301),
  '/r2': redirect('/page', 302),
  '/loop-a': redirect('/loop-b'),
  '/loop-b': redirect('/loop-a'),
  '/to-private': redirect('/private/secret'),
  '/private/secret': send(PAGE),
  '/to-ftp': redirect('ftp://files.example/page'),
  // another port of this machine, as a redirect (`plain` is started below)
  '/to-other-port': (req, res) => redirect(plain.url('/page'))(req, res),
  '/missing': send('gone', { 'content-type': 'text/html' }, 404),
  '/broken': send('oops', { 'content-type': 'text/html' }, 500),
  '/slow-headers': later(1500, send(PAGE)),
  '/slow-body': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).write('<p>start')
    later(1500, (_req, r) => r.end('</p>'))(req, res)
  },
  '/big-announced': send('a'.repeat(64 * 1024), { 'content-type': 'text/html', 'content-length': 64 * 1024 }),
  '/big-chunked': stream(32 * 1024 * 1024, { 'content-type': 'text/html' }),
  '/image.png': send(Buffer.from([0x89, 0x50, 0x4e, 0x47]), { 'content-type': 'image/png' }),
  '/etag': (req, res) => {
    const validators = { etag: '"v1"', 'last-modified': LAST_MODIFIED }
    if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, validators).end()
    else res.writeHead(200, { ...validators, 'content-type': 'text/html' }).end(PAGE)
  },
  '/gzip': send(gzipSync(PAGE), { 'content-type': 'text/html', 'content-encoding': 'gzip' }),
  '/brotli': send(brotliCompressSync(PAGE), { 'content-type': 'text/html', 'content-encoding': 'br' }),
}
for (let n = 1; n <= 6; n++) site[`/chain/${n}`] = redirect(n === 1 ? '/page' : `/chain/${n - 1}`)

let main: TestServer
let slowRobots: TestServer // Crawl-delay
let brokenRobots: TestServer // robots.txt answers 500
let plain: TestServer // no robots.txt (404), responses held for a while
beforeAll(async () => {
  main = await startServer(site)
  slowRobots = await startServer({
    '/robots.txt': send('User-agent: *\nCrawl-delay: 0.4\n', { 'content-type': 'text/plain' }),
    '/a': send(PAGE),
    '/b': send(PAGE),
  })
  brokenRobots = await startServer({ '/robots.txt': send('down', { 'content-type': 'text/plain' }, 503), '/page': send(PAGE) })
  plain = await startServer({ '/page': send(PAGE), '/held': later(150, send(PAGE)) })
})
afterAll(async () => {
  await Promise.all([main, slowRobots, brokenRobots, plain].map((s) => s.close()))
})

const fetchers: Array<ReturnType<typeof createFetcher>> = []
const fetcherWith = (opts: Partial<FetchOptions> = {}) => {
  // the test servers are on this machine: named as the operator's own hosts
  const fetcher = createFetcher({ userAgent: UA, delayMs: 0, timeoutMs: 3000, allowPrivate: ['127.0.0.1', 'localhost'], ...opts })
  fetchers.push(fetcher)
  return fetcher
}
afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((f) => f.close()))
})

const text = (result: FetchResult) => (result.kind === 'fetched' ? new TextDecoder().decode(result.bytes) : `<${result.kind}>`)
const requestsTo = (server: TestServer, path: string) => server.seen.filter((s) => s.path === path)

describe('fetcher: pages, feeds and HTTP errors', () => {
  it('fetches a page and a feed, sending its User-Agent (to robots.txt too)', async () => {
    const fetcher = fetcherWith()
    const from = main.seen.length
    const page = await fetcher.fetch(main.url('/page'))
    expect(page).toMatchObject({
      kind: 'fetched',
      url: main.url('/page'),
      requestedUrl: main.url('/page'),
      status: 200,
      contentType: 'text/html; charset=utf-8',
      validators: { etag: null, lastModified: null },
    })
    expect(text(page)).toBe(PAGE)
    const feed = await fetcher.fetch(main.url('/feed.xml'))
    expect(feed).toMatchObject({ kind: 'fetched', contentType: 'application/rss+xml' })
    expect(text(feed)).toBe(FEED)
    const requests = main.seen.slice(from)
    expect(requests.map((r) => r.path)).toEqual(['/robots.txt', '/page', '/feed.xml']) // robots.txt once per origin
    expect(requests.map((r) => r.headers['user-agent'])).toEqual([UA, UA, UA])
  })

  it('reports 404 and 500 with their status', async () => {
    const fetcher = fetcherWith()
    expect(await fetcher.fetch(main.url('/missing'))).toEqual({
      kind: 'failed',
      url: main.url('/missing'),
      reason: 'HTTP 404',
      status: 404,
    })
    expect(await fetcher.fetch(main.url('/broken'))).toEqual({ kind: 'failed', url: main.url('/broken'), reason: 'HTTP 500', status: 500 })
  })

  it.each([
    'application/x-rss+xml',
    'application/x-atom+xml',
    'application/rdf+xml',
    'text/xml; charset=iso-8859-1',
    'application/feed+json',
    'Application/RSS+XML',
  ])('accepts a feed served as %s', async (type) => {
    expect(await fetcherWith().fetch(main.url(`/feed-as?${encodeURIComponent(type)}`))).toMatchObject({
      kind: 'fetched',
      contentType: type,
    })
  })

  it('refuses a content type that is neither a page nor a feed', async () => {
    const result = await fetcherWith().fetch(main.url('/image.png'))
    expect(result).toMatchObject({ kind: 'failed', reason: 'content type image/png is not a page or feed', status: 200 })
  })

  it('decompresses gzip and brotli answers', async () => {
    const fetcher = fetcherWith()
    expect(text(await fetcher.fetch(main.url('/gzip')))).toBe(PAGE)
    expect(text(await fetcher.fetch(main.url('/brotli')))).toBe(PAGE)
    expect(requestsTo(main, '/gzip')[0]?.headers['accept-encoding']).toMatch(/gzip/)
  })

  it('refuses URLs that are not http(s) without a request', async () => {
    const fetcher = fetcherWith()
    expect(await fetcher.fetch('ftp://files.example/x')).toEqual({
      kind: 'failed',
      url: 'ftp://files.example/x',
      reason: 'not an http(s) URL',
    })
    expect(await fetcher.fetch('no url at all')).toMatchObject({ kind: 'failed', reason: 'invalid URL' })
  })

  it('reports a refused connection', async () => {
    const gone = await startServer({})
    const url = gone.url('/page')
    await gone.close()
    expect(await fetcherWith({ respectRobots: false }).fetch(url)).toEqual({ kind: 'failed', url, reason: 'connection refused' })
    expect(await fetcherWith().fetch(url)).toMatchObject({ reason: 'connection refused (fetching robots.txt)' })
  })

  it('names network errors from their codes', () => {
    const failure = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ${code}`), { code }) })
    expect(describeNetworkError(failure('ENOTFOUND'))).toBe('DNS lookup failed')
    expect(describeNetworkError(failure('ECONNRESET'))).toBe('connection reset')
    expect(describeNetworkError(new TypeError('fetch failed', { cause: new AggregateError([failure('ECONNREFUSED').cause]) }))).toBe(
      'connection refused',
    )
    expect(describeNetworkError(failure('CERT_HAS_EXPIRED'))).toMatch(/^TLS error/)
    expect(describeNetworkError(new Error('odd'))).toBe('network error: odd')
  })
})

describe('fetcher: redirects', () => {
  it('follows 301 then 302 and reports the final URL', async () => {
    const result = await fetcherWith().fetch(main.url('/r1'))
    expect(result).toMatchObject({ kind: 'fetched', url: main.url('/page'), requestedUrl: main.url('/r1'), status: 200 })
  })

  it('stops a redirect loop and a chain longer than maxRedirects', async () => {
    const fetcher = fetcherWith({ maxRedirects: 5 })
    expect(await fetcher.fetch(main.url('/loop-a'))).toMatchObject({ kind: 'failed', reason: `redirect loop (at ${main.url('/loop-b')})` })
    expect(await fetcher.fetch(main.url('/chain/5'))).toMatchObject({ kind: 'fetched', url: main.url('/page') })
    const from = main.seen.length
    expect(await fetcher.fetch(main.url('/chain/6'))).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/^too many redirects/),
    })
    // five redirects followed; the sixth (from /chain/1 to /page) was not
    expect(main.paths().slice(from)).toEqual(['/chain/6', '/chain/5', '/chain/4', '/chain/3', '/chain/2', '/chain/1'])
  })

  it('refuses a redirect to a non-http(s) URL', async () => {
    const result = await fetcherWith().fetch(main.url('/to-ftp'))
    expect(result).toMatchObject({ kind: 'failed', reason: 'redirect to ftp://files.example/page: not an http(s) URL', status: 302 })
  })
})

describe('fetcher: limits', () => {
  it('times out on slow headers and on a slow body', async () => {
    const fetcher = fetcherWith({ timeoutMs: 300 })
    const started = performance.now()
    const [headers, body] = await Promise.all([fetcher.fetch(main.url('/slow-headers')), fetcher.fetch(main.url('/slow-body'))])
    expect(headers).toMatchObject({ kind: 'failed', reason: 'timed out after 0.3 s' })
    expect(body).toMatchObject({ kind: 'failed', reason: 'timed out after 0.3 s' })
    expect(performance.now() - started).toBeLessThan(1200)
  })

  it('refuses a body announced larger than maxBytes, and stops reading one that grows past it', async () => {
    const fetcher = fetcherWith({ maxBytes: 10 * 1024 })
    expect(await fetcher.fetch(main.url('/big-announced'))).toMatchObject({ kind: 'failed', reason: 'larger than 10 KB', status: 200 })
    expect(await fetcher.fetch(main.url('/big-chunked'))).toMatchObject({ kind: 'failed', reason: 'larger than 10 KB', status: 200 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(requestsTo(main, '/big-chunked')[0]).toMatchObject({ finished: false }) // the 32 MB were never all sent
  })
})

describe('fetcher: conditional requests', () => {
  it('sends the validators it knows and reports a 304 as unchanged', async () => {
    const fetcher = fetcherWith()
    const first = await fetcher.fetch(main.url('/etag'))
    expect(first).toMatchObject({ kind: 'fetched', validators: { etag: '"v1"', lastModified: LAST_MODIFIED } })
    const known = first.kind === 'fetched' ? first.validators : undefined
    expect(await fetcher.fetch(main.url('/etag'), known)).toEqual({
      kind: 'unchanged',
      url: main.url('/etag'),
      validators: { etag: '"v1"', lastModified: LAST_MODIFIED },
    })
    const [plainRequest, conditional] = requestsTo(main, '/etag')
    expect(plainRequest!.headers['if-none-match']).toBeUndefined()
    expect(conditional!.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': LAST_MODIFIED })
    expect(conditional!.status).toBe(304) // and so no body
  })
})

// The server sees a request arrive, not leave the client: the first request to a host also waits for the connection
// to open, which shortens its gap to the next one as measured here
const FIRST_CONNECTION_SLACK_MS = 40
const TIMER_SLACK_MS = 10

describe('fetcher: robots.txt', () => {
  it('never requests a disallowed URL, also when a redirect leads there', async () => {
    const fetcher = fetcherWith()
    expect(await fetcher.fetch(main.url('/private/secret'))).toMatchObject({ kind: 'failed', reason: 'disallowed by robots.txt' })
    expect(await fetcher.fetch(main.url('/to-private'))).toMatchObject({
      kind: 'failed',
      reason: `disallowed by robots.txt (at ${main.url('/private/secret')})`,
    })
    expect(main.paths()).not.toContain('/private/secret')
  })

  it('treats a robots.txt 5xx as disallow-all and a 404 as allow-all', async () => {
    const fetcher = fetcherWith()
    expect(await fetcher.fetch(brokenRobots.url('/page'))).toMatchObject({
      kind: 'failed',
      reason: 'disallowed by robots.txt (robots.txt answered HTTP 503)',
    })
    expect(brokenRobots.paths()).toEqual(['/robots.txt'])
    expect(await fetcher.fetch(plain.url('/page'))).toMatchObject({ kind: 'fetched' })
  })

  it('ignores robots.txt when told to', async () => {
    expect(await fetcherWith({ respectRobots: false }).fetch(brokenRobots.url('/page'))).toMatchObject({ kind: 'fetched' })
  })

  it('raises the gap between requests to a Crawl-delay', async () => {
    const fetcher = fetcherWith({ delayMs: 50 })
    const results = await Promise.all([fetcher.fetch(slowRobots.url('/a')), fetcher.fetch(slowRobots.url('/b'))])
    expect(results.map((r) => r.kind)).toEqual(['fetched', 'fetched'])
    const [robots, first, second] = slowRobots.seen
    expect(slowRobots.paths()).toEqual(['/robots.txt', expect.stringMatching(/^\/[ab]$/), expect.stringMatching(/^\/[ab]$/)])
    expect(first!.at - robots!.at).toBeGreaterThanOrEqual(400 - FIRST_CONNECTION_SLACK_MS)
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(400 - TIMER_SLACK_MS)
  })
})

describe('fetcher: politeness', () => {
  it('starts requests to one host at least delayMs apart', async () => {
    const fetcher = fetcherWith({ delayMs: 200 })
    const from = plain.seen.length
    await Promise.all([1, 2, 3].map((n) => fetcher.fetch(plain.url(`/page?n=${n}`))))
    const starts = plain.seen.slice(from).map((s) => s.at) // robots.txt, then the three pages
    expect(starts).toHaveLength(4)
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(200 - FIRST_CONNECTION_SLACK_MS)
    for (let i = 2; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(200 - TIMER_SLACK_MS)
  })

  it('keeps at most perHostConcurrency requests in flight on a host', async () => {
    const fetcher = fetcherWith({ perHostConcurrency: 2, respectRobots: false })
    const from = plain.seen.length
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => fetcher.fetch(plain.url(`/held?n=${n}`))))
    expect(results.every((r) => r.kind === 'fetched')).toBe(true)
    expect(Math.max(...plain.seen.slice(from).map((s) => s.inFlight))).toBe(2)
  })

  it('on close, fails the fetches still waiting for their turn instead of leaving them hanging', async () => {
    const fetcher = fetcherWith({ delayMs: 5000, respectRobots: false })
    const first = fetcher.fetch(plain.url('/page'))
    const queued = fetcher.fetch(plain.url('/page?queued'))
    await first
    const started = performance.now()
    await fetcher.close()
    expect(await queued).toMatchObject({ kind: 'failed', reason: 'fetcher closed' })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(plain.paths()).not.toContain('/page?queued')
  })

  it('runs different hosts in parallel', async () => {
    const fetcher = fetcherWith({ delayMs: 300, respectRobots: false })
    const from = { main: main.seen.length, plain: plain.seen.length }
    await Promise.all([fetcher.fetch(main.url('/page')), fetcher.fetch(plain.url('/page')), fetcher.fetch(main.url('/feed.xml'))])
    const [mainPage, mainFeed] = main.seen.slice(from.main)
    const [plainPage] = plain.seen.slice(from.plain)
    expect(Math.abs(plainPage!.at - mainPage!.at)).toBeLessThan(150)
    expect(mainFeed!.at - mainPage!.at).toBeGreaterThanOrEqual(300 - FIRST_CONNECTION_SLACK_MS)
  })
})

describe('addresses a third party may not make the fetcher reach', () => {
  it('refuses this machine and private networks for origins not allowed, before connecting', async () => {
    const stranger = fetcherWith({ allowPrivate: [] })
    const before = plain.seen.length
    const literal = await stranger.fetch(plain.url('/page'))
    expect(literal).toMatchObject({
      kind: 'failed',
      reason: `refused: 127.0.0.1 is not a public address (loopback), and ${new URL(plain.url('/')).origin} is not an allowed origin`,
    })
    const port = new URL(plain.url('/')).port
    const named = await stranger.fetch(`http://localhost:${port}/page`)
    expect(named).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(
        new RegExp(
          `^refused: localhost resolves to an address that is not public \\(.+, loopback\\), and http://localhost:${port} is not an allowed origin$`,
        ),
      ),
    })
    // not even robots.txt was asked for
    expect(plain.seen.length).toBe(before)
  })

  it('lets an allowed origin reach its own host, not another port of it, unless that port is allowed too', async () => {
    const mainOrigin = new URL(main.url('/')).origin
    const plainOrigin = new URL(plain.url('/')).origin
    const before = plain.seen.length
    const exact = fetcherWith({ allowPrivate: [mainOrigin] })
    expect(await exact.fetch(main.url('/page'))).toMatchObject({ kind: 'fetched' })
    expect(await exact.fetch(main.url('/to-other-port'))).toMatchObject({
      kind: 'failed',
      reason: `refused: 127.0.0.1 is not a public address (loopback), and ${plainOrigin} is not an allowed origin (at ${plain.url('/page')})`,
    })
    // another scheme on the same port is another origin as well
    expect(await exact.fetch(main.url('/page').replace('http:', 'https:'))).toMatchObject({
      kind: 'failed',
      reason: expect.stringMatching(/^refused: .* https:\/\/127\.0\.0\.1:\d+ is not an allowed origin$/),
    })
    expect(plain.seen.length).toBe(before)

    const widened = fetcherWith({ allowPrivate: [mainOrigin, `127.0.0.1:${new URL(plainOrigin).port}`] })
    expect(await widened.fetch(main.url('/to-other-port'))).toMatchObject({ kind: 'fetched', url: plain.url('/page') })
  })
})
