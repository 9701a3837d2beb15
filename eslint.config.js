// Lint rules for Frontdoor: typescript-eslint's recommended set plus a few house rules.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'

// Test code may reach into any feature: fixtures build data through other features' repos, and
// test/ drives the whole app (docs/decisions.md, "Slice boundaries").
const testFiles = ['**/*.test.ts', '**/test-*.ts', 'test/**']

// A feature's one public entry is its service.ts (DESIGN.md, Architecture). Features are one folder
// deep, so from src/features/<name>/x.ts another feature is '../<other>/...'. The registry
// src/features/index.ts, which mounts each feature's routes, is the one file allowed to import routes:
// it lies outside the src/features/*/ glob below.
const anotherFeaturesInside = {
  regex: '^\\.\\./(\\.\\./features/)?[^./][^/]*/(?!service\\.ts$)',
  message:
    'Use the other feature through its service.ts (export what you need from there); its other files are its own.',
}
const theRegistry = {
  regex: '^\\.\\./(\\.\\./features/)?index(\\.ts)?$',
  message: 'Features do not import the registry that mounts them: FeatureOptions is in src/platform/http/feature.ts.',
}
const featureOtherThanService = {
  regex: '^\\.\\./features/(?![^/]+/service\\.ts$)',
  message: 'The CLI uses a feature only through its service.ts (export what the command needs from there).',
}
const anyFeature = {
  regex: '^(\\.\\./)+features(/|$)',
  message: 'The platform knows no feature: dependencies point down. Keep what it must know of features to data.',
}
const testSupport = {
  regex: '(^|/)test/support/|(^|/)test-[^/]*$|\\.test\\.ts$',
  message: 'Code that runs in production does not use test helpers.',
}
const onlyThrough = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ ...p, caseSensitive: true })) }],
})

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'bench/.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Layout is Prettier's (npm run format); lint keeps to what code means.
  prettier,
  {
    rules: {
      'no-console': ['error', { allow: ['error'] }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use a union of string literals: Node strips types and cannot run enums.',
        },
      ],
    },
  },
  // Slice boundaries. no-restricted-imports sees `import type` and `export ... from` as well.
  {
    files: ['src/features/*/**/*.ts'],
    ignores: testFiles,
    rules: onlyThrough(anotherFeaturesInside, theRegistry, testSupport),
  },
  { files: ['src/cli/**/*.ts'], ignores: testFiles, rules: onlyThrough(featureOtherThanService, testSupport) },
  { files: ['src/platform/**/*.ts'], ignores: testFiles, rules: onlyThrough(anyFeature, testSupport) },
)
