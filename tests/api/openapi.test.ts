import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'
import request from 'supertest'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, fixture, type TestContext } from '../helpers/context.js'

type Operation = {
  operationId?: string
  description?: string
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>
}
type Doc = {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown> }
  servers?: unknown[]
  security?: unknown[]
}

let ctx: TestContext
let doc: Doc
beforeAll(async () => {
  ctx = await createTestContext()
  await ctx.ingest(fixture('../../prisma/sample-data'))
  doc = (await request(ctx.app.server).get('/openapi.json').expect(200)).body
})
afterAll(() => ctx.close())

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })))

describe('the OpenAPI document', () => {
  it('names and describes every operation, and declares servers and security', () => {
    const ops = operations()
    expect(ops.length).toBe(20)
    const ids = ops.map(({ op }) => op.operationId)
    expect(new Set(ids).size).toBe(ops.length)
    for (const { path, op } of ops) {
      expect(op.operationId, path).toMatch(/^[a-z][A-Za-z]+$/)
      expect(op.description?.length, path).toBeGreaterThan(20)
    }
    expect(doc.servers).toHaveLength(1)
    expect(doc.security).toEqual([])
  })

  it('declares errors as problem+json and documents 304, 406, 408, 429, 431 and 503 where they happen', () => {
    for (const { path, op } of operations()) {
      const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400)
      expect(errors.length, path).toBeGreaterThan(0)
      for (const [status, response] of errors) {
        if (path === '/health' && status === '503') continue
        expect(Object.keys(response.content ?? {}), `${path} ${status}`).toEqual(['application/problem+json'])
      }
      expect(Object.keys(op.responses), path).toEqual(expect.arrayContaining(['200', '408', '431']))
      if (op.operationId?.startsWith('export')) {
        // streamed, never cached: no ETag and no 304, and the body is CSV or JSON Lines
        expect(Object.keys(op.responses['200']!.content ?? {}), path).toEqual(['application/x-ndjson', 'text/csv'])
        expect(Object.keys(op.responses), path).not.toContain('304')
        expect(op.responses['200']!.headers, path).not.toHaveProperty('ETag')
      } else if (path !== '/health') {
        expect(Object.keys(op.responses), path).toEqual(expect.arrayContaining(['304', '406', '429', '503']))
        expect(op.responses['200']!.headers, path).toHaveProperty('ETag')
      }
    }
  })

  it('has no unused input copies, no negative counts or offsets, and real examples', () => {
    const text = JSON.stringify(doc)
    for (const name of Object.keys(doc.components.schemas)) expect(text, name).toContain(`"#/components/schemas/${name}"`)
    expect(text).not.toContain('-9007199254740991')
    expect(text).toContain('"examples":["xi-jinping"]')
    expect(text).toContain('Kremlin: Xi backs Putin’s pursuit of Western guarantees')
  })

  it('generates a typed client with openapi-typescript that compiles and rejects what the API refuses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-client-'))
    writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(doc as never)))
    writeFileSync(
      join(dir, 'use.ts'),
      `
      import type { paths } from './api.js'
      type Responses<P extends keyof paths> = paths[P]['get']['responses']
      type Json<P extends keyof paths, S extends keyof Responses<P>> = Responses<P>[S] extends { content: { 'application/json': infer T } } ? T : never
      type Problem<P extends keyof paths, S extends keyof Responses<P>> = Responses<P>[S] extends { content: { 'application/problem+json': infer T } } ? T : never
      export const list: Json<'/articles', 200> = { data: [], page: { limit: 20, nextCursor: null, total: { value: 0, relation: 'eq' } } }
      export const notFound: Problem<'/articles/{id}', 404> = { type: 'about:blank', title: 'Not Found', status: 404, detail: "article 'x' not found" }
      export const query: NonNullable<paths['/quotes']['get']['parameters']['query']> = { speaker: 'xi-jinping', kind: 'indirect', limit: 5 }
      export const speaker = (q: Json<'/quotes/{id}', 200>) => q.speaker.person?.slug ?? q.speaker.name
      // @ts-expect-error the quote kinds are an enum
      export const badKind: NonNullable<paths['/quotes']['get']['parameters']['query']> = { kind: 'loud' }
      // @ts-expect-error articles have no sourcePath
      export const path = (a: Json<'/articles/{id}', 200>) => a.sourcePath
    `,
    )
    const program = ts.createProgram([join(dir, 'use.ts')], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      skipLibCheck: true,
    })
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    expect(diagnostics, diagnostics.join('\n')).toEqual([])
  })
})
