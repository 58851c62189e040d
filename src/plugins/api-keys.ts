import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Which configured key authenticated this request ("key 1", …): for logs and rate limits, never the key itself. */
    apiKey?: string
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest()

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i.exec(header ?? '')
  return m ? m[1]! : null
}

/**
 * The index of the key `token` equals, or -1. Every key is compared, each in constant time on
 * SHA-256 digests (equal lengths whatever the token), so the time taken tells nothing about the keys.
 */
export function matchingKey(keys: Buffer[], token: string): number {
  const given = digest(token)
  let found = -1
  keys.forEach((key, i) => {
    if (timingSafeEqual(key, given) && found < 0) found = i
  })
  return found
}

/**
 * What a write's rate limit counts by (it runs before the key is checked): a valid key's number, so
 * each key has its own allowance; anything else by the client's address, so guessing keys is
 * limited too.
 */
export function rateLimitKey(keys: string[]) {
  const digests = keys.map(digest)
  return (req: FastifyRequest): string => {
    const token = bearerToken(req.headers.authorization)
    const index = token === null ? -1 : matchingKey(digests, token)
    return index >= 0 ? `key ${index + 1}` : `ip ${req.ip}`
  }
}

/**
 * A preParsing hook that lets a request through only with one of `keys`: after the rate limit
 * (onRequest) has counted it, before its body is read.
 */
export function requireApiKey(keys: string[]) {
  const digests = keys.map(digest)
  return async <T>(req: FastifyRequest, reply: FastifyReply, payload: T): Promise<T> => {
    const token = bearerToken(req.headers.authorization)
    const index = token === null ? -1 : matchingKey(digests, token)
    if (index < 0) {
      reply.header(
        'www-authenticate',
        token === null ? 'Bearer realm="newsdesk"' : 'Bearer realm="newsdesk", error="invalid_token", error_description="unknown API key"',
      )
      throw new AppError(401, token === null ? 'this route needs an API key: Authorization: Bearer <key>' : 'the API key is not valid')
    }
    req.apiKey = `key ${index + 1}`
    return payload
  }
}

/** Query parameters a client may put an API key in, by mistake or habit. */
const KEY_PARAMS = /^(api[-_]?key|key|access[-_]?token|token|auth|authorization|bearer|secret)$/i
const queryNames = (url: string) => {
  const at = url.indexOf('?')
  return at < 0 ? [] : [...new URLSearchParams(url.slice(at + 1)).keys()]
}

/**
 * `url` as logs keep it: the values of key-like query parameters, and any configured key wherever
 * it stands (as given or percent-encoded), replaced by "[redacted]".
 */
export function redactUrl(url: string, keys: string[]): string {
  let out = url.replace(/([?&])([^=&#]*)=([^&#]*)/g, (whole, sep: string, name: string) => {
    let decoded = name
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '))
    } catch {
      // a broken escape in a name: compared as written
    }
    return KEY_PARAMS.test(decoded) ? `${sep}${name}=[redacted]` : whole
  })
  for (const key of keys) for (const form of new Set([key, encodeURIComponent(key)])) out = out.split(form).join('[redacted]')
  return out
}

/**
 * An onRequest hook: a key-like parameter in the query string is refused with 400 on every route,
 * before anything else reads it. A key there ends up in logs, proxies and browser histories; it
 * goes in the Authorization header.
 */
export async function refuseKeysInQuery(req: FastifyRequest): Promise<void> {
  const name = queryNames(req.url).find((n) => KEY_PARAMS.test(n))
  if (name !== undefined)
    throw new AppError(
      400,
      `API keys are not taken in the query string ('${name}'), where logs and histories keep them: send Authorization: Bearer <key>`,
      { in: 'query', name },
    )
}
