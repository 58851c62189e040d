import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { ensureMigrated } from '../../src/migrate.js'

/** Migrates one template database with `prisma migrate deploy`; every test file copies it. */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-test-'))
  const template = join(dir, 'template.db')
  ensureMigrated(`file:${template}`)
  project.provide('templateDb', template)
  return () => rmSync(dir, { recursive: true, force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string
  }
}
