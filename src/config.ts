import { availableParallelism } from 'node:os'
import { z } from 'zod'

/**
 * Fastify's trustProxy: "false" (default; the socket address is the client), "true" (any proxy),
 * a number of hops, or a comma-separated list of proxy addresses/CIDRs.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): boolean | string[] | ((address: string, hop: number) => boolean) => {
    if (/^(true|false)$/i.test(v)) return v.toLowerCase() === 'true'
    if (/^\d+$/.test(v)) {
      const hops = Number(v)
      return (_address, hop) => hop < hops
    }
    const list = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (list.length === 0) ctx.addIssue({ code: 'custom', message: 'expected true, false, a hop count or a list of addresses' })
    return list
  })

/**
 * Quote lists hide quotes below this calibrated confidence unless asked for everything: chosen
 * from the dev reliability table in docs/confidence.md so that about 80 % or more of the shown quotes are right.
 */
export const DEFAULT_QUOTE_MIN_CONFIDENCE = 0.7

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  // loopback by default: a development machine does not publish the API; containers set HOST=0.0.0.0
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/i, 'must be a SQLite file: URL or a postgresql:// URL')
    .default('file:./data/newsdesk.db'),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10).describe('PostgreSQL only: read connections per API process'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGIN: z.string().default('*'),
  TRUST_PROXY: trustProxy.default(false),
  SAMPLE_DATA_DIR: z.string().default('prisma/sample-data'),
  LOAD_SAMPLE_DATA: z.stringbool().default(true),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(600).describe('requests per client per window; 0 turns rate limiting off'),
  RATE_LIMIT_WINDOW: z.string().default('1 minute'),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1_000),
  MAX_HEAP_USED_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(1_536 * 1024 * 1024),
  RESPONSE_CACHE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024 * 1024)
    .describe('memory for cached responses; 0 turns the cache off (ETags stay)'),
  PRESSURE_SAMPLE_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
  SEARCH_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(64)
    .default(availableParallelism())
    .describe('worker threads for searches with many matches; 0 ranks every search in the request thread'),
  SEARCH_HEAVY_MATCHES: z.coerce
    .number()
    .int()
    .min(0)
    .default(2_000)
    .describe('a search matching more articles than this is ranked on a worker thread'),
  QUOTE_MIN_CONFIDENCE: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(DEFAULT_QUOTE_MIN_CONFIDENCE)
    .describe('quote lists hide quotes below this confidence unless asked (minConfidence); docs/confidence.md'),
  TOTAL_COUNT_CAP: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(10_000)
    .describe('lists count their results up to this many (page.total); past it they answer "at least"'),
  API_KEYS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .refine((keys) => keys.every((k) => k.length >= 16 && /^[A-Za-z0-9\-._~+/]+=*$/.test(k)), {
      message: 'each API key must be at least 16 characters of A-Z a-z 0-9 - . _ ~ + / (as a Bearer token is written)',
    })
    .describe('comma-separated keys that may write (POST/DELETE /articles); none: the API is read-only'),
  WRITE_RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(60).describe('write requests per API key per window; 0: unlimited'),
  WRITE_RATE_LIMIT_WINDOW: z.string().default('1 minute'),
  WRITE_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024 * 1024),
  WRITE_MAX_RECORDS: z.coerce.number().int().positive().default(1_000).describe('records per write request'),
  WRITE_QUEUE: z.coerce
    .number()
    .int()
    .positive()
    .default(16)
    .describe('write requests waiting for the writer; past it, 503 with Retry-After'),
  INTEGRITY_CHECK: z
    .stringbool()
    .default(true)
    .describe('SQLite: PRAGMA quick_check of the file on a worker thread at start, reported by /health'),
  WRITE_STUCK_AFTER_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(180_000)
    .describe('a write running longer than this makes /health report the writer stuck (503)'),
  WRITE_EXTRACTION_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(64)
    .default(1)
    .describe('worker threads extracting written articles (the request thread stays free); 0: in the request thread'),
  SEARCH_RANK_WINDOW: z.coerce
    .number()
    .int()
    .min(1)
    .default(1_000)
    .describe('a search alone matching more articles than this is ranked among the most recently stored this many (page.ranking)'),
  SEARCH_QUEUE: z.coerce.number().int().positive().default(100).describe('broad searches waiting for a thread before new ones get 503'),
})

export type Config = z.infer<typeof Env>

/** Reads and validates the environment once; fails fast with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`invalid configuration: ${problems}`)
  }
  return parsed.data
}
