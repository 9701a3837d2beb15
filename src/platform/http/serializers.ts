// How JSON answers with a declared schema are written: fast-json-stringify, as Fastify does by
// default, but each schema compiled once per process rather than once per app. Compiling is a pure
// function of the schema's text, and a process that builds the app many times over (each test file
// does, dozens of times) spent a quarter of a second a build compiling the same schemas again.
import fastJsonStringify from 'fast-json-stringify'
import type { FastifySerializerCompiler } from 'fastify'

type Serializer = (data: unknown) => string

const compiled = new Map<string, Serializer>()

export function responseSerializer(): FastifySerializerCompiler<unknown> {
  return ({ schema }) => {
    const key = JSON.stringify(schema)
    let serialize = compiled.get(key)
    if (!serialize) {
      serialize = fastJsonStringify(schema as Parameters<typeof fastJsonStringify>[0]) as Serializer
      compiled.set(key, serialize)
    }
    return serialize
  }
}
