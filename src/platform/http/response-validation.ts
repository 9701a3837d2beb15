// Checks every JSON response against the schema its route declares for that status, so the
// OpenAPI document never promises what the API does not send. Used in tests.
import fp from 'fastify-plugin'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import type { ValidateFunction } from 'ajv'
import type { FastifyInstance } from 'fastify'
import { Problem } from './problem.ts'

export const responseValidationPlugin = fp(
  async (app: FastifyInstance) => {
    const ajv = new Ajv.default({ allErrors: true, strict: false })
    addFormats.default(ajv)
    const compiled = new WeakMap<object, ValidateFunction>()

    app.addHook('onSend', async (request, reply, payload) => {
      const schemas = request.routeOptions.schema?.response as Record<string, unknown> | undefined
      if (!schemas || typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').includes('json'))
        return payload
      const schema = (schemas[String(reply.statusCode)] ?? schemas[`${String(reply.statusCode)[0]}xx`]) as
        object | undefined
      if (!schema) return payload
      let validate = compiled.get(schema)
      if (!validate) {
        validate = ajv.compile(schema)
        compiled.set(schema, validate)
      }
      if (!validate(JSON.parse(payload))) {
        // Said in the answer, because test logs are silent; ajv names paths and rules, never values.
        throw new Problem(
          500,
          `The response to ${request.method} ${request.routeOptions.url} does not match its ${reply.statusCode} schema: ${ajv.errorsText(validate.errors, { dataVar: 'response' })}`,
        )
      }
      return payload
    })
  },
  { name: 'frontdoor-response-validation' },
)
