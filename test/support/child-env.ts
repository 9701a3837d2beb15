// What a process a test starts (the CLI, the server) inherits from the test run, besides PATH:
// Node's compile cache, so it does not compile every module again, and the test runner's mark,
// so passwords it hashes take the test cost (src/platform/auth/passwords.ts). Nothing else leaks
// in: each test states the configuration it means.
export function childEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of ['PATH', 'NODE_COMPILE_CACHE', 'NODE_TEST_CONTEXT']) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  return env
}
