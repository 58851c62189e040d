import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ResponseSerializationError } from 'fastify-type-provider-zod'
import { forSerialisation, validatingSerializerCompiler, zodJsonSerializerCompiler } from '../../src/plugins/serializer.js'

describe('response serialiser', () => {
  const Shape = z.object({
    at: z.iso.datetime({ offset: true }).nullable(),
    format: z.string(),
    speaker: z.object({ type: z.enum(['person', 'group']), name: z.string() }),
    count: z.number().int().nullable(),
  })
  const serialise = zodJsonSerializerCompiler({ schema: Shape, method: 'GET', url: '/', httpStatus: '200' }) as (d: unknown) => string

  it('writes declared fields only, nulls and strings as given, property names like "format" and "type" kept', () => {
    const out = serialise({
      at: null,
      format: 'jsonl',
      speaker: { type: 'person', name: 'Xi "Jinping"', secret: 1 },
      count: 3,
      extra: true,
    })
    expect(JSON.parse(out)).toEqual({ at: null, format: 'jsonl', speaker: { type: 'person', name: 'Xi "Jinping"' }, count: 3 })
    expect(
      JSON.parse(serialise({ at: '2021-12-15T00:00:00.000Z', format: 'txt', speaker: { type: 'group', name: 'x' }, count: null })).at,
    ).toBe('2021-12-15T00:00:00.000Z')
  })

  it('drops format keywords and turns nullable simple types into type lists', () => {
    expect(forSerialisation({ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] })).toEqual({ type: ['string', 'null'] })
    expect(forSerialisation({ type: 'object', properties: { format: { type: 'string' } } })).toEqual({
      type: 'object',
      properties: { format: { type: 'string' } },
    })
  })
})

describe('validating serialiser (development and tests)', () => {
  const Shape = z.object({ id: z.string(), count: z.number().int().min(0) })
  const serialise = validatingSerializerCompiler({ schema: Shape, method: 'GET', url: '/things/:id', httpStatus: '200' }) as (
    d: unknown,
  ) => string

  it('writes a response that matches its schema exactly as the production serialiser does', () => {
    expect(serialise({ id: 'a', count: 2 })).toBe(
      zodJsonSerializerCompiler({ schema: Shape, method: 'GET', url: '/things/:id', httpStatus: '200' })({ id: 'a', count: 2 }),
    )
  })

  it('refuses one that does not, naming the route', () => {
    expect(() => serialise({ id: 'a', count: -1 })).toThrow(/doesn't match the schema/)
    let caught: unknown
    try {
      serialise({ id: 3, count: 1 })
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(ResponseSerializationError)
    expect((caught as ResponseSerializationError).url).toBe('/things/:id')
  })
})
