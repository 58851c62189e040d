import closeWithGrace from 'close-with-grace'
import { join } from 'node:path'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { createPrisma } from './db.js'
import { loadSampleData } from './ingest/sample.js'
import { ensureMigrated } from './migrate.js'
import { projectRoot } from './paths.js'
import { openReadStore } from './read-store.js'

/** The only file that listens: config, migrations, sample data on first start, app, graceful close. */
async function main() {
  const config = loadConfig()
  const { applied } = ensureMigrated(config.DATABASE_URL)
  const prisma = await createPrisma(config.DATABASE_URL)
  const readStore = openReadStore(config.DATABASE_URL)
  const app = await buildApp({ config, prisma, readStore })
  if (applied.length) app.log.info({ applied }, 'database migrations applied')
  if (config.LOAD_SAMPLE_DATA) {
    const loaded = await loadSampleData(prisma, join(projectRoot, config.SAMPLE_DATA_DIR))
    if (loaded !== null) app.log.info({ loaded }, 'empty database: sample articles loaded')
  }
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down')
    // requests in flight get their answers; connections that keep-alive clients leave idle after them are dropped
    const dropIdle = setInterval(() => app.server.closeIdleConnections(), 100)
    await app.close()
    clearInterval(dropIdle)
    app.log.info('requests finished, server closed')
    await prisma.$disconnect()
    readStore.close()
    app.log.info('database closed')
  })
  await app.listen({ host: config.HOST, port: config.PORT })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
