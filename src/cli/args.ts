// Reading a command's flags and words. Node's parseArgs splits them; the refusals are the CLI's own,
// each one line naming the problem and then the command's usage, so an operator never meets a flag
// silently ignored, a stray word silently dropped or a repeated flag silently overwritten.
import { parseArgs } from 'node:util'
import { HelpAsked, UsageError } from './output.ts'

export type FlagSpec = Readonly<Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>

type FlagValue<F> = F extends { type: 'boolean' } ? boolean : F extends { multiple: true } ? string[] : string

export type FlagValues<S extends FlagSpec> = { [K in keyof S]?: FlagValue<S[K]> }

export type Command<S extends FlagSpec> = {
  /** The usage line shown after every refusal. */
  usage: string
  flags: S
  /** How many words (positionals) the command takes; any beyond these are refused. */
  words?: number
}

export type ReadArgs<S extends FlagSpec> = { values: FlagValues<S>; words: string[] }

/** A refusal of what the operator typed: the problem, then the usage line, on one line. */
export function refuse(problem: string, usage: string): UsageError {
  return new UsageError(`${problem}; ${usage}`)
}

function strayWord(word: string): string {
  return word.includes('=') || word.startsWith('-')
    ? `unexpected "${word}"`
    : `unexpected "${word}": put a value with spaces in quotes, such as --name "Sam Carter"`
}

const isHelp = (word: string): boolean => word === '--help' || word === '-h'

export function readArgs<S extends FlagSpec>(args: string[], command: Command<S>): ReadArgs<S> {
  const { tokens } = parseArgs({ args, options: command.flags, strict: false, allowPositionals: true, tokens: true })
  const values: Record<string, string | boolean | string[]> = {}
  const words: string[] = []
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue
    if (token.kind === 'positional') {
      if (words.length >= (command.words ?? 0)) throw refuse(strayWord(token.value), command.usage)
      words.push(token.value)
      continue
    }
    const flag = command.flags[token.name]
    if (flag === undefined && isHelp(token.rawName)) throw new HelpAsked(command.usage)
    if (flag === undefined || token.rawName !== `--${token.name}`)
      throw refuse(`unknown flag ${token.rawName}`, command.usage)
    if (flag.type === 'boolean') {
      if (token.value !== undefined) throw refuse(`${token.rawName} takes no value`, command.usage)
      values[token.name] = true
      continue
    }
    // parseArgs takes the next flag as this one's value (`--role --name x`): that is a missing value.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--')))
      throw refuse(`${token.rawName} needs a value`, command.usage)
    if (flag.multiple) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), token.value]
    else if (token.name in values) throw refuse(`${token.rawName} is given twice: give it once`, command.usage)
    else values[token.name] = token.value
  }
  return { values: values as FlagValues<S>, words }
}

/** A flag's value, trimmed, or a refusal naming the flag. */
export function required(value: string | undefined, flag: string, usage?: string): string {
  if (value === undefined || value.trim() === '') {
    const problem = `--${flag} is required`
    throw usage === undefined ? new UsageError(problem) : refuse(problem, usage)
  }
  return value.trim()
}

/** The action word of a command with several (`token create|list|revoke`), or a refusal with the usage. */
export function action<A extends string>(args: string[], actions: readonly A[], usage: string): [A, string[]] {
  const [word, ...rest] = args
  if (word === undefined) throw new UsageError(usage)
  if (isHelp(word) || word === 'help') throw new HelpAsked(usage)
  if (!(actions as readonly string[]).includes(word)) throw refuse(`unknown action "${word}"`, usage)
  return [word as A, rest]
}
