// Minimal flag parsing on node:util's parseArgs, with the CLI's own error for bad input.
import { parseArgs } from 'node:util'
import type { ParseArgsConfig } from 'node:util'
import { UsageError } from './output.ts'

export function flags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
}

/**
 * Flags and nothing else. A word left over is most often a value with spaces not in quotes
 * (`--name Sam Carter`): refused rather than silently cut short.
 */
export function flagsOnly<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  const parsed = flags(args, options)
  const stray = parsed.positionals[0]
  if (stray !== undefined)
    throw new UsageError(`unexpected "${stray}": put a value with spaces in quotes, such as --name "Sam Carter"`)
  return parsed
}

export function required(value: string | boolean | undefined | (string | boolean)[], flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${flag} is required`)
  return value.trim()
}
