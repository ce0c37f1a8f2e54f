// Unit specs of the web app's pure helpers (the pages themselves are tested in tests/browser),
// and the check that the generated GraphQL contract is up to date (app/graphql/contract.spec.ts).
const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'web',
  rootDir: __dirname,
  // app/ holds the pages' helpers; the server's own files (app.mjs, security.mjs) sit beside it.
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/build/'],
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper: { ...preset.moduleNameMapper, '^~/(.*)$': '<rootDir>/app/$1' },
};
