// Browser tests: the built API and web app as child processes, Chromium through playwright-core.
const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'browser',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 120_000,
  slowTestThreshold: 30,
};
