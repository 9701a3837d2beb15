import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { CONTACT_FIGURES } from './contact-figures.ts'
import { REQUESTS } from './requests.ts'
import { SERVICES } from './services-dataset.ts'

test('docs/open-data.md documents every field of every dataset, with its type', () => {
  const docs = readFileSync(new URL('../../../docs/open-data.md', import.meta.url), 'utf8')
  for (const dataset of [REQUESTS, SERVICES, CONTACT_FIGURES]) {
    const section = docs.slice(docs.indexOf(`### ${dataset.name}\n`))
    assert.ok(docs.includes(`### ${dataset.name}\n`), dataset.name)
    for (const field of dataset.fields)
      assert.match(section, new RegExp(`\\| \`${field.name}\` \\| ${field.type} \\|`), `${dataset.name}.${field.name}`)
  }
})
