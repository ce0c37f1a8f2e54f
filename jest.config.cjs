// Unit specs of the shared packages and the web app's pure modules (no database, no browser).
module.exports = {
  projects: [
    '<rootDir>/packages/content/jest.config.cjs',
    '<rootDir>/packages/moderation/jest.config.cjs',
    '<rootDir>/packages/rules/jest.config.cjs',
    '<rootDir>/apps/web/jest.config.cjs',
  ],
};
