// Unit specs of the web app's pure helpers (the pages themselves are tested in tests/browser).
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'web',
  rootDir: __dirname,
  roots: ['<rootDir>/app'],
  testMatch: ['**/*.spec.ts'],
};
