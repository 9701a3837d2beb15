// Reading Open311 parameters: every value arrives as text, an empty optional one counts as absent,
// and a bad one is refused with a 400 that names it (the specification's error list says which).
import { Problem } from '../../platform/http/problem.ts'

export type Params = Record<string, unknown>

/** A 400 whose description starts with the parameter at fault, so a client can tell which. */
export function badParameter(name: string, message: string): Problem {
  return new Problem(400, `${name}: ${message}`)
}

/** A parameter's text, or undefined when it is missing or empty. */
export function optional(params: Params, name: string): string | undefined {
  const value = params[name]
  if (value === undefined || value === null) return undefined
  if (Array.isArray(value)) throw badParameter(name, 'give it once')
  if (typeof value !== 'string' && typeof value !== 'number') throw badParameter(name, 'give it as text')
  const text = String(value).trim()
  return text === '' ? undefined : text
}

export function requiredParam(params: Params, name: string): string {
  const value = optional(params, name)
  if (value === undefined) throw badParameter(name, 'is required')
  return value
}

/** A comma-delimited list, each entry trimmed; undefined when absent. */
export function list(params: Params, name: string, max = 1000): string[] | undefined {
  const value = optional(params, name)
  if (value === undefined) return undefined
  const items = [...new Set(value.split(',').map((item) => item.trim()))].filter(Boolean)
  if (items.length === 0) return undefined
  if (items.length > max) throw badParameter(name, `give at most ${max} values`)
  return items
}

// W3C's subset of ISO 8601 that the specification names: a date and time with Z or an offset.
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** A date and time with its offset, as the stored UTC form; a bare date is read as midnight UTC. */
export function dateTime(params: Params, name: string): string | undefined {
  const value = optional(params, name)
  if (value === undefined) return undefined
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value
  const at = new Date(text)
  if (!W3C_DATETIME.test(text) || Number.isNaN(at.getTime()))
    throw badParameter(name, 'give a date and time in ISO 8601 with an offset, like 2026-03-01T09:00:00Z')
  return at.toISOString()
}

export function number(params: Params, name: string, min: number, max: number): number | undefined {
  const value = optional(params, name)
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (!/^[+-]?\d+(\.\d+)?$/.test(value) || parsed < min || parsed > max)
    throw badParameter(name, `give a number from ${min} to ${max}`)
  return parsed
}

export function maxLength(name: string, value: string | undefined, max: number): string | undefined {
  if (value !== undefined && [...value].length > max) throw badParameter(name, `must be ${max} characters or fewer`)
  return value
}

/**
 * The `attribute[code]=value` and `attribute[code][]=value` pairs of a form body (or an `attribute`
 * object of a JSON one), as lists of text per code: a multivaluelist gives several.
 */
export function attributes(params: Params): Map<string, string[]> {
  const found = new Map<string, string[]>()
  const add = (code: string, value: unknown) => {
    const values = (Array.isArray(value) ? value : [value]).map((v) => (v === null || v === undefined ? '' : String(v)))
    const kept = values.map((v) => v.trim()).filter((v) => v !== '')
    if (kept.length > 0) found.set(code, [...(found.get(code) ?? []), ...kept])
  }
  for (const [key, value] of Object.entries(params)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key)
    if (match?.[1]) add(match[1], value)
  }
  const nested = params.attribute
  if (nested !== null && typeof nested === 'object' && !Array.isArray(nested))
    for (const [code, value] of Object.entries(nested)) add(code, value)
  return found
}
