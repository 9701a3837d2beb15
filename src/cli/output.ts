// The CLI's voice: results to stdout, problems to stderr as one line, progress only on a terminal.
export const out = {
  line(text = ''): void {
    process.stdout.write(text + '\n')
  },
  error(text: string): void {
    process.stderr.write(`frontdoor: ${text}\n`)
  },
  /** Rewrites one status line in place; silent when output is not a terminal (CI, pipes). */
  progress(text: string): void {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`)
  },
  progressDone(): void {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K')
  },
}

/** A mistake the person running the command can fix: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** The person asked how to use a command (`--help`): its usage goes to stdout and the exit code is 0. */
export class HelpAsked extends Error {
  readonly usage: string
  constructor(usage: string) {
    super(usage)
    this.name = 'HelpAsked'
    this.usage = usage
  }
}
