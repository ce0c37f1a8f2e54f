// Unit specs of the shared packages (pure code, no database).
module.exports = {
  projects: ['<rootDir>/packages/content/jest.config.cjs', '<rootDir>/packages/moderation/jest.config.cjs'],
};
