import type { PrismaClient } from '../db/prisma.js'
import { ingestPaths } from './ingest.js'

/** Loads the bundled sample articles when the database holds no article; returns how many went in, or null if skipped. */
export async function loadSampleData(prisma: PrismaClient, dir: string): Promise<number | null> {
  if ((await prisma.article.count()) > 0) return null
  let loaded = 0
  for await (const outcome of ingestPaths(prisma, [dir])) {
    loaded += outcome.records.filter((r) => r.status === 'ingested').length
  }
  return loaded
}
