import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { inject } from 'vitest'
import { buildApp, type AppDeps } from '../../src/app.js'
import { createPrisma, type PrismaClient } from '../../src/db/prisma.js'
import { ingestPaths, type FileOutcome } from '../../src/ingest/ingest.js'
import { loadConfig } from '../../src/config.js'
import { openReadStore, type ReadStore } from '../../src/db/read-store.js'
import { copyOfTemplate } from './databases.js'

export interface TestContext {
  app: FastifyInstance
  prisma: PrismaClient
  readStore: ReadStore
  url: string
  dir: string
  ingest: (...paths: string[]) => Promise<FileOutcome[]>
  reset: () => Promise<void>
  close: () => Promise<void>
}

export const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', name)

/** A fresh temporary folder and a writer of article files into it (returns each file's path). */
export function scratchFiles(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }
}

/**
 * A real database copied from the migrated template (a SQLite file, or a PostgreSQL database when
 * TEST_DATABASE_URL names a server: tests/helpers/databases.ts), and the real app over it. A
 * variable given as undefined takes its default instead of the test setting below.
 */
export async function createTestContext(
  env: Record<string, string | undefined> = {},
  deps: Pick<AppDeps, 'logStream'> = {},
): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-ctx-'))
  const database = await copyOfTemplate(inject('testTemplate'))
  const url = database.url
  const prisma = await createPrisma(url)
  const readStore = await openReadStore(url)
  const app = await buildApp({
    // no rate limit and no load shedding unless a test asks: a test's own in-process ingest can block
    // the event loop past the shedding threshold on a loaded CI machine, and the next request would get a 503
    config: loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_MAX: '0',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      DATABASE_URL: url,
      ...env,
    }),
    prisma,
    readStore,
    ...deps,
  })
  await app.ready()
  return {
    app,
    prisma,
    readStore,
    url,
    dir,
    async ingest(...paths) {
      const out: FileOutcome[] = []
      for await (const o of ingestPaths(prisma, paths)) out.push(o)
      // PostgreSQL announces commits asynchronously: what the test reads next must see them
      await readStore.catchUp()
      return out
    },
    async reset() {
      await prisma.quote.deleteMany()
      await prisma.articlePerson.deleteMany()
      await prisma.personAlias.deleteMany()
      await prisma.person.deleteMany()
      await prisma.article.deleteMany()
      await readStore.catchUp()
    },
    async close() {
      await app.close()
      await prisma.$disconnect()
      await readStore.close()
      await database.drop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
