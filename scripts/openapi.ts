/** Writes the OpenAPI 3.1 document (generated from the zod schemas) to openapi.json or the given path. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { buildApp } from '../src/app.js'
import { createPrisma } from '../src/db/prisma.js'
import { loadConfig } from '../src/config.js'
import { openReadStore } from '../src/db/read-store.js'

async function main() {
  // --writable: the document of a server with API keys, which also holds the write routes (what lint:api checks)
  const writable = process.argv.includes('--writable')
  const out = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'openapi.json'
  mkdirSync(dirname(out), { recursive: true })
  // the document does not touch the database; an in-memory one keeps the script side-effect free
  const prisma = await createPrisma('file::memory:')
  const app = await buildApp({
    config: loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_MAX: '0',
      WRITE_EXTRACTION_THREADS: '0',
      ...(writable ? { API_KEYS: 'documentation-only-key-0000' } : {}),
    }),
    prisma,
    readStore: await openReadStore('file::memory:'),
  })
  await app.ready()
  writeFileSync(out, JSON.stringify(app.swagger(), null, 2) + '\n')
  await app.close()
  await prisma.$disconnect()
  console.log(`wrote ${out}`)
}
main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
