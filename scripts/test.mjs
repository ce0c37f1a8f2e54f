// `npm test`: every test, in three runs, then one line with the totals.
//   1. unit specs of the shared packages (parallel)
//   2. API integration specs on a fresh database (one worker)
//   3. browser tests in tests/browser that start both built apps (one worker)
//   4. security tests in tests/security: the same apps attacked from outside (one worker)
// Databases: DATABASE_URL's server when set (fresh `<db>_test_api` / `<db>_test_e2e` databases,
// never the one it names), else an embedded PostgreSQL under .data/test on EMBEDDED_TEST_PG_PORT.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { buildAll, root, runCode, withDatabase } from './lib.mjs';

const resultsDir = path.join(root, '.cache', 'test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

const jestBin = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const suites = [
  { name: 'unit', config: 'jest.config.cjs', needs: null },
  { name: 'api', config: 'apps/api/jest.config.cjs', needs: 'api' },
  { name: 'browser', config: 'tests/browser/jest.config.cjs', needs: 'e2e' },
  { name: 'security', config: 'tests/security/jest.config.cjs', needs: 'security' },
];
const only = process.argv.slice(2);

let embedded = null;
let exitCode = 0;
// The embedded PostgreSQL runs in its own process group (a terminal's Ctrl-C does not reach it): stop it here.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => void Promise.resolve(embedded?.stop()).finally(() => process.exit(130)));
}
try {
  console.log('Building…');
  await buildAll();
  const server = await databaseServer();
  for (const suite of suites) {
    if (only.length && !only.includes(suite.name)) continue;
    if (!fs.existsSync(path.join(root, suite.config))) {
      console.log(`\n${suite.name}: no ${suite.config} yet, nothing to run.`);
      continue;
    }
    const env = { ...process.env };
    if (suite.needs) env.DATABASE_URL = await freshDatabase(server, suite.needs);
    console.log(`\n── ${suite.name} tests ──`);
    const code = await runCode(
      process.execPath,
      [jestBin, '-c', suite.config, '--json', '--outputFile', path.join(resultsDir, `${suite.name}.json`)],
      { env },
    );
    if (code !== 0) exitCode = 1;
  }
} catch (error) {
  console.error(`\nThe tests could not run: ${error.message}`);
  exitCode = 1;
} finally {
  await embedded?.stop();
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir) : []) {
  const r = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
  totals.passed += r.numPassedTests;
  // A suite that fails to load counts as a failure, even though it has no test results.
  totals.failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  totals.skipped += r.numPendingTests + r.numTodoTests;
}
if (totals.passed === 0) exitCode = 1;
if (totals.failed > 0) exitCode = 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(exitCode);

async function databaseServer() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const { startEmbeddedPostgres } = await import(path.join(root, 'apps/api/dist/database/embedded.js'));
  embedded = await startEmbeddedPostgres({
    dataDir: path.join(root, '.data', 'test'),
    port: Number(process.env.EMBEDDED_TEST_PG_PORT ?? 54330),
    database: 'postgres',
  });
  return embedded.url;
}

/** Drops and recreates `<base>_test_<name>`: every run starts from an empty database. */
async function freshDatabase(serverUrl, name) {
  const base = new URL(serverUrl).pathname.slice(1) || 'steady';
  const database = `${base === 'postgres' ? 'steady' : base}_test_${name}`.replace(/[^a-z0-9_]/gi, '_');
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database}" with (force)`);
    await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, database);
}
