// `frontdoor serve` as a process manager runs it: it listens where --port and --host say, and a
// SIGTERM or SIGINT stops it within seconds, after the request in flight is answered.
import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { childEnv } from './support/child-env.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const STOPS_WITHIN_MS = 5_000

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  return port
}

/** Starts the command and resolves once it says it is running; rejects if it exits first. */
async function started(command: string, args: string[], dir: string): Promise<ChildProcess> {
  const child = spawn(command, args, {
    cwd: ROOT,
    // Its own process group, so a server npm leaves behind can still be cleared up afterwards.
    detached: true,
    env: {
      ...childEnv(),
      HOME: process.env.HOME,
      DATABASE_URL: `sqlite:${join(dir, 'serve.db')}`,
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Frontdoor is running')) resolve()
    })
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening:\n${output}`)))
  })
  return child
}

/** A form post whose body is still arriving: answered only once the rest is sent. */
function slowPost(port: number): { finish: () => void; answered: Promise<number> } {
  const body = 'email=someone%40council.example&password=x'
  const post = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/staff/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length },
  })
  const answered = new Promise<number>((resolve, reject) => {
    post.once('response', (response) => {
      response.resume()
      resolve(response.statusCode!)
    })
    post.once('error', reject)
  })
  post.write(body.slice(0, 10))
  return { finish: () => post.end(body.slice(10)), answered }
}

function listening(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const probe = request({ host: '127.0.0.1', port, path: '/health' }, (response) => {
      response.resume()
      resolve(true)
    })
    probe.once('error', () => resolve(false))
    probe.end()
  })
}

/** Ends everything the command started, npm's child included, whatever state the test left it in. */
function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL')
  } catch {
    // already gone
  }
}

async function exitsWithin(child: ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode
  const timer = setTimeout(() => child.kill('SIGKILL'), ms)
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null]
  clearTimeout(timer)
  assert.equal(signal, null, `still running ${ms} ms after the stop signal`)
  return code
}

describe('frontdoor serve stopping', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-serve-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  const ways: [string, string, string[], NodeJS.Signals][] = [
    ['npx frontdoor serve', process.execPath, ['src/main.ts', 'serve'], 'SIGTERM'],
    ['npx frontdoor serve', process.execPath, ['src/main.ts', 'serve'], 'SIGINT'],
  ]
  for (const [name, command, args, signal] of ways) {
    it(`${name} listens on --port and --host, and ${signal} stops it after answering the request in flight`, async () => {
      const port = await freePort()
      const child = await started(command, [...args, '--port', String(port), '--host', '127.0.0.1'], dir)
      try {
        const inFlight = slowPost(port)
        await new Promise((resolve) => setTimeout(resolve, 300))
        child.kill(signal)
        await new Promise((resolve) => setTimeout(resolve, 300))
        inFlight.finish()
        const status = await inFlight.answered
        assert.ok(status >= 200 && status < 500, `the request in flight was answered (${status})`)
        assert.equal(await exitsWithin(child, STOPS_WITHIN_MS), 0)
      } finally {
        killGroup(child)
      }
      assert.equal(await listening(port), false, `nothing listens on port ${port} any more`)
    })
  }

  // npm exits on SIGTERM without passing it on; the server it started must not stay listening.
  it('npm start stops within seconds of a SIGTERM to npm, and nothing is left listening', async () => {
    const port = await freePort()
    const child = await started('npm', ['start', '--', '--port', String(port), '--host', '127.0.0.1'], dir)
    try {
      assert.equal(await listening(port), true)
      child.kill('SIGTERM')
      const deadline = Date.now() + STOPS_WITHIN_MS
      while ((await listening(port)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
      assert.equal(await listening(port), false, `still listening ${STOPS_WITHIN_MS} ms after npm was stopped`)
    } finally {
      killGroup(child)
    }
  })
})
