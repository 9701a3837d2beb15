// Ajv's messages as people can act on them. A value that fails `anyOf` (every Nullable field) is
// reported three times, once per branch and once for the anyOf itself: people need one message
// saying what the value should be. "must be equal to one of the allowed values" does not say which.
import type { ErrorObject } from 'ajv'

type AjvError = Pick<ErrorObject, 'instancePath' | 'schemaPath' | 'keyword' | 'message' | 'params'>

const within = (error: AjvError, anyOf: AjvError) =>
  error !== anyOf && error.schemaPath.startsWith(`${anyOf.schemaPath}/`)

/** What one branch wanted, from its own complaints about the value itself ("integer", ">= 1"). */
function branchWants(branch: AjvError[], instancePath: string): string | undefined {
  const here = branch.filter((error) => error.instancePath === instancePath && error.keyword !== 'anyOf')
  if (here.length === 0) return undefined
  return here.map((error) => (error.message ?? 'valid').replace(/^must (be )?/, '')).join(' and ')
}

function oneMessage<T extends AjvError>(anyOf: T, branches: T[]): T {
  const byBranch = new Map<string, T[]>()
  for (const error of branches) {
    const index = error.schemaPath.slice(anyOf.schemaPath.length + 1).split('/')[0] ?? ''
    byBranch.set(index, [...(byBranch.get(index) ?? []), error])
  }
  const wants = [...byBranch.values()].map((branch) => branchWants(branch, anyOf.instancePath))
  if (wants.some((want) => want === undefined)) return { ...anyOf, message: 'does not match any of the allowed forms' }
  return { ...anyOf, message: `must be ${[...new Set(wants)].join(' or ')}` }
}

/** The same errors, with each failed anyOf and its branches' errors folded into one. */
export function foldAnyOf<T extends AjvError>(errors: readonly T[]): T[] {
  const anyOfs = errors.filter((error) => error.keyword === 'anyOf')
  const folded = errors.filter((error) => !anyOfs.some((anyOf) => within(error, anyOf)))
  return folded.map((error) =>
    error.keyword === 'anyOf'
      ? oneMessage(
          error,
          errors.filter((other) => within(other, error)),
        )
      : error,
  )
}

/** An enum's message lists its values, which are the council's own closed lists (never personal data). */
function withEnumValues<T extends AjvError>(error: T): T {
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues
  if (error.keyword !== 'enum' || !Array.isArray(allowed)) return error
  return { ...error, message: `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}` }
}

/** A constant names itself: a union of them (`day`, `week`, …) then reads "must be "day" or "week" …". */
function withConstValue<T extends AjvError>(error: T): T {
  const params = error.params as { allowedValue?: unknown }
  if (error.keyword !== 'const' || !('allowedValue' in params)) return error
  return { ...error, message: `must be ${JSON.stringify(params.allowedValue)}` }
}

/** Ajv's errors made readable: enums and constants name their values and each failed anyOf is one message. */
export function readableErrors<T extends AjvError>(errors: readonly T[]): T[] {
  return foldAnyOf(errors.map((error) => withConstValue(withEnumValues(error))))
}
