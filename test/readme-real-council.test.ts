// The README's "Setting up a real council", followed to the letter: its code block is read from
// the README and each `npx frontdoor` line runs as the operator would run it, on an empty SQLite
// file with SEED_DEMO=false; its curl line is sent to the app serving that file. If the README
// and the product part ways, this fails.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { Database } from '../src/platform/db/database.ts'
import { cliSandbox } from './support/cli.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The lines of the first code block after the README heading "Setting up a real council". */
function readmeSteps(): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const section = readme.split('### Setting up a real council')[1]
  assert.ok(section, 'the README has the section')
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1]
  assert.ok(block, 'the section has a code block')
  return block.split('\n').filter((line) => line.trim() !== '')
}

/** Words as a POSIX shell splits them, for the quoting the README uses: '…', "…" and $TOKEN inside "…". */
function shellWords(line: string, variables: Record<string, string>): string[] {
  const words: string[] = []
  const pattern = /'([^']*)'|"([^"]*)"|(\S+)/g
  for (const match of line.replace(/\s+#.*$/, '').matchAll(pattern)) {
    const [, single, double, bare] = match
    words.push(single ?? (double ?? bare ?? '').replace(/\$(\w+)/g, (_, name: string) => variables[name] ?? ''))
  }
  return words
}

function curlRequest(words: string[]) {
  const request: { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; payload: string } = {
    method: 'GET',
    url: '',
    headers: {},
    payload: '',
  }
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!
    if (word === '-X') request.method = words[++i] === 'POST' ? 'POST' : 'GET'
    else if (word === '-H') {
      const [name, ...value] = words[++i]!.split(':')
      request.headers[name!.trim().toLowerCase()] = value.join(':').trim()
    } else if (word === '-d') request.payload = words[++i]!
    else request.url = new URL(word).pathname
  }
  return request
}

describe('README: setting up a real council', () => {
  const sandbox = cliSandbox('readme-real-council', {
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://contact.exampleton.gov.uk',
    SESSION_SECRET: 'r'.repeat(32),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
  })
  let database: Database
  let app: FastifyInstance

  before(async () => {
    ;({ database, app } = await sandbox.open())
  })
  after(() => sandbox.close())

  it('goes from an empty database to the first case, step by step as the README says', async () => {
    assert.deepEqual(await database.db.selectFrom('council').select('id').execute(), [], 'the database starts empty')
    const variables: Record<string, string> = {}
    let lastOutput = ''
    let answered = false
    for (const line of readmeSteps()) {
      const words = shellWords(line, variables)
      if (words[0] === 'npx' && words[1] === 'frontdoor') {
        const result = sandbox.run(
          ...words.slice(2).map((word) => (word.startsWith('docs/') ? `${ROOT}${word}` : word)),
        )
        assert.equal(result.status, 0, `${line}\n${result.stderr}`)
        lastOutput = result.stdout
      } else if (words[0] === 'export') {
        const name = words[1]!.split('=')[0]!
        variables[name] = lastOutput.trim().split('\n').at(-1)!
        assert.match(variables[name]!, /^fd_/, 'the token is alone on the last line')
      } else if (words[0] === 'curl') {
        const response = await app.inject(curlRequest(words))
        assert.equal(response.statusCode, 201, response.body)
        const created = response.json()
        assert.match(created.reference, /^FD-\d{4}-\d{6}$/)
        assert.equal(created.status, 'open')
        assert.ok(created.due_at, 'the case is due by its service’s target')
        answered = true
      } else assert.fail(`the test does not know how to follow this README line: ${line}`)
    }
    assert.ok(answered, 'the README ends with the first case')
    const services = await database.db.selectFrom('service').select('open311_code').execute()
    assert.equal(services.length, 5, 'the example catalogue was imported')
    const cases = await database.db.selectFrom('case').select(['reference', 'service_id']).execute()
    assert.equal(cases.length, 1)
    const residents = await database.db.selectFrom('resident').select('id').execute()
    assert.deepEqual(residents, [], 'no demo data was seeded')
  })
})
