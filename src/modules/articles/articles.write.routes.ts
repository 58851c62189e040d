import type { FastifyInstance } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Config } from '../../config.js'
import { AppError, ProblemDetails, problem } from '../../errors.js'
import type { RecordOutcome } from '../../ingest/ingest.js'
import { MAX_EXTRA_BYTES, MAX_NESTING, type RecordResult } from '../../ingest/parse.js'
import { ParseError } from '../../ingest/types.js'
import { htmlRecord } from '../../ingest/web.js'
import { decodeHtml } from '../../web/html/decode.js'
import type { ArticleWriter } from '../../ingest/write.js'
import { rateLimitKey, requireApiKey } from '../../plugins/api-keys.js'
import { ArticleParams } from './articles.schema.js'
import { WriteQuery, WriteResult, type WriteOutcome } from './articles.write.schema.js'
import { bodyReader, boundedBody } from './write-body.js'

type BodyReader = ReturnType<typeof bodyReader>

/** Media types a write accepts, with how each body becomes records. */
export const JSON_LINES_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/jsonlines']
const ACCEPTED = ['application/json', ...JSON_LINES_TYPES]
const HTML_TYPES = ['text/html', 'application/xhtml+xml']

export interface WriteRoutesOptions {
  config: Config
  writer: ArticleWriter
  /** Whether the rate-limit plugin is registered (a route-level limit needs it). */
  rateLimited: boolean
}

/** A record that could not be stored for a reason of the server's: what went wrong is logged, never told. */
const STORE_FAILURE = 'the record could not be stored here (the server logged why)'
const isStoreFailure = (o: RecordOutcome) => o.status === 'failed' && /^could not store/.test(o.reason ?? '')

const toOutcome = (o: RecordOutcome): WriteOutcome => ({
  where: o.where,
  status: o.status,
  id: o.id ?? null,
  title: o.title ?? null,
  warnings: o.warnings ?? [],
  problem: o.status !== 'failed' ? null : isStoreFailure(o) ? problem(500, STORE_FAILURE) : problem(400, o.reason ?? 'failed'),
})

const mediaType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase()
const isJsonLines = (contentType: string) => JSON_LINES_TYPES.includes(mediaType(contentType))

/**
 * The records of a request body, by its media type and the CLI's rules for files: JSON and JSON
 * Lines are strict UTF-8 (a BOM dropped), a web page is one article read in the charset it
 * declares; a NUL byte is refused in either.
 */
async function recordsOf(reader: BodyReader, contentType: string, body: Buffer, url: string | undefined): Promise<RecordResult[]> {
  try {
    if (!HTML_TYPES.includes(mediaType(contentType))) return await reader.read(isJsonLines(contentType), body)
    if (body.includes(0)) throw new ParseError('binary content (contains NUL bytes)')
    return [htmlRecord(decodeHtml(body, contentType).text, url ?? null)]
  } catch (err) {
    if (err instanceof ParseError) throw new AppError(400, `the body cannot be read: ${err.message}`)
    throw err
  }
}

/**
 * What every write route checks before it reads a body: an API key, and room in the writer's queue
 * (writes run one at a time; past the bound a request is refused before its body is read).
 */
export function guardWrites(app: FastifyInstance, config: Config, writer: Pick<ArticleWriter, 'waiting'>): void {
  app.addHook('preParsing', requireApiKey(config.API_KEYS))
  app.addHook('preParsing', async (_req, _reply, payload) => {
    if (writer.waiting() >= config.WRITE_QUEUE) throw new AppError(503, `${writer.waiting()} writes are waiting already; retry later`)
    return payload
  })
}

/** The route config of a write: limited per API key (WRITE_RATE_LIMIT_*), when the rate-limit plugin is registered. */
export const writeRateLimit = (config: Config, rateLimited: boolean) =>
  rateLimited && config.WRITE_RATE_LIMIT_MAX > 0
    ? {
        rateLimit: {
          max: config.WRITE_RATE_LIMIT_MAX,
          timeWindow: config.WRITE_RATE_LIMIT_WINDOW,
          keyGenerator: rateLimitKey(config.API_KEYS),
        },
      }
    : {}

/**
 * The write API, registered only when API keys are configured: POST /articles ingests one article
 * (JSON), many (a JSON array, or JSON Lines) with the CLI's outcomes, DELETE /articles/:id
 * removes one. Every request needs a key (checked before the body is read), and is limited per key.
 */
