// How request parts are validated. Query strings, path parameters, headers and HTML form posts
// arrive as text, so their values are coerced to the schema's types ("20" -> 20, "true" -> true).
// A JSON body already has types: coercing it would store {"given_name": 123} as "123" and take
// {"handle_seconds": "90"} as a number, so JSON bodies of the API are validated strictly and a
// value of the wrong type is refused by name. Only /api/ takes nothing but JSON (json-only.ts);
// Open311's GeoReport clients post forms, so /open311/ bodies are coerced like any form.
import Ajv from 'ajv'
import type { AnySchema } from 'ajv'
import type { FastifySchemaCompiler } from 'fastify'
import addFormats from 'ajv-formats'

/** Where request bodies can only be JSON: app.ts puts jsonBodiesOnly on everything under it. */
const JSON_ONLY_PREFIX = '/api/'

const COMMON = {
  useDefaults: true,
  // An unknown field is refused (additionalProperties: false), not silently dropped.
  removeAdditional: false,
  // Every problem at once, so a client fixes them in one go; bodies are bounded by bodyLimit.
  allErrors: true,
  addUsedSchema: false,
} as const

function ajvFor(coerceTypes: false | 'array'): Ajv.default {
  const ajv = new Ajv.default({ ...COMMON, coerceTypes })
  addFormats.default(ajv)
  return ajv
}

function compileWith(ajv: Ajv.default, schema: AnySchema) {
  // Ajv refuses to compile a second schema with an $id it already has: reuse the first.
  const id = typeof schema === 'object' ? (schema.$id as string | undefined) : undefined
  return (id === undefined ? undefined : ajv.getSchema(id)) ?? ajv.compile(schema)
}

/** The app's validator compiler: strict for the API's JSON bodies, coercing for every other part. */
export function requestValidator(): FastifySchemaCompiler<AnySchema> {
  const strict = ajvFor(false)
  const coercing = ajvFor('array')
  return ({ schema, url, httpPart }) =>
    compileWith(httpPart === 'body' && url.startsWith(JSON_ONLY_PREFIX) ? strict : coercing, schema)
}
