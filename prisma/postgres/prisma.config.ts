import { defineConfig } from 'prisma/config'
import { migrationAdapter } from './migration-adapter.js'

// The CLI's schema engine runs as WebAssembly through the driver adapter (no internet for native engines).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/bin/true'
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= '/bin/true'
process.env.DATABASE_URL ??= 'postgresql://newsdesk:newsdesk@127.0.0.1:5432/newsdesk'

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: '.',
  async adapter() {
    return migrationAdapter(process.env.DATABASE_URL!)
  },
})
