import type { TestProject } from 'vitest/node'
import { createTemplate, testDialect } from './databases.js'

/**
 * Migrates the template databases every test file copies: always a SQLite file (the CLI and
 * stress tests use files), and a PostgreSQL database when TEST_DATABASE_URL names a server.
 */
export default async function setup(project: TestProject) {
  const previous = process.env.TEST_DATABASE_URL
  delete process.env.TEST_DATABASE_URL
  const sqlite = await createTemplate()
  if (previous !== undefined) process.env.TEST_DATABASE_URL = previous
  const postgres = testDialect() === 'postgres' ? await createTemplate() : null
  project.provide('templateDb', sqlite.template)
  project.provide('testTemplate', postgres?.template ?? sqlite.template)
  return async () => {
    await postgres?.remove()
    await sqlite.remove()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated SQLite template file. */
    templateDb: string
    /** What createTestContext copies: the SQLite file, or the PostgreSQL template database's name. */
    testTemplate: string
  }
}
