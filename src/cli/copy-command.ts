import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { Command } from 'commander'
import type pg from 'pg'
import { ensureMigrated } from '../db/migrate.js'
import { Prisma } from '../db/prisma.js'
import { dialectOf, redactedUrl, sqlitePath } from '../db/url.js'
import { INTERRUPTED, parseArgs, type CliIO } from './io.js'

const NAME = 'copy-to-postgres'

/**
 * Every model table with its columns from the generated client, parents before children (the order
 * the foreign keys need). A new model fails `tsc` here until it is placed; a new column is copied
 * without a change.
 */
const TABLES = {
  Article: Prisma.ArticleScalarFieldEnum,
  Person: Prisma.PersonScalarFieldEnum,
  PersonAlias: Prisma.PersonAliasScalarFieldEnum,
  ArticleEntity: Prisma.ArticleEntityScalarFieldEnum,
  PersonRedirect: Prisma.PersonRedirectScalarFieldEnum,
  IdentityBacklog: Prisma.IdentityBacklogScalarFieldEnum,
  IdentityDecision: Prisma.IdentityDecisionScalarFieldEnum,
  QuoteDecision: Prisma.QuoteDecisionScalarFieldEnum,
  ArticlePerson: Prisma.ArticlePersonScalarFieldEnum,
  Quote: Prisma.QuoteScalarFieldEnum,
  FetchedUrl: Prisma.FetchedUrlScalarFieldEnum,
} satisfies Record<Prisma.ModelName, Record<string, string>>

type Table = keyof typeof TABLES
const TABLE_NAMES = Object.keys(TABLES) as Table[]
const columnsOfTable = (table: Table): string[] => Object.values(TABLES[table])

/** A batch goes out at either limit: few round trips, and a bounded JSON parameter however long the bodies. */
const BATCH_ROWS = 2_000
const BATCH_CHARS = 8 * 1024 * 1024

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`

class Interrupted extends Error {}

interface CopyOptions {
  from: string
  to: string
  replace?: boolean
}

type Row = Record<string, unknown>
type Convert = (value: unknown) => unknown
interface TargetColumn {
  type: string
  serial: boolean
}
type TargetSchema = Map<string, Map<string, TargetColumn>>

interface CopyJob {
  source: Database.Database
  client: pg.Client
  io: CliIO
}

type CopyResult = { status: 'copied'; counts: Record<Table, number> } | { status: 'occupied'; tables: Table[] }

/** `newsdesk copy-to-postgres --from <sqlite> --to <postgresql://…>`: the whole database in one transaction. */
export async function runCopyCommand(argv: string[], io: CliIO): Promise<number> {
  const program = new Command(NAME)
    .description('Copy a SQLite database into PostgreSQL in one transaction: all of it or nothing')
    .requiredOption('--from <url>', 'the SQLite database: a file: URL or a path')
    .requiredOption('--to <url>', 'the PostgreSQL database: a postgresql:// URL (migrated first)')
    .option('--replace', 'empty the target first when it already holds data')
  const stop = parseArgs(program, argv, io)
  if (stop !== null) return stop
  const opts = program.opts<CopyOptions>()
  const problem = usageProblem(opts)
  if (problem) {
    io.err(`${NAME}: ${problem}`)
    return 2
  }
  const opened = openSource(sqlitePath(opts.from))
  if ('problem' in opened) {
    io.err(`${NAME}: ${opts.from}: ${opened.problem}`)
    return 2
  }
  try {
    return await copyAndReport(opened.source, opts, io)
  } catch (err) {
    io.err(`${NAME}: ${(err as Error).message}`)
    return err instanceof Interrupted ? INTERRUPTED : 1
  } finally {
    opened.source.close()
  }
}

function usageProblem({ from, to }: CopyOptions): string | null {
  if (dialectOf(to) !== 'postgres') return `--to must be a postgresql:// URL, not "${to}"`
  if (dialectOf(from) !== 'sqlite') return `--from must be a SQLite file: URL or path, not "${redactedUrl(from)}"`
  if (!existsSync(sqlitePath(from))) return `no SQLite database at ${sqlitePath(from)}`
  return null
}

