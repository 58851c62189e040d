import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> }

/** Validates responses against the served OpenAPI document itself, not against the zod schemas. */
export function openApiValidator(doc: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  ;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
  ajv.addSchema({ ...doc, $id: 'openapi' })
  const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1')
  return (method: string, path: string, res: { status: number; body: unknown }) => {
    const op = doc.paths[path]?.[method.toLowerCase()]
    expect(op, `${method} ${path} is in the OpenAPI document`).toBeTruthy()
    const response = op!.responses[String(res.status)]
    expect(response, `${method} ${path} documents status ${res.status}`).toBeTruthy()
    const mediaType = Object.keys(response!.content ?? {})[0]
    expect(mediaType, `${method} ${path} ${res.status} declares its media type`).toBe(
      res.status >= 400 && path !== '/health' ? 'application/problem+json' : 'application/json',
    )
    const validate = ajv.getSchema(
      `openapi#/paths/${escape(path)}/${method.toLowerCase()}/responses/${res.status}/content/${escape(mediaType!)}/schema`,
    )
    expect(validate, 'response schema compiles').toBeTruthy()
    const ok = validate!(res.body)
    expect(ok ? [] : validate!.errors, `${method} ${path} ${res.status} matches the OpenAPI document`).toEqual([])
  }
}
