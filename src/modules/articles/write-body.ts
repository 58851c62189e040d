import type { FastifyRequest } from 'fastify'
import { Piscina } from 'piscina'
import { AppError } from '../../errors.js'
import type { RecordResult } from '../../ingest/parse.js'
import parseTask, { type ParseAnswer, type ParseTask } from '../../ingest/parse-worker.js'
import { ParseError } from '../../ingest/types.js'

/**
 * Counts the records of a JSON or JSON Lines body as its bytes arrive, without parsing it: the
 * items of a top-level array (one for a single object), or the non-blank lines. Bytes inside
 * strings are skipped, so a comma or a newline escaped there counts for nothing.
 */
export function recordCounter(jsonLines: boolean) {
  let records = 0
  let depth = 0
  let inString = false
  let escaped = false
  // whether the current top-level item (or line) has begun: its first byte counts it
  let itemOpen = false
  let topArray = false
  const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d])
  return {
    /** Scans one chunk; returns the records begun so far. */
    push(chunk: Uint8Array): number {
      for (const byte of chunk) {
        if (inString) {
          if (escaped) escaped = false
          else if (byte === 0x5c) escaped = true
          else if (byte === 0x22) inString = false
          // a raw line break ends a JSON Lines record even inside a (broken) string
          if (byte === 0x0a && jsonLines) inString = escaped = itemOpen = false
          continue
        }
        if (jsonLines) {
          if (byte === 0x0a) itemOpen = false
          else if (!itemOpen && !WHITESPACE.has(byte)) {
            itemOpen = true
            records++
          }
          if (byte === 0x22) inString = true
          continue
        }
        // a BOM (bytes over 0x7f) cannot begin a JSON value, nor anything outside strings: not counted
        if (WHITESPACE.has(byte) || byte > 0x7f) continue
        // depth 0: the document itself; an object there is one record, an array holds them at depth 1
        if (depth === 0) {
          if (byte === 0x5b) topArray = true
          else if (!itemOpen) {
            itemOpen = true
            records++
          }
        } else if (depth === 1 && topArray && !itemOpen && byte !== 0x5d) {
          itemOpen = true
          records++
        }
        if (byte === 0x22) inString = true
        else if (byte === 0x5b || byte === 0x7b) depth++
        else if (byte === 0x5d || byte === 0x7d) depth = Math.max(0, depth - 1)
        else if (byte === 0x2c && depth === 1) itemOpen = false
      }
      return records
    },
  }
}

/** The charset parameter of a Content-Type, lower-cased and unquoted; null without one. */
export function charsetOf(contentType: string | undefined): string | null {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^\s;]*))/i.exec(contentType ?? '')
  return m ? (m[1] ?? m[2] ?? '').toLowerCase() : null
}

/** A JSON or JSON Lines body is UTF-8 (RFC 8259): a charset parameter may say so, and nothing else. */
export function requireUtf8(contentType: string | undefined): void {
  const charset = charsetOf(contentType)
  if (charset !== null && charset !== 'utf-8' && charset !== 'utf8')
    throw new AppError(415, `charset '${charset}' is not accepted: JSON and JSON Lines bodies are UTF-8 (charset=utf-8, or none)`)
}

export interface BodyLimits {
  bytes: number
  records: number
}

/**
 * A raw content-type parser for JSON and JSON Lines writes: the body's bytes, refused as soon as
 * they pass `limits.bytes` or hold more than `limits.records` records (413 naming the limit),
 * so a huge body is neither held nor parsed. Decoding and parsing happen in the handler.
 */
export function boundedBody(limits: BodyLimits, jsonLines: (contentType: string) => boolean) {
  const tooLarge = () => new AppError(413, `the body is larger than ${limits.bytes} bytes, the most a write takes`)
  const tooMany = () =>
    new AppError(413, `the body holds more than ${limits.records} records; at most ${limits.records} are taken per request`)
  return (req: FastifyRequest, payload: NodeJS.ReadableStream, done: (err: Error | null, body?: Buffer) => void) => {
    try {
      requireUtf8(req.headers['content-type'])
    } catch (err) {
      return done(err as Error)
    }
    const declared = Number(req.headers['content-length'])
    if (declared > limits.bytes) return done(tooLarge())
    const counter = recordCounter(jsonLines(req.headers['content-type'] ?? ''))
    // with a Content-Length, one buffer filled as the chunks arrive: concatenating 16 MB at the
    // end would hold this thread for ~60 ms (fresh pages), copying chunk by chunk spreads it
    const whole = Number.isNaN(declared) ? null : Buffer.allocUnsafe(declared)
    const chunks: Buffer[] = []
    let received = 0
    const stop = (err: Error | null, body?: Buffer) => {
      payload.removeListener('data', onData)
      payload.removeListener('end', onEnd)
      payload.removeListener('error', onError)
      done(err, body)
    }
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      if (received + bytes.length > limits.bytes) return stop(tooLarge())
      if (whole && received + bytes.length > whole.length) return stop(new AppError(400, 'the body is longer than its Content-Length'))
      if (counter.push(bytes) > limits.records) return stop(tooMany())
      if (whole) bytes.copy(whole, received)
      else chunks.push(bytes)
      received += bytes.length
    }
    const onEnd = () => {
      if (whole)
        return received === whole.length ? stop(null, whole) : stop(new AppError(400, 'the body is shorter than its Content-Length'))
      stop(null, Buffer.concat(chunks, received))
    }
    const onError = (err: Error) => stop(Object.assign(err, { statusCode: 400 }))
    payload.on('data', onData)
    payload.on('end', onEnd)
    payload.on('error', onError)
    payload.resume()
  }
}

/**
 * Reads the records of JSON and JSON Lines bodies (parse.ts's parseBody): a body from
 * `offThreadBytes` up on a worker thread, started when first needed, so that decoding and parsing
 * up to WRITE_BODY_LIMIT_BYTES (~0.3 s for 16 MB) does not hold up the requests this thread serves.
 */
export function bodyReader(offThreadBytes = 1_048_576) {
  let pool: Piscina<ParseTask, ParseAnswer> | null = null
  const fromSource = import.meta.url.endsWith('.ts')
  const start = () =>
    new Piscina<ParseTask, ParseAnswer>({
      filename: new URL(`../../ingest/parse-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url).href,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 30_000,
      ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}),
    })
  return {
    /** The records of `bytes`, which a large body hands over (its buffer is detached afterwards). */
    async read(jsonLines: boolean, bytes: Uint8Array): Promise<RecordResult[]> {
      // a buffer of its own (as boundedBody allocates a large one) moves to the worker instead of being copied: the caller gives it up
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      const answer =
        bytes.length < offThreadBytes
          ? parseTask({ jsonLines, bytes })
          : await (pool ??= start()).run({ jsonLines, bytes }, own ? { transferList: [bytes.buffer as ArrayBuffer] } : {})
      if ('reason' in answer) throw new ParseError(answer.reason)
      return answer.records
    },
    close: async () => {
      await pool?.destroy()
    },
  }
}
