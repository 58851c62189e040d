import pg from 'pg'
import type { ReadStore, ReadStoreOptions, SqlParam } from '../read-store.js'
import { rowObjectMaker } from '../row-objects.js'
import { poolConfig } from './pool-config.js'
import { tsvectorSearch } from './search-sql.js'

/** The channel the migration's triggers notify once per committing transaction that changed what the API serves. */
const CHANGES_CHANNEL = 'newsdesk_data_changed'

const OID = { int8: 20, numeric: 1700, timestamp: 1114, timestamptz: 1184 }

/** PostgreSQL's timestamp text ("2021-12-15 08:30:00.5") in the form SQLite rows hold ("2021-12-15T08:30:00.500+00:00"). */
export function timestampText(value: string): string {
  const [date, time = '00:00:00'] = value.split(' ')
  const [hms, fraction = ''] = time.replace(/[+-]\d\d(:\d\d)?$/, '').split('.')
  return `${date}T${hms}.${fraction.padEnd(3, '0').slice(0, 3)}+00:00`
}

/**
 * Values as the SQLite read store gives them, so that every mapper above serves the same JSON:
 * counts (bigint) and sums (numeric) as numbers, timestamps (stored as UTC by Prisma) as ISO text.
 * node-postgres would otherwise give strings for the first two and local-time Dates for the last.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number) => {
    if (oid === OID.int8 || oid === OID.numeric) return Number
    if (oid === OID.timestamp || oid === OID.timestamptz) return timestampText
    return pg.types.getTypeParser(oid, 'text') as (value: string) => unknown
  }) as pg.CustomTypesConfig['getTypeParser'],
}

/** `?` placeholders as `$1, $2, ...`, outside quoted strings and identifiers. */
export function numberedPlaceholders(sql: string): string {
  let n = 0
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (token) => (token === '?' ? `$${++n}` : token))
}

/**
 * PostgreSQL text cannot hold U+0000, and a value containing it is refused with an error rather
 * than compared. No stored value contains one, so a noncharacter in its place keeps what the query
 * means (a path id or filter with a NUL matches nothing, as on SQLite).
 */
export const storableParam = (p: SqlParam): SqlParam =>
  typeof p === 'string' && p.includes('\u0000') ? p.replaceAll('\u0000', '\uffff') : p

interface Prepared {
  name: string
  text: string
  toObject?: (row: unknown[]) => Record<string, unknown>
}

type Queryable = pg.Pool | pg.PoolClient

/**
 * Reads over a node-postgres pool of read-only connections. Each SQL text becomes one named
 * prepared statement (parsed and planned once per connection), rows come as arrays and are turned
 * into objects by a literal compiled per statement. A listening connection turns the triggers'
 * notifications into dataVersion(), which the response cache and remembered counts key on.
 */
export async function openPgReadStore(url: string, opts: ReadStoreOptions = {}): Promise<ReadStore> {
  const pool = new pg.Pool({
    ...poolConfig(url),
    max: opts.poolSize ?? 10,
    types,
    options: '-c default_transaction_read_only=on',
  })
  const statements = new Map<string, Prepared>()
  const prepared = (sql: string) => {
    let s = statements.get(sql)
    if (!s) statements.set(sql, (s = { name: `nd${statements.size}`, text: numberedPlaceholders(sql) }))
    return s
  }
  async function all<T>(on: Queryable, sql: string, params: SqlParam[] = []): Promise<T[]> {
    const s = prepared(sql)
    const result = await on.query<unknown[]>({ name: s.name, text: s.text, values: params.map(storableParam), rowMode: 'array' })
    s.toObject ??= rowObjectMaker(result.fields.map((f) => f.name))
    return result.rows.map(s.toObject) as T[]
  }

  const changes = await listenForChanges(url)
  const storeOn = (on: Queryable, inSnapshot: boolean): ReadStore => {
    const store: ReadStore = {
      dialect: 'postgres',
      all: (sql, params) => all(on, sql, params),
      get: async (sql, params) => (await all(on, sql, params))[0] as never,
      async snapshot(read) {
        if (inSnapshot) return read(store)
        const client = await pool.connect()
        let failed = false
        try {
          await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
          const result = await read(storeOn(client, true))
          await client.query('COMMIT')
          return result
        } catch (err) {
          failed = true
          await client.query('ROLLBACK').catch(() => {})
          throw err
        } finally {
          client.release(failed)
        }
      },
      dataVersion: () => changes.version,
      catchUp: () => changes.catchUp(),
      search: tsvectorSearch,
      sql: {
        month: (column) => `to_char(${column}, 'YYYY-MM')`,
        inJsonArray: (type) => `IN (SELECT CAST(jsonb_array_elements_text(CAST(? AS jsonb)) AS ${type}))`,
      },
      close: async () => {
        await changes.close()
        await pool.end()
      },
    }
    return store
  }
  return storeOn(pool, false)
}

/**
 * A connection that LISTENs for committed changes. Notifications arrive after the commit is
 * visible, so a count or answer cached under the version read before it is dropped afterwards. A
 * lost connection counts as a change (notifications may have been missed) and is opened again.
 */
async function listenForChanges(url: string) {
  const state = { version: 1, closed: false }
  const waiting = new Map<string, () => void>()
  let client: pg.Client | null = null
  let syncs = 0
  const connect = async (): Promise<void> => {
    const c = new pg.Client(poolConfig(url))
    c.on('notification', (n) => {
      const resolve = n.payload ? waiting.get(n.payload) : undefined
      if (resolve) resolve()
      else state.version++
    })
    c.on('error', () => {})
    c.on('end', () => {
      client = null
      state.version++
      if (!state.closed) setTimeout(() => void connect().catch(() => {}), 1_000).unref()
    })
    await c.connect()
    await c.query(`LISTEN ${CHANGES_CHANNEL}`)
    client = c
    state.version++
  }
  await connect()
  return {
    get version() {
      return state.version
    },
    /** Sends a notification of our own and waits for it: those of earlier commits arrive before it. */
    async catchUp() {
      if (!client) return
      const token = `sync ${process.pid} ${++syncs}`
      const arrived = new Promise<void>((resolve) => {
        waiting.set(token, resolve)
        setTimeout(resolve, 2_000).unref()
      })
      await client.query(`SELECT pg_notify($1, $2)`, [CHANGES_CHANNEL, token])
      await arrived
      waiting.delete(token)
    },
    async close() {
      state.closed = true
      await client?.end()
    },
  }
}
