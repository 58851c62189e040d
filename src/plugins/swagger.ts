import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'

type Json = Record<string, unknown>
interface Operation {
  operationId?: string
  responses: Record<string, Json>
}

/** Export routes stream CSV or JSON Lines (shared/export.ts) and are never cached. */
const isExport = (op: Operation) => op.operationId?.startsWith('export') ?? false

const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' }
const problemResponse = (description: string, headers?: Json): Json => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: PROBLEM } },
})
const header = (description: string, type: 'string' | 'integer' = 'string') => ({ description, schema: { type } })
const ETAG = header('Weak validator of the answer: send it back in If-None-Match')
const RETRY_AFTER = header('Seconds to wait before retrying', 'integer')

/** Answers the server can give on any route, documented once here rather than on every route. */
function sharedResponses(path: string): Record<string, Json> {
  const health = path === '/health'
  return {
    ...(health
      ? {}
      : {
          304: { description: 'Not Modified: the ETag in If-None-Match is still current (no body)', headers: { ETag: ETAG } },
          406: problemResponse('Not Acceptable: the Accept header allows neither application/json nor application/problem+json'),
          429: problemResponse('Too Many Requests: over the per-client rate limit', {
            'Retry-After': RETRY_AFTER,
            'RateLimit-Limit': header('Requests allowed per window', 'integer'),
            'RateLimit-Remaining': header('Requests left in this window', 'integer'),
            'RateLimit-Reset': header('Seconds until the window resets', 'integer'),
          }),
          503: problemResponse('Service Unavailable: the server is shedding load, or too many broad searches are waiting', {
            'Retry-After': RETRY_AFTER,
          }),
        }),
    408: problemResponse('Request Timeout: the request did not arrive in time'),
    431: problemResponse('Request Header Fields Too Large: the URL and headers together must stay under 16 KB'),
  }
}

/**
 * The generated document made complete for OpenAPI tools: errors as application/problem+json,
 * the answers every route can give, ETag on cacheable answers, servers and security, and no
 * `*Input` copies of schemas that no request uses.
 */
export function completeDocument(doc: Json): Json {
  const paths = doc.paths as Record<string, Record<string, Operation>>
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      const write = method !== 'get' && method !== 'head'
      for (const [status, response] of Object.entries(op.responses)) {
        const content = response.content as Record<string, unknown> | undefined
        if (Number(status) >= 400 && content?.['application/json'] && JSON.stringify(content).includes('ProblemDetails')) {
          response.content = { 'application/problem+json': content['application/json'] }
        }
        if (status === '200' && isExport(op)) {
          const schema = { type: 'string', description: response.description }
          response.content = { 'application/x-ndjson': { schema }, 'text/csv': { schema } }
          response.headers = { 'Content-Disposition': header('attachment, with a file name (quotes.csv, quotes.jsonl, …)') }
        } else if (status === '200' && path !== '/health' && !write)
          response.headers = { ETag: ETAG, 'Cache-Control': header('no-cache: revalidate with If-None-Match') }
      }
      const shared = sharedResponses(path)
      if (isExport(op) || write) delete shared[304]
      if (write)
        shared[507] = problemResponse('Insufficient Storage: the disk holding the database is full; the write was not stored', {
          'Retry-After': RETRY_AFTER,
        })
      op.responses = { ...shared, ...op.responses }
    }
  }
  const components = doc.components as { schemas: Record<string, unknown> }
  // an unused input schema may be the only user of another: drop until none is left
  for (let dropped = true; dropped;) {
    dropped = false
    for (const name of Object.keys(components.schemas).filter((n) => n.endsWith('Input'))) {
      const rest = JSON.stringify({ ...doc, components: { schemas: { ...components.schemas, [name]: undefined } } })
      if (!rest.includes(`"#/components/schemas/${name}"`)) {
        delete components.schemas[name]
        dropped = true
      }
    }
  }
  return { ...doc, servers: [{ url: '/', description: 'The server this document was fetched from' }], security: [] }
}

/**
 * The content security policy of /docs: Swagger UI loads its scripts, styles and the document
 * from this server and runs no inline script (its initializer is a file), so nothing else is
 * allowed, but for the one inline style it applies at run time, by its hash (a new Swagger UI
 * that changes it fails tests/browser/docs.test.ts, which refuses any policy violation). Not the
 * plugin's default (staticCSP: true), which upgrades every request to https and would break the
 * page on a server reached over http.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='",
].join('; ')

/** OpenAPI 3.1 generated from the route zod schemas, served at /openapi.json, browsable at /docs. */
export const swaggerPlugin = fp(async (app: FastifyInstance, opts: { writable?: boolean }) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Newsdesk API',
        version: '0.1.0',
        description:
          'Who is in the news and who said what: articles, the people in them, and their quotes. JSON, read-only unless API keys are configured (then POST and DELETE `/articles` with a bearer key); lists use keyset pagination (`page.nextCursor`); errors are RFC 9457 problem+json; every answer carries a weak ETag for If-None-Match.',
      },
      tags: [
        { name: 'articles', description: 'Ingested news articles' },
        { name: 'people', description: 'People mentioned across articles' },
        { name: 'quotes', description: 'Direct and reported speech with its speaker' },
        { name: 'organizations', description: 'Organisations and groups that speak ("the Kremlin", "Russian officials")' },
        { name: 'stats', description: 'Totals over the whole database' },
        { name: 'health', description: 'Service status' },
      ],
      // the write routes exist only when API keys are configured, and so does their scheme
      ...(opts.writable
        ? { components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS' } } } }
        : {}),
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => completeDocument(jsonSchemaTransformObject(input) as Json) as ReturnType<typeof jsonSchemaTransformObject>,
  })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
})
