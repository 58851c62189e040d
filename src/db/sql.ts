import { Prisma, dialectOfPrisma, type PrismaClient } from './prisma.js'
import { sqlDate } from '../shared/params.js'
import type { Dialect } from './url.js'

/**
 * The writer's multi-row SQL in both dialects. Rows travel as one JSON parameter per statement
 * (Prisma's per-statement cost is what ingest pays most for, so a batch writes each table once):
 * SQLite unpacks them with json_each, PostgreSQL with jsonb_populate_recordset, which types each
 * column as the table declares it. Table and column names are the writer's constants, typed by
 * the generated models, so a renamed column breaks `tsc`.
 */

/** A client or an open transaction: where a statement runs. */
export type Db = PrismaClient | Prisma.TransactionClient

/** The stored columns of a model with their TypeScript types (Date, boolean, number, string, null). */
export type Row<M extends Prisma.ModelName> = Prisma.TypeMap['model'][M]['payload']['scalars']
export type Column<M extends Prisma.ModelName> = keyof Row<M> & string

/** What an insert does with a row whose key is stored already: skip it, or update some of its columns. */
export type OnConflict<C extends string> = 'ignore' | { key: readonly C[]; update: readonly C[] }

function quoted(name: string): string {
  if (!/^\w+$/.test(name)) throw new Error(`not an identifier: ${name}`)
  return `"${name}"`
}
const identifier = (name: string) => Prisma.raw(quoted(name))
const columnList = (columns: readonly string[]) => Prisma.raw(columns.map(quoted).join(', '))

/** Prisma keeps a DateTime on SQLite as ISO text with "+00:00" (sqlDate); booleans as 0/1. */
const sqliteValue = (v: unknown) => (v instanceof Date ? sqlDate(v) : typeof v === 'boolean' ? Number(v) : v)

/** `SELECT <columns> FROM <rows>`: the rows read as a table with the columns of `table`. */
export function selectRows<M extends Prisma.ModelName, C extends Column<M>>(
  dialect: Dialect,
  table: M,
  columns: readonly C[],
  rows: readonly Pick<Row<M>, C>[],
): Prisma.Sql {
  if (dialect === 'postgres') {
    // dates become ISO text, which timestamp(3) columns read as UTC
    const json = JSON.stringify(rows, columns as readonly string[] as string[])
    return Prisma.sql`SELECT ${columnList(columns)} FROM jsonb_populate_recordset(NULL::${identifier(table)}, CAST(${json} AS jsonb))`
  }
  const values = Prisma.raw(columns.map((c, i) => `value ->> ${i} AS ${quoted(c)}`).join(', '))
  return Prisma.sql`SELECT ${values} FROM json_each(${JSON.stringify(rows.map((r) => columns.map((c) => sqliteValue(r[c]))))})`
}

/** Ids per statement where each is bound on its own: far below SQLite's bound-parameter limit. */
const CHUNK = 400
export const chunks = <T>(rows: T[]) =>
  Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK))

/** `IN <values>` with the whole list bound as one parameter, however long it is. */
export function inList(dialect: Dialect, values: readonly (string | number)[]): Prisma.Sql {
  return dialect === 'postgres' ? Prisma.sql`= ANY(${values})` : Prisma.sql`IN (SELECT value FROM json_each(${JSON.stringify(values)}))`
}

/** One row per key, the last given: what upserting them one after another leaves. */
export function lastPerKey<R>(rows: readonly R[], key: readonly (keyof R)[]): R[] {
  const byKey = new Map<string, R>()
  for (const r of rows) byKey.set(JSON.stringify(key.map((k) => r[k])), r)
  return [...byKey.values()]
}

/** Inserts rows in one statement. */
export async function insertRows<M extends Prisma.ModelName, C extends Column<M>>(
  db: Db,
  table: M,
  columns: readonly C[],
  rows: readonly Pick<Row<M>, C>[],
  onConflict?: OnConflict<C>,
): Promise<void> {
  if (rows.length === 0) return
  const dialect = dialectOfPrisma(db)
  const into = Prisma.sql`INTO ${identifier(table)} (${columnList(columns)})`
  if (onConflict === undefined) {
    await db.$executeRaw`INSERT ${into} ${selectRows(dialect, table, columns, rows)}`
  } else if (onConflict === 'ignore') {
    await (dialect === 'sqlite'
      ? db.$executeRaw`INSERT OR IGNORE ${into} ${selectRows(dialect, table, columns, rows)}`
      : db.$executeRaw`INSERT ${into} ${selectRows(dialect, table, columns, rows)} ON CONFLICT DO NOTHING`)
  } else {
    // PostgreSQL refuses to update one row twice in a statement
    const unique = lastPerKey(rows, onConflict.key)
    const update = Prisma.raw(onConflict.update.map((c) => `${quoted(c)} = excluded.${quoted(c)}`).join(', '))
    // SQLite would read ON after `INSERT … SELECT … FROM x` as a join constraint: a WHERE ends the SELECT first
    const endOfSelect = dialect === 'sqlite' ? Prisma.sql`WHERE true` : Prisma.empty
    await db.$executeRaw`INSERT ${into} ${selectRows(dialect, table, columns, unique)} ${endOfSelect}
      ON CONFLICT (${columnList(onConflict.key)}) DO UPDATE SET ${update}`
  }
}

/** Sets the `set` columns of each stored row that matches a given row on the `key` columns, in one statement. */
export async function updateRows<M extends Prisma.ModelName, K extends Column<M>, S extends Column<M>>(
  db: Db,
  table: M,
  key: readonly K[],
  set: readonly S[],
  rows: readonly Pick<Row<M>, K | S>[],
): Promise<void> {
  if (rows.length === 0) return
  const name = quoted(table)
  const assignments = Prisma.raw(set.map((c) => `${quoted(c)} = c.${quoted(c)}`).join(', '))
  const match = Prisma.raw(key.map((c) => `${name}.${quoted(c)} = c.${quoted(c)}`).join(' AND '))
  const given = selectRows<M, K | S>(dialectOfPrisma(db), table, [...key, ...set], rows)
  await db.$executeRaw`WITH c AS (${given}) UPDATE ${identifier(table)} SET ${assignments} FROM c WHERE ${match}`
}
