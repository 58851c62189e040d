/** Writes the OpenAPI 3.1 document (generated from the zod schemas) to openapi.json or the given path. */
import { writeFileSync } from 'node:fs'
import { buildApp } from '../src/app.js'
import { createPrisma } from '../src/db.js'

async function main() {
  const out = process.argv[2] ?? 'openapi.json'
  // the document does not touch the database; an in-memory one keeps the script side-effect free
  const prisma = await createPrisma('file::memory:')
  const app = await buildApp({ config: { NODE_ENV: 'production', LOG_LEVEL: 'silent', CORS_ORIGIN: '*', BODY_LIMIT_BYTES: 1_048_576 }, prisma })
  await app.ready()
  writeFileSync(out, JSON.stringify(app.swagger(), null, 2) + '\n')
  await app.close()
  await prisma.$disconnect()
  console.log(`wrote ${out}`)
}
main().catch((err) => { console.error(err); process.exitCode = 1 })
