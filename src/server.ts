import closeWithGrace from 'close-with-grace'
import { join } from 'node:path'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { createPrisma } from './db/prisma.js'
import { loadSampleData } from './ingest/sample.js'
import { ensureMigrated } from './db/migrate.js'
import { projectRoot } from './paths.js'
import { openReadStore } from './db/read-store.js'
import { redactedUrl } from './db/url.js'

/** The only file that listens: config, migrations, sample data on first start, app, graceful close. */
async function main() {
  const config = loadConfig()
  const { applied } = await ensureMigrated(config.DATABASE_URL)
  const writable = config.API_KEYS.length > 0
  // Prisma writes: the sample data on a first start, and the write API; reads go through the read store alone
  let prisma = writable || config.LOAD_SAMPLE_DATA ? await createPrisma(config.DATABASE_URL) : null
  const readStore = await openReadStore(config.DATABASE_URL, { poolSize: config.PG_POOL_SIZE })
  const app = await buildApp({ config, prisma: prisma ?? undefined, readStore })
  app.log.info({ database: redactedUrl(config.DATABASE_URL), dialect: readStore.dialect }, 'database opened')
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
  console.error(err)
  process.exit(1)
})