/** The source, read-only, once it holds every column the models name (any command of this version migrates an older file). */
function openSource(path: string): { source: Database.Database } | { problem: string } {
  let source: Database.Database | undefined
  try {
    source = new Database(path, { readonly: true, fileMustExist: true })
    const missing = missingColumns(source)
    if (missing.length === 0) return { source }
    source.close()
    const list = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ', …' : '')
    return {
      problem: `not a Newsdesk database of this version (no ${list}); migrate it first (newsdesk people decisions --database ${path})`,
    }
  } catch (err) {
    source?.close()
    return { problem: (err as Error).message }
  }
}

function missingColumns(source: Database.Database): string[] {
  const columnsIn = source.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck()
  return TABLE_NAMES.flatMap((table) => {
    const present = new Set(columnsIn.all(table))
    return columnsOfTable(table)
      .filter((column) => !present.has(column))
      .map((column) => `${table}.${column}`)
  })
}

async function copyAndReport(source: Database.Database, opts: CopyOptions, io: CliIO): Promise<number> {
  const started = performance.now()
  const target = redactedUrl(opts.to)
  const client = await connectMigrated(opts.to)
  try {
    const result = await copyDatabase({ source, client, io }, opts.replace ?? false)
    if (result.status === 'occupied') {
      io.err(`${NAME}: ${target} already holds data (${result.tables.join(', ')}); pass --replace to empty it first`)
      return 2
    }
    await analyze(client)
    printSummary(io, result.counts, `from ${opts.from} to ${target}`, (performance.now() - started) / 1000)
    return 0
  } finally {
    await client.end()
  }
}

/** A connection to the target, migrated first. pg loads only here: the other commands never need it. */
async function connectMigrated(url: string): Promise<pg.Client> {
  try {
    await ensureMigrated(url)
    const { default: pgModule } = await import('pg')
    const { poolConfig } = await import('../db/pg/pool-config.js')
    const client = new pgModule.Client(poolConfig(url))
    await client.connect()
    return client
  } catch (err) {
    throw new Error(`${redactedUrl(url)}: ${(err as Error).message}`, { cause: err })
  }
}

/** Copies every table in one PostgreSQL transaction, reading one snapshot of the source. */
async function copyDatabase(job: CopyJob, replace: boolean): Promise<CopyResult> {
  const { source, client, io } = job
  source.exec('BEGIN')
  await client.query('BEGIN')
  try {
    const occupied = await occupiedTables(client)
    if (occupied.length > 0 && !replace) {
      await client.query('ROLLBACK')
      return { status: 'occupied', tables: occupied }
    }
    if (occupied.length > 0) {
      await client.query(`TRUNCATE ${(await schemaTables(client)).join(', ')}`)
      io.err(`emptied the target (it held ${occupied.join(', ')})`)
    }
    const schema = await targetSchema(client)
    const counts = {} as Record<Table, number>
    for (const table of TABLE_NAMES) counts[table] = await copyTableWithProgress(job, table, schema)
    await resetSequences(client, schema)
    await client.query('COMMIT')
    return { status: 'copied', counts }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    if (err instanceof Interrupted) throw new Interrupted('interrupted; nothing was copied (rolled back)')
    throw new Error(`${(err as Error).message}; nothing was copied (rolled back)`, { cause: err })
  } finally {
    source.exec('COMMIT')
  }
}

async function occupiedTables(client: pg.Client): Promise<Table[]> {
  const probes = TABLE_NAMES.map((table) => `EXISTS (SELECT 1 FROM ${ident(table)}) AS ${ident(table)}`)
  const { rows } = await client.query<Record<Table, boolean>>(`SELECT ${probes.join(', ')}`)
  return TABLE_NAMES.filter((table) => rows[0]![table])
}

