// How request parts are validated. Query strings, path parameters, headers and HTML form posts
// arrive as text, so their values are coerced to the schema's types ("20" -> 20, "true" -> true).
// A JSON body already has types: coercing it would store {"given_name": 123} as "123" and take
// {"handle_seconds": "90"} as a number, so JSON bodies of the API are validated strictly and a
// value of the wrong type is refused by name. Only /api/ takes nothing but JSON (json-only.ts);
// Open311's GeoReport clients post forms, so /open311/ bodies are coerced like any form.
import Ajv from 'ajv'
import type { AnySchema, ValidateFunction } from 'ajv'
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

/**
 * Each schema compiled once per process, by its text: compiling is a pure function of the schema
 * and the options, and a process that builds the app many times over (each test file does) spent
 * a quarter of a second a build compiling the same schemas again.
 */
function cachedCompiler(ajv: Ajv.default): (schema: AnySchema) => ValidateFunction {
  const compiled = new Map<string, ValidateFunction>()
  return (schema) => {
    const key = JSON.stringify(schema)
    let validate = compiled.get(key)
    if (!validate) {
      validate = compileWith(ajv, schema)
      compiled.set(key, validate)
    }
    return validate
  }
}

const strict = cachedCompiler(ajvFor(false))
const coercing = cachedCompiler(ajvFor('array'))

/** The app's validator compiler: strict for the API's JSON bodies, coercing for every other part. */
export function requestValidator(): FastifySchemaCompiler<AnySchema> {
  return ({ schema, url, httpPart }) =>
    (httpPart === 'body' && url.startsWith(JSON_ONLY_PREFIX) ? strict : coercing)(schema)
}
