import { test } from 'node:test'
import assert from 'node:assert/strict'
import { localPath } from './return-to.ts'

test('a local path with its query is kept', () => {
  assert.equal(localPath('/staff/residents?q=smith', '/staff'), '/staff/residents?q=smith')
})

test('every way off the site falls back to the default', () => {
  const attempts = [
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/%0d%0aSet-Cookie:x=1'.replace('%0d%0a', '\r\n'),
    'evil.example',
    '',
    ' /staff',
    '/\t/evil.example',
    'http:/evil.example',
  ]
  for (const attempt of attempts) assert.equal(localPath(attempt, '/home'), '/home', attempt)
  assert.equal(localPath(undefined, '/home'), '/home')
  assert.equal(localPath(['/a'], '/home'), '/home')
})

test('dot segments cannot climb out of the site', () => {
  assert.equal(localPath('/../../etc/passwd', '/home'), '/etc/passwd')
  assert.equal(localPath('/a/..//evil.example', '/home').startsWith('//'), false)
})
