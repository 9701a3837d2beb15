// The slice boundaries hold by construction: eslint.config.js refuses an import that crosses one, and
// npm run check runs it. These tests run the project's own config over small texts to prove each
// forbidden shape is refused and each allowed one is not.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'

const projectRoot = fileURLToPath(new URL('..', import.meta.url))
const eslint = new ESLint({ cwd: projectRoot })

/** What the boundary rule says of one import written in the given file. */
async function boundaryMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  assert.ok(result, 'ESLint gave no result')
  const fatal = result.messages.filter((m) => m.fatal)
  assert.deepEqual(fatal, [], 'the text must parse')
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

type Shape = { file: string; code: string; says?: RegExp }

const refused: Record<string, Shape> = {
  "a feature importing another feature's repo": {
    file: 'src/features/contacts/x.ts',
    code: "import { accountById } from '../account/repo.ts'\nexport const f = accountById\n",
    says: /through its service\.ts/,
  },
  "a type-only import of another feature's file": {
    file: 'src/features/contacts/x.ts',
    code: "import type { Account } from '../account/repo.ts'\nexport type A = Account\n",
    says: /through its service\.ts/,
  },
  "a re-export of another feature's file": {
    file: 'src/features/oidc-sign-in/repo.ts',
    code: "export { rolesOf } from '../staff-sign-in/repo.ts'\n",
    says: /through its service\.ts/,
  },
  'a feature reaching another through the src folder': {
    file: 'src/features/demo/x.ts',
    code: "import { searchTextFor } from '../../features/residents/search-text.ts'\nexport const f = searchTextFor\n",
    says: /through its service\.ts/,
  },
  'a feature importing the registry that mounts it': {
    file: 'src/features/home/pages.ts',
    code: "import type { FeatureOptions } from '../index.ts'\nexport type O = FeatureOptions\n",
    says: /src\/platform\/http\/feature\.ts/,
  },
  "the CLI importing a feature's file other than its service.ts": {
    file: 'src/cli/seed.ts',
    code: "import { seedDemoCouncil } from '../features/demo/seed.ts'\nexport const f = seedDemoCouncil\n",
    says: /The CLI uses a feature only through its service\.ts/,
  },
  'the CLI importing the feature registry': {
    file: 'src/cli/serve.ts',
    code: "import { apiFeatures } from '../features/index.ts'\nexport const f = apiFeatures\n",
  },
  "the platform importing even a feature's service.ts": {
    file: 'src/platform/http/x.ts',
    code: "import { listResidents } from '../../features/residents/service.ts'\nexport const f = listResidents\n",
    says: /The platform knows no feature/,
  },
  'the platform importing the feature registry for a type': {
    file: 'src/platform/auth/x.ts',
    code: "import type { FeaturePlugin } from '../../features/index.ts'\nexport type P = FeaturePlugin\n",
  },
  'a feature importing a test helper': {
    file: 'src/features/imports/x.ts',
    code: "import { testDatabase } from '../../../test/support/databases.ts'\nexport const f = testDatabase\n",
    says: /does not use test helpers/,
  },
  'a feature importing its own test fixtures': {
    file: 'src/features/imports/x.ts',
    code: "import { addTeamAndService } from './test-fixtures.ts'\nexport const f = addTeamAndService\n",
    says: /does not use test helpers/,
  },
  'the platform importing a test helper': {
    file: 'src/platform/db/x.ts',
    code: "import { ENGINES } from '../../../test/support/databases.ts'\nexport const f = ENGINES\n",
    says: /does not use test helpers/,
  },
  'a migration importing a feature': {
    file: 'src/platform/db/migrations/999-x.ts',
    code: "import { searchTextFor } from '../../../features/residents/service.ts'\nexport const f = searchTextFor\n",
  },
}

const allowed: Record<string, Shape> = {
  "a feature using another feature's service.ts": {
    file: 'src/features/contacts/x.ts',
    code: "import { accountById } from '../account/service.ts'\nexport const f = accountById\n",
  },
  'a feature using its own repo and history repo': {
    file: 'src/features/contacts/x.ts',
    code: "import * as repo from './repo.ts'\nimport type { HistoryScope } from './history-repo.ts'\nexport const r = repo\nexport type S = HistoryScope\n",
  },
  'a feature using the platform': {
    file: 'src/features/contacts/x.ts',
    code: "import type { FeatureOptions } from '../../platform/http/feature.ts'\nexport type O = FeatureOptions\n",
  },
  "the CLI using a feature's service.ts": {
    file: 'src/cli/import.ts',
    code: "import { importCsv } from '../features/imports/service.ts'\nexport const f = importCsv\n",
  },
  "the registry mounting a feature's routes": {
    file: 'src/features/index.ts',
    code: "import { casesApi } from './cases/routes.ts'\nexport const f = casesApi\n",
  },
  'the app mounting the registry': {
    file: 'src/app.ts',
    code: "import { apiFeatures } from './features/index.ts'\nexport const f = apiFeatures\n",
  },
  "a feature's test reaching into another feature": {
    file: 'src/features/contacts/x.test.ts',
    code: "import { insertAccount } from '../account/repo.ts'\nexport const f = insertAccount\n",
  },
  "a feature's test fixtures reaching into another feature": {
    file: 'src/features/contacts/test-fixtures.ts',
    code: "import { insertAccount } from '../account/repo.ts'\nexport const f = insertAccount\n",
  },
  "a platform test helper using a feature's file": {
    file: 'src/platform/http/test-x.ts',
    code: "import { residentsApi } from '../../features/residents/routes.ts'\nexport const f = residentsApi\n",
  },
  'an integration test under test/': {
    file: 'test/support/x.ts',
    code: "import { insertAccount } from '../../src/features/account/repo.ts'\nexport const f = insertAccount\n",
  },
}

describe('slice boundaries', () => {
  for (const [shape, { file, code, says }] of Object.entries(refused)) {
    it(`refuses ${shape}`, async () => {
      const messages = await boundaryMessages(file, code)
      assert.equal(messages.length, 1, `${file}: ${code}`)
      if (says) assert.match(messages[0]!, says)
    })
  }

  for (const [shape, { file, code }] of Object.entries(allowed)) {
    it(`allows ${shape}`, async () => {
      assert.deepEqual(await boundaryMessages(file, code), [])
    })
  }
})
