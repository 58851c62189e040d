import { defineConfig } from 'prisma/config'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'

// With engine "js" the CLI runs the schema engine as WebAssembly through the adapter, so the native
// engines are never executed; pointing these at a placeholder skips their download (no internet).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/bin/true'
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= '/bin/true'
process.env.DATABASE_URL ??= 'file:./data/newsdesk.db'

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: '.',
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! })
  },
})
