import { findDateline } from '../extraction/stages/find-dateline.js'
import { ParseError, type ParsedArticle } from './types.js'

const SEED_HEADER = /^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.+?))?[ \t]*$/
export const MAX_TITLE_CHARS = 1_000
export const MAX_BODY_CHARS = 2_000_000

/** Nesting a JSON record may have (the record's object is level 1): deeper input is refused, and never walked recursively. */
export const MAX_NESTING = 32
/** What the fields Newsdesk does not model (an article's `extra`) may take, serialised as JSON. */
export const MAX_EXTRA_BYTES = 65_536

/** Bytes to text: rejects binary content (a NUL byte anywhere) and invalid UTF-8, drops a BOM, normalises line endings. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ParseError('empty file')
  if (bytes.includes(0)) throw new ParseError('binary file (contains NUL bytes)')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new ParseError('invalid UTF-8')
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  if (!text.trim()) throw new ParseError('empty file (only whitespace)')
  return text
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** One line of a streamed JSON Lines file as text; the reason when it is not text. */
export function decodeLine(bytes: Uint8Array, first: boolean): { text: string } | { reason: string } {
  if (bytes.includes(0)) return { reason: 'binary content (contains NUL bytes)' }
  try {
    const text = strictUtf8.decode(bytes).replace(/\r$/, '')
    return { text: first ? text.replace(/^\uFEFF/, '') : text }
  } catch {
    return { reason: 'invalid UTF-8' }
  }
}

/** Parses a date string into a UTC Date; null when it does not parse. */
export function parseDate(value: unknown): Date | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const s = String(value).trim()
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : new Date(s)
  const year = d.getUTCFullYear()
  return Number.isNaN(d.getTime()) || year < 1800 || year > 2200 ? null : d
}

