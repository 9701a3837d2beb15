// The benchmark's voice: progress and results to stdout, one line each.
export function say(text = ''): void {
  process.stdout.write(text + '\n')
}
