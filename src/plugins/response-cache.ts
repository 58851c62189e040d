import { hash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import type { ReadStore } from '../db/read-store.js'
import { prefersHtml } from './strict-requests.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: never cached and no ETag (answers that change without the data, like /health). */
    responseCache?: boolean
  }
  interface FastifyRequest {
    cacheable?: { key: string; version: number }
  }
}

interface Entry {
  body: string
  etag: string
  /** The answer's own headers: its content type (JSON for the API, HTML and scripts for /docs, HTML for the reader) and a page's CSP. */
  headers: Record<string, string>
}

/** Headers that belong to the answer itself, kept with it and sent again with every cached copy. */
const REPLAYED_HEADERS = ['content-type', 'content-security-policy']

function ownHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name)
    if (value !== undefined) headers[name] = String(value)
  }
  return headers
}

/** A route with an HTML variant (see strict-requests) keeps its HTML and its JSON under different keys. */
const cacheKey = (req: FastifyRequest) =>
  req.routeOptions.config.html === 'variant' && prefersHtml(req) ? `${req.url} text/html` : req.url

/**
 * Weak: one validator for the identity, gzip and br encodings of the same answer, which compression
 * produces after this plugin (RFC 9110 §8.8.1 reserves strong tags for byte-identical bodies).
 */
const weakEtag = (body: string) => `W/"${hash('sha1', body, 'base64url')}"`

const opaque = (tag: string) => tag.trim().replace(/^W\//, '')

/** If-None-Match against an ETag by weak comparison (RFC 9110 §13.1.2): a list of tags, or "*". */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const own = opaque(etag)
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === own)
}

/**
 * Headers every cacheable answer carries, 200 and 304 alike: a 304 must name what the 200 varies
 * on. Vary is added to, never replaced: CORS has put Origin there when it reflects the origin,
 * and a cached copy must say so as the first answer did.
 */
function setValidatorHeaders(req: FastifyRequest, reply: FastifyReply, etag: string): void {
  const own = req.routeOptions.config.html === 'variant' ? ['accept', 'accept-encoding'] : ['accept-encoding']
  const present = String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  const seen = new Set(present.map((name) => name.toLowerCase()))
  reply.headers({ etag, 'cache-control': 'no-cache', vary: [...present, ...own.filter((name) => !seen.has(name))].join(', ') })
}

/**
 * Answers repeated GETs from memory and revalidates clients with ETag / 304. A cached body is
 * served only while the database's data version is the one it was read at: SQLite changes
 * `PRAGMA data_version` on every commit by another connection (an ingest in another process,
 * or Prisma in this one), so a write anywhere empties the cache before the next answer.
 */
export const responseCachePlugin = fp(async (app: FastifyInstance, opts: { store: ReadStore; maxBytes: number }) => {
  const cache =
    opts.maxBytes > 0
      ? new LRUCache<string, Entry>({ maxSize: opts.maxBytes, sizeCalculation: (e) => e.body.length * 2 + e.etag.length + 64 })
      : null
  let version = opts.store.dataVersion()
  let checkedThisTurn = false
  const turnEnded = () => {
    checkedThisTurn = false
  }
  /**
   * The data version, read at most once per event-loop turn. Every request handled in a turn was
   * already received when the turn began, and the first read of the turn sees every commit made
   * before it; a commit after that read is concurrent with those requests, so answering them from
   * the state before it is not stale.
   */
  const currentVersion = () => {
    if (!checkedThisTurn) {
      checkedThisTurn = true
      setImmediate(turnEnded)
      const now = opts.store.dataVersion()
      if (now !== version) {
        cache?.clear()
        version = now
      }
    }
    return version
  }

  // registered after the rate limit and load shedding hooks, so a cached answer still counts and can be shed
  app.addHook('onRequest', (req, reply, done) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.routeOptions.config.responseCache === false) return done()
    const now = currentVersion()
    const key = cacheKey(req)
    const hit = cache?.get(key)
    if (!hit) {
      req.cacheable = { key, version: now }
      return done()
    }
    setValidatorHeaders(req, reply, hit.etag)
    if (etagMatches(req.headers['if-none-match'], hit.etag)) reply.code(304).send()
    else reply.headers(hit.headers).send(hit.body)
  })

  app.addHook('onSend', (req, reply, payload, done) => {
    if (!req.cacheable || reply.statusCode !== 200 || typeof payload !== 'string') return done(null, payload)
    const etag = weakEtag(payload)
    setValidatorHeaders(req, reply, etag)
    // read at the version current when the request came in, and nothing committed since: keep it
    if (cache && req.cacheable.version === currentVersion())
      cache.set(req.cacheable.key, { body: payload, etag, headers: ownHeaders(reply) })
    if (etagMatches(req.headers['if-none-match'], etag)) {
      reply.code(304)
      return done(null, '')
    }
    done(null, payload)
  })
})