/** The place and the news agency of the dateline the body opens with ("MOSCOW (AP) —"), when it has one. */
export function splitDateline(body: string): { dateline: string | null; agency: string | null } {
  const found = findDateline(body)
  if (!found) return { dateline: null, agency: null }
  const dateline = body
    .slice(0, found.length)
    .replace(/\(.*$/, '')
    .replace(/[-—–\s,]+$/, '')
    .trim()
  return { dateline: dateline || null, agency: found.agency }
}

export function checkSizes(title: string, body: string): void {
  if (!title) throw new ParseError('missing title')
  if (title.length > MAX_TITLE_CHARS) throw new ParseError(`title longer than ${MAX_TITLE_CHARS} characters`)
  if (!body.trim()) throw new ParseError('missing body')
  if (body.length > MAX_BODY_CHARS) throw new ParseError(`body longer than ${MAX_BODY_CHARS} characters`)
}

const base = { url: null, externalId: null, extra: null, warnings: [] as string[] }

/** Title line, then body; the body keeps its own text so offsets stay true. */
function titleAndBody(text: string, from: number): { title: string; body: string; bodyOffset: number } {
  const rest = text.slice(from)
  const titleMatch = rest.match(/^\s*([^\n]*)\n?/)!
  const title = titleMatch[1]!.trim()
  const afterTitle = from + titleMatch[0].length
  const lead = text.slice(afterTitle).match(/^\s*/)![0].length
  const bodyOffset = afterTitle + lead
  return { title, body: text.slice(bodyOffset).trimEnd(), bodyOffset }
}

/** Seed format: `date YYYY-MM-DD Section`, a title line, body paragraphs opening with a dateline. */
export function parseSeed(text: string): ParsedArticle {
  const headerEnd = text.indexOf('\n')
  const header = (headerEnd < 0 ? text : text.slice(0, headerEnd)).match(SEED_HEADER)
  if (!header) throw new ParseError('not the seed format: first line is not "date YYYY-MM-DD Section"')
  const { title, body, bodyOffset } = titleAndBody(text, headerEnd + 1)
  checkSizes(title, body)
  const publishedAt = parseDate(header[1])
  const warnings = publishedAt ? [] : [`date "${header[1]}" does not parse`]
  return { ...base, warnings, title, body, bodyOffset, publishedAt, section: header[2] ?? null, ...splitDateline(body), format: 'seed' }
}

/** Plain text: the first non-empty line is the title, the rest the body. */
export function parsePlainText(text: string): ParsedArticle {
  const { title, body, bodyOffset } = titleAndBody(text, 0)
  checkSizes(title, body)
  return { ...base, warnings: [], title, body, bodyOffset, publishedAt: null, section: null, ...splitDateline(body), format: 'text' }
}

export function isSeedFormat(text: string): boolean {
  return SEED_HEADER.test(text.slice(0, text.indexOf('\n') >>> 0))
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null)
const KNOWN_FIELDS = new Set([
  'title',
  'headline',
  'body',
  'text',
  'content',
  'publishedAt',
  'published_at',
  'date',
  'section',
  'category',
  'url',
  'link',
  'source',
  'agency',
  'id',
  'dateline',
])

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why a string of a record cannot be stored as text (on SQLite and PostgreSQL alike), or null. */
function stringProblem(s: string, field: string): string | null {
  if (s.includes('\u0000')) return `${field} contains a NUL character (U+0000), which text cannot hold`
  if (LONE_SURROGATE.test(s)) return `${field} contains a lone surrogate (an unpaired \\uD800-\\uDFFF escape), which is not Unicode text`
  return null
}

/**
 * Every string of a JSON record (keys too) is storable text and it nests at most MAX_NESTING
 * levels; walked with a stack of its own, so no input can exhaust the call stack. Throws ParseError.
 */
export function checkRecordText(record: Record<string, unknown>): void {
  const stack: [value: unknown, level: number, field: string][] = Object.entries(record).map(([k, v]) => [v, 2, `field '${k}'`])
  for (const key of Object.keys(record)) {
    const problem = stringProblem(key, 'a field name')
    if (problem) throw new ParseError(problem)
  }
  while (stack.length > 0) {
    const [value, level, field] = stack.pop()!
    if (typeof value === 'string') {
      const problem = stringProblem(value, field)
      if (problem) throw new ParseError(problem)
    } else if (typeof value === 'object' && value !== null) {
      if (level > MAX_NESTING) throw new ParseError(`${field} is nested more than ${MAX_NESTING} levels deep`)
      for (const [k, v] of Object.entries(value)) {
        const problem = stringProblem(k, `a field name in ${field}`)
        if (problem) throw new ParseError(problem)
        stack.push([v, level + 1, field])
      }
    }
  }
}

/** The extra fields kept with an article stay small: they are read back with it on every request. */
export function checkExtraSize(extra: Record<string, unknown> | null): void {
  if (!extra) return
  const bytes = Buffer.byteLength(JSON.stringify(extra))
  if (bytes > MAX_EXTRA_BYTES)
    throw new ParseError(`the fields beyond the article's own (extra) take ${bytes} bytes as JSON; at most ${MAX_EXTRA_BYTES} are kept`)
}

/** Short fields are kept whole in indexes (PostgreSQL refuses an index row past ~2.7 KB): longer is a record's fault, not the server's. */
export const MAX_FIELD_CHARS = 200
export const MAX_URL_CHARS = 2_000

/** The article, once its short fields (section, dateline, agency, id, url) are checked for length. */
function withShortFields(a: ParsedArticle): ParsedArticle {
  const fields = { section: a.section, dateline: a.dateline, agency: a.agency, id: a.externalId }
  for (const [name, value] of Object.entries(fields))
    if (value !== null && value.length > MAX_FIELD_CHARS) throw new ParseError(`${name} longer than ${MAX_FIELD_CHARS} characters`)
  if (a.url !== null && a.url.length > MAX_URL_CHARS) throw new ParseError(`url longer than ${MAX_URL_CHARS} characters`)
  return a
}

/** A JSON record: title, body|text|content, publishedAt|date, section|category, url, source|agency, id. Unknown fields are kept. */
export function parseRecord(record: unknown, format: 'json' | 'jsonl'): ParsedArticle {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new ParseError('record is not a JSON object')
  const r = record as Record<string, unknown>
  checkRecordText(r)
  const rawBody = r.body ?? r.text ?? r.content
  if (rawBody !== undefined && typeof rawBody !== 'string') throw new ParseError('body is not a string')
  let body = typeof rawBody === 'string' ? rawBody.replace(/\r\n?/g, '\n').trim() : ''
  let title = str(r.title) ?? str(r.headline) ?? ''
  if (!title && body) {
    // like plain text: a body whose first line is the title
    const t = titleAndBody(body, 0)
    title = t.title
    body = t.body
  }
  checkSizes(title.replace(/\s+/g, ' '), body)
  const rawDate = r.publishedAt ?? r.published_at ?? r.date
  const publishedAt = parseDate(rawDate)
  const warnings = rawDate !== undefined && rawDate !== null && !publishedAt ? [`date ${JSON.stringify(rawDate)} does not parse`] : []
  const extra = Object.fromEntries(Object.entries(r).filter(([k]) => !KNOWN_FIELDS.has(k)))
  checkExtraSize(extra)
  const dl = splitDateline(body)
  return withShortFields({
    title: title.replace(/\s+/g, ' '),
    body,
    bodyOffset: 0,
    publishedAt,
    section: str(r.section) ?? str(r.category),
    dateline: str(r.dateline) ?? dl.dateline,
    agency: str(r.agency) ?? str(r.source) ?? dl.agency,
    url: str(r.url) ?? str(r.link),
    externalId: str(r.id),
    extra: Object.keys(extra).length ? extra : null,
    format,
    warnings,
  })
}

/** Manifest fields that say where the file is, not what it holds. */
const REFERENCE_FIELDS = new Set(['file', 'path', 'filename'])

/**
 * An article read from a file, with the metadata of its line in the folder's manifest: the
 * manifest's title, section|category, date, url|link, agency and id win over what the file says;
 * other fields (a manifest's `source` is usually provenance, not an agency) are kept in `extra`.
 */
export function applyMetadata(a: ParsedArticle, meta: Record<string, unknown>): ParsedArticle {
  const rawDate = meta.publishedAt ?? meta.published_at ?? meta.date
  const date = rawDate === undefined || rawDate === null ? null : parseDate(rawDate)
  const warnings = rawDate !== undefined && rawDate !== null && !date ? [`manifest date ${JSON.stringify(rawDate)} does not parse`] : []
  const extra = Object.fromEntries(
    Object.entries(meta).filter(([k]) => (k === 'source' || !KNOWN_FIELDS.has(k)) && !REFERENCE_FIELDS.has(k)),
  )
  checkRecordText(extra)
  const merged = { ...a.extra, ...extra }
  checkExtraSize(merged)
  const title = (str(meta.title) ?? str(meta.headline))?.replace(/\s+/g, ' ')
  if (title) checkSizes(title, a.body)
  return withShortFields({
    ...a,
    title: title ?? a.title,
    publishedAt: date ?? a.publishedAt,
    section: str(meta.section) ?? str(meta.category) ?? a.section,
    agency: str(meta.agency) ?? a.agency,
    url: str(meta.url) ?? str(meta.link) ?? a.url,
    externalId: str(meta.id) ?? a.externalId,
    extra: Object.keys(merged).length ? merged : null,
    warnings: [...a.warnings, ...warnings],
  })
}

/** One outcome per record of a file: an article or the reason it could not be read. */
export type RecordResult = { ok: true; article: ParsedArticle; where: string } | { ok: false; reason: string; where: string }

/** A record from a parser that throws ParseError on bad input: the article, or the reason as a failed record. */
export const attempt = (where: string, f: () => ParsedArticle): RecordResult => {
  try {
    return { ok: true, article: f(), where }
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, reason: err.message, where }
    throw err
  }
}