export const articleWriteRoutes: FastifyPluginAsyncZod<WriteRoutesOptions> = async (app, { config, writer, rateLimited }) => {
  const reader = bodyReader()
  app.addHook('onClose', () => reader.close())
  app.removeAllContentTypeParsers()
  // counted as it arrives: a body with too many records is refused before it is all read, never parsed
  app.addContentTypeParser(ACCEPTED, boundedBody({ bytes: config.WRITE_BODY_LIMIT_BYTES, records: config.WRITE_MAX_RECORDS }, isJsonLines))
  app.addContentTypeParser(HTML_TYPES, { parseAs: 'buffer', bodyLimit: config.WRITE_BODY_LIMIT_BYTES }, (_req, body, done) =>
    done(null, body),
  )
  guardWrites(app, config, writer)
  const rateLimit = writeRateLimit(config, rateLimited)
  const security = [{ bearerAuth: [] }]
  const refusals = { 400: ProblemDetails, 401: ProblemDetails, 413: ProblemDetails, 415: ProblemDetails }

  app.post(
    '/',
    {
      schema: {
        tags: ['articles'],
        operationId: 'createArticles',
        summary: 'Ingest articles (needs an API key)',
        description: `One article as a JSON object, several as a JSON array or as JSON Lines (\`application/x-ndjson\`), with the fields of the ingest CLI's JSON format (\`title\`, \`body\`, \`publishedAt\`, \`section\`, \`url\`, \`id\`, …), or a web page (\`text/html\`, with \`?url=\` where it was published): its article is extracted as the CLI extracts saved pages, and its canonical URL (else \`url\`) is its identity. Each record gets the CLI's outcome: ingested, updated (same \`id\` or \`url\`, new content), unchanged, or failed with a problem. The answer is 201 when something was ingested (with \`Location\` for a single article), 200 when everything was already there or updated, and 400 when every record failed. At most ${config.WRITE_MAX_RECORDS} records and ${Math.round(config.WRITE_BODY_LIMIT_BYTES / 1024 / 1024)} MB per request (413), JSON, JSON Lines or HTML only (415); JSON and JSON Lines are UTF-8 (a \`charset\` other than utf-8 is a 415, a leading BOM is dropped, invalid UTF-8 or a NUL byte is a 400), and a record whose strings hold a NUL or a lone surrogate, that nests deeper than ${MAX_NESTING} levels, or whose fields beyond the article's own (kept as \`extra\`) take more than ${MAX_EXTRA_BYTES / 1024} KB as JSON fails with a 400 problem, as the CLI refuses them; \`Authorization: Bearer <key>\` (401), limited per key (429).`,
        security,
        querystring: WriteQuery,
        consumes: [...ACCEPTED, ...HTML_TYPES],
        // read as text (JSON, JSON Lines) or bytes (HTML, decoded in the charset it declares), then parsed into records
        body: z.unknown().describe('A JSON object or array, JSON Lines, or an HTML page'),
        response: { 200: WriteResult, 201: WriteResult, ...refusals },
      },
      bodyLimit: config.WRITE_BODY_LIMIT_BYTES,
      config: { responseCache: false, ...rateLimit },
    },
    async (req, reply) => {
      const records = await recordsOf(reader, req.headers['content-type'] ?? '', req.body as Buffer, req.query.url)
      if (records.length === 0) throw new AppError(400, 'the body holds no article')
      if (records.length > config.WRITE_MAX_RECORDS)
        throw new AppError(413, `${records.length} records in one request; at most ${config.WRITE_MAX_RECORDS} are taken`)
      const outcomes = await writer.ingest('POST /articles', records)
      for (const o of outcomes.filter(isStoreFailure))
        req.log.error({ where: o.where, reason: o.reason }, 'a written record could not be stored')
      const results = outcomes.map(toOutcome)
      // this process's cached answers and counts reflect the write before the client hears of it
      await app.readStore.catchUp()
      const summary = { ingested: 0, updated: 0, unchanged: 0, failed: 0 }
      for (const r of results) summary[r.status]++
      if (summary.failed === results.length && results.some((r) => r.problem!.status >= 500)) {
        // the database could not take them (locked by another writer, say): the request may be sent again
        reply.header('retry-after', '5')
        throw new AppError(503, 'the articles could not be stored now (the server logged why); retry later')
      }
      if (summary.failed === results.length) {
        const errors = results.map((r) => ({ in: 'body' as const, name: r.where || 'body', message: r.problem!.detail }))
        return reply
          .code(400)
          .type('application/problem+json')
          .send(
            problem(400, results.length === 1 ? errors[0]!.message : `all ${results.length} records failed`, {
              instance: '/articles',
              errors,
            }),
          )
      }
      if (results.length === 1 && results[0]!.id) reply.header('location', `/articles/${results[0]!.id}`)
      return reply.code(summary.ingested > 0 ? 201 : 200).send({ results, summary })
    },
  )

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['articles'],
        operationId: 'deleteArticle',
        summary: 'Remove an article (needs an API key)',
        description:
          'The article goes with its quotes and mentions; the people in it are recounted (someone left without an article goes too) and the one-word names it shared keys with are resolved again. 204 with no body; 404 if there is no such article.',
        security,
        params: ArticleParams,
        response: { 204: z.null().describe('Removed'), 401: ProblemDetails, 404: ProblemDetails },
      },
      config: { responseCache: false, ...rateLimit },
    },
    async (req, reply) => {
      if (!(await writer.delete(req.params.id))) throw new AppError(404, `article '${req.params.id}' not found`)
      await app.readStore.catchUp()
      return reply.code(204).send(null)
    },
  )
}
