// Security tests: the built API and web app attacked from outside, as an attacker would
// (cross-site requests, hidden posts, forged keys, spoofed headers, fuzzed input).
// The stack always starts (a database is all it needs); specs that drive Chromium skip
// without one, exactly like the browser suite (and fail in CI, STEADY_REQUIRE_BROWSER=1).
const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'security',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/../browser/support/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 120_000,
  slowTestThreshold: 30,
};
