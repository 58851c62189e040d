// Applies pending migrations to DATABASE_URL (a SQLite file: URL or a postgresql:// URL), from that provider's folder.
import { loadConfig } from '../src/config.js'
import { ensureMigrated } from '../src/db/migrate.js'
import { redactedUrl } from '../src/db/url.js'

const { DATABASE_URL } = loadConfig()
const { applied } = await ensureMigrated(DATABASE_URL)
console.log(
  applied.length ? `applied to ${redactedUrl(DATABASE_URL)}: ${applied.join(', ')}` : `${redactedUrl(DATABASE_URL)} is up to date`,
)
