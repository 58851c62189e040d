import fastJson from 'fast-json-stringify'
import type { FastifySerializerCompiler } from 'fastify'
import { z } from 'zod'

/**
 * Response serialisation from the zod schemas without validating every response again: each
 * response schema becomes JSON Schema once (as for /openapi.json) and fast-json-stringify compiles
 * it into a serialiser that writes only the declared fields. Services build responses through
 * typed mappers, and the tests check every response against the OpenAPI document.
 */
export const zodJsonSerializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' })
  return fastJson(json as Parameters<typeof fastJson>[0]) as (data: unknown) => string
}
