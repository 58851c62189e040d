import fastJson from 'fast-json-stringify'
import type { FastifySerializerCompiler } from 'fastify'
import { ResponseSerializationError } from 'fastify-type-provider-zod'
import { z } from 'zod'

type JsonSchema = { [key: string]: unknown }

/**
 * The JSON Schema as a serialiser needs it: `format`s only validate, so they go; a nullable
 * simple type (`anyOf: [{type: string}, {type: null}]`) becomes `type: [string, null]`, which
 * fast-json-stringify writes directly instead of asking a validator which branch applies.
 */
export function forSerialisation(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forSerialisation)
  if (typeof schema !== 'object' || schema === null) return schema
  const node = schema as JsonSchema
  // a schema node has a type keyword; a `properties` map has property names, one of which may be "format"
  const isSchema = typeof node.type === 'string' || Array.isArray(node.type)
  const out: JsonSchema = Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => !(isSchema && k === 'format'))
      .map(([k, v]) => [k, forSerialisation(v)]),
  )
  const branches = out.anyOf as JsonSchema[] | undefined
  if (Array.isArray(branches) && branches.length === 2) {
    const nullIndex = branches.findIndex((b) => b.type === 'null' && Object.keys(b).length === 1)
    const other = branches[1 - nullIndex]
    if (
      nullIndex >= 0 &&
      other &&
      typeof other.type === 'string' &&
      ['string', 'number', 'integer', 'boolean'].includes(other.type) &&
      !other.enum
    ) {
      delete out.anyOf
      return { ...out, ...other, type: [other.type, 'null'] }
    }
  }
  return out
}

/**
 * Response serialisation from the zod schemas without validating every response again: each
 * response schema becomes JSON Schema once (as for /openapi.json) and fast-json-stringify compiles
 * it into a serialiser that writes only the declared fields. Services build responses through
 * typed mappers, and the tests check every response against the OpenAPI document.
 */
export const zodJsonSerializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => {
  const json = forSerialisation(z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' }))
  return fastJson(json as Parameters<typeof fastJson>[0])
}

/**
 * The same serialiser, after checking each response against its zod schema: used in development
 * and tests, so a mapper that drifts from its schema fails there with a 500 and a logged cause
 * instead of writing a malformed answer in production.
 */
export const validatingSerializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) => {
  const serialise = zodJsonSerializerCompiler(route) as (data: unknown) => string
  return (data: unknown) => {
    const checked = route.schema.safeParse(data)
    if (!checked.success) throw new ResponseSerializationError(route.method, route.url, { cause: checked.error })
    return serialise(data)
  }
}
