// API integration specs run against a real PostgreSQL (DATABASE_URL, provided by `npm test`),
// one worker, migrations run from empty in global setup. Unit specs live beside the code.
module.exports = {
  ...require('../../jest.preset.cjs'),
  rootDir: __dirname,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  maxWorkers: 1,
  testTimeout: 30000,
};
