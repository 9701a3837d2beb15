// Starts a server for the benchmark in its own process, so the load generator and the server
// never share a thread, and waits until it answers.
import { spawn } from 'node:child_process'
import { openSync } from 'node:fs'
import type { ChildProcess } from 'node:child_process'
import { projectDir } from './paths.ts'

export type RunningServer = { url: string; pid: number; stop(): Promise<void> }

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url)
    await response.arrayBuffer()
    return response.ok
  } catch {
    return false
  }
}

async function waitUntilUp(child: ChildProcess, probe: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server stopped with exit code ${child.exitCode}: ${output().slice(-500)}`)
    if (await answers(probe)) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`the server did not answer ${probe} within two minutes`)
}

/** Runs `node script` with env; `probePath` must answer 200 once it is ready; its log goes to `logFile` if given. */
export async function startServer(
  script: string,
  args: string[],
  port: number,
  env: Record<string, string>,
  probePath: string,
  logFile?: string,
  nodeArgs: readonly string[] = [],
): Promise<RunningServer> {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    cwd: projectDir,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    // The app logs every request, as it would in production; the logs go nowhere here.
    stdio: ['ignore', logFile === undefined ? 'ignore' : openSync(logFile, 'w'), 'pipe'],
  })
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-2000)
  })
  const url = `http://127.0.0.1:${port}`
  await waitUntilUp(child, url + probePath, () => errors)
  return {
    url,
    pid: child.pid as number,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