/** Every table but Prisma's migration record, quoted: the PostgreSQL-only search tables too (TRUNCATE fires no row triggers). */
async function schemaTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT format('%I', tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1`,
  )
  return rows.map((r) => r.name)
}

async function targetSchema(client: pg.Client): Promise<TargetSchema> {
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; column_default: string | null }>(
    `SELECT table_name, column_name, data_type, column_default FROM information_schema.columns WHERE table_schema = current_schema()`,
  )
  const schema: TargetSchema = new Map()
  for (const r of rows) {
    const columns = schema.get(r.table_name) ?? new Map<string, TargetColumn>()
    columns.set(r.column_name, { type: r.data_type, serial: r.column_default?.startsWith('nextval(') ?? false })
    schema.set(r.table_name, columns)
  }
  return schema
}

async function copyTableWithProgress(job: CopyJob, table: Table, schema: TargetSchema): Promise<number> {
  const started = performance.now()
  let rows: number
  try {
    rows = await copyTable(job, table, converters(table, schema))
  } catch (err) {
    if (err instanceof Interrupted) throw err
    throw new Error(`${table}: ${(err as Error).message}`, { cause: err })
  }
  const seconds = (performance.now() - started) / 1000
  job.io.err(
    `${table.padEnd(17)}${String(rows).padStart(10)} rows in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 1e-3))} rows/s)`,
  )
  return rows
}

/** Streams the table from SQLite into PostgreSQL in batches, each one INSERT of a JSON array of rows. */
async function copyTable(job: CopyJob, table: Table, convert: Map<string, Convert>): Promise<number> {
  const list = columnsOfTable(table).map(ident).join(', ')
  const insert = {
    name: `copy-to-postgres-${table}`,
    text: `INSERT INTO ${ident(table)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${ident(table)}, $1::json)`,
  }
  let batch: string[] = []
  let chars = 0
  let copied = 0
  const flush = async () => {
    await job.client.query({ ...insert, values: [`[${batch.join(',')}]`] })
    copied += batch.length
    batch = []
    chars = 0
    if (job.io.signal?.aborted) throw new Interrupted()
  }
  for (const row of job.source.prepare<[], Row>(`SELECT ${list} FROM ${ident(table)} ORDER BY rowid`).iterate()) {
    for (const [column, to] of convert) row[column] = to(row[column])
    const json = JSON.stringify(row)
    batch.push(json)
    chars += json.length
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush()
  }
  if (batch.length > 0) await flush()
  return copied
}

/** How the columns SQLite stores differently reach PostgreSQL: Booleans as 0/1, DateTimes as text. */
function converters(table: Table, schema: TargetSchema): Map<string, Convert> {
  const target = schema.get(table)
  const convert = new Map<string, Convert>()
  for (const column of columnsOfTable(table)) {
    const type = target?.get(column)?.type
    if (type === undefined) throw new Error(`the target has no column ${table}.${column}: is it migrated by this version?`)
    if (type === 'boolean') convert.set(column, (v) => (v === null ? null : Boolean(v)))
    else if (type.startsWith('timestamp')) convert.set(column, (v) => toUtcIso(v, `${table}.${column}`))
  }
  return convert
}

/** A date-time without an offset, as SQLite's CURRENT_TIMESTAMP writes it: UTC. */
const NO_OFFSET = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/

/**
 * Prisma keeps DateTime on SQLite as ISO text with an offset; PostgreSQL's `timestamp` ignores an
 * offset in its input, so every value is turned into UTC first.
 */
function toUtcIso(value: unknown, where: string): string | null {
  if (value === null) return null
  const date =
    typeof value === 'string' && NO_OFFSET.test(value) ? new Date(`${value.replace(' ', 'T')}Z`) : new Date(value as string | number)
  if (Number.isNaN(date.getTime())) throw new Error(`${where}: not a date: ${JSON.stringify(value)}`)
  return date.toISOString()
}

/** Serial keys (Article.seq, Quote.seq, IdentityDecision.seq, QuoteDecision.seq) go on after the highest copied value. */
async function resetSequences(client: pg.Client, schema: TargetSchema): Promise<void> {
  for (const table of TABLE_NAMES) {
    for (const [column, { serial }] of schema.get(table) ?? []) {
      if (!serial) continue
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${ident(column)}), 0) + 1, false) FROM ${ident(table)}`,
        [ident(table), column],
      )
    }
  }
}

/** Fresh statistics, so the first queries on the copy are planned for its real sizes. */
async function analyze(client: pg.Client): Promise<void> {
  await client.query(`ANALYZE ${(await schemaTables(client)).join(', ')}`)
}

function printSummary(io: CliIO, counts: Record<Table, number>, route: string, seconds: number): void {
  for (const table of TABLE_NAMES) io.out(`${table.padEnd(17)}${String(counts[table]).padStart(10)}`)
  const total = TABLE_NAMES.reduce((sum, table) => sum + counts[table], 0)
  io.out(`copied ${total} rows in ${TABLE_NAMES.length} tables ${route} in ${seconds.toFixed(1)} s`)
}
