import closeWithGrace from 'close-with-grace'
import { join } from 'node:path'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { createPrisma } from './db/prisma.js'
import { loadSampleData } from './ingest/sample.js'
import { ensureMigrated } from './db/migrate.js'
import { projectRoot } from './paths.js'
import { openReadStore } from './db/read-store.js'
import { dialectOf, redactedUrl, sqlitePath } from './db/url.js'
import { DatabaseUnusable, isWritable, UNUSABLE_DATABASE_EXIT } from './db/sqlite/open.js'
import { checkIntegrityInBackground } from './db/sqlite/integrity.js'

/** The only file that listens: config, migrations, sample data on first start, app, graceful close. */
async function main() {
  const config = loadConfig()
  const { applied } = await ensureMigrated(config.DATABASE_URL)
  const writable = config.API_KEYS.length > 0
  const file = dialectOf(config.DATABASE_URL) === 'sqlite' ? sqlitePath(config.DATABASE_URL) : null
  // a read-only file (or folder, or file system) serves reads; only the write API needs to write
  const readOnly = file !== null && !isWritable(file)
  if (readOnly && writable)
    throw new DatabaseUnusable(file, 'the write API (API_KEYS) needs to write, but the file or its folder is read-only')
  // Prisma writes: the sample data on a first start, and the write API; reads go through the read store alone
  let prisma = writable || (config.LOAD_SAMPLE_DATA && !readOnly) ? await createPrisma(config.DATABASE_URL) : null
  const warnings: string[] = []
  const readStore = await openReadStore(config.DATABASE_URL, { poolSize: config.PG_POOL_SIZE, onWarning: (w) => warnings.push(w) })
  const integrity = file && config.INTEGRITY_CHECK ? checkIntegrityInBackground(file) : undefined
  const app = await buildApp({ config, prisma: prisma ?? undefined, readStore, integrity })
  app.log.info({ database: redactedUrl(config.DATABASE_URL), dialect: readStore.dialect, readOnly }, 'database opened')
  for (const warning of warnings) app.log.warn(warning)
  void integrity?.done.then((state) => {
    if (state === 'damaged') app.log.error({ findings: integrity.findings() }, `database ${file} is damaged: restore it from a backup`)
  })
  if (applied.length) app.log.info({ applied }, 'database migrations applied')
  if (prisma && config.LOAD_SAMPLE_DATA) {
    const loaded = await loadSampleData(prisma, join(projectRoot, config.SAMPLE_DATA_DIR))
    if (loaded !== null) app.log.info({ loaded }, 'empty database: sample articles loaded')
  }
  if (prisma && !writable) {
    await prisma.$disconnect()
    prisma = null
  }
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down')
    // requests in flight get their answers; connections that keep-alive clients leave idle after them are dropped
    const dropIdle = setInterval(() => app.server.closeIdleConnections(), 100)
    await app.close()
    clearInterval(dropIdle)
    app.log.info('requests finished, server closed')
    await prisma?.$disconnect()
    await readStore.close()
    app.log.info('database closed')
  })
  await app.listen({ host: config.HOST, port: config.PORT })
}

main().catch((err) => {
  // a database that cannot be used says so in one line, with a status a supervisor need not retry
  if (err instanceof DatabaseUnusable) {
    console.error(`newsdesk: ${err.message}`)
    process.exit(UNUSABLE_DATABASE_EXIT)
  }
  console.error(err)
  process.exit(1)
})
