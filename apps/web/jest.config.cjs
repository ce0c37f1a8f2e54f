// Unit specs of the web app's pure helpers (the pages themselves are tested in tests/browser),
// and the check that the generated GraphQL contract is up to date (app/graphql/contract.spec.ts).
const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'web',
  rootDir: __dirname,
  roots: ['<rootDir>/app'],
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper: { ...preset.moduleNameMapper, '^~/(.*)$': '<rootDir>/app/$1' },
};