export const isJsonLines = (name: string) => /\.(jsonl|ndjson)$/i.test(name)

/** One line of a JSON Lines file; null for a blank line. */
export function parseJsonLine(line: string, lineNumber: number): RecordResult | null {
  if (!line.trim()) return null
  return attempt(`line ${lineNumber}`, () => {
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (e) {
      throw new ParseError(`invalid JSON: ${(e as Error).message}`)
    }
    return parseRecord(value, 'jsonl')
  })
}

/** Every article in one file's text, chosen by extension and content. */
export function parseFile(name: string, text: string): RecordResult[] {
  const lower = name.toLowerCase()
  if (isJsonLines(name)) return text.split('\n').flatMap((line, i) => parseJsonLine(line, i + 1) ?? [])
  if (lower.endsWith('.json')) {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (e) {
      return [{ ok: false, reason: `invalid JSON: ${(e as Error).message}`, where: '' }]
    }
    if (Array.isArray(value)) return value.map((v, i) => attempt(`item ${i + 1}`, () => parseRecord(v, 'json')))
    return [attempt('', () => parseRecord(value, 'json'))]
  }
  return [attempt('', () => (isSeedFormat(text) ? parseSeed(text) : parsePlainText(text)))]
}

/**
 * The records of a JSON (`jsonLines` false) or JSON Lines body held in memory, read by the rules
 * the CLI reads files with: strict UTF-8, a leading BOM dropped, no NUL byte. A JSON body that is
 * not text throws ParseError; a JSON Lines line that is not fails alone, as in a file.
 */
export function parseBody(jsonLines: boolean, bytes: Uint8Array): RecordResult[] {
  if (!jsonLines) return parseFile('body.json', decodeText(bytes))
  const records: RecordResult[] = []
  for (let start = 0, line = 1; start < bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start)
    const end = newline < 0 ? bytes.length : newline
    const decoded = decodeLine(bytes.subarray(start, end), line === 1)
    const record =
      'reason' in decoded ? { ok: false as const, where: `line ${line}`, reason: decoded.reason } : parseJsonLine(decoded.text, line)
    if (record) records.push(record)
    start = end + 1
  }
  return records
}
