import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { alive, freePort, until } from './processes';

/**
 * The built API (`dist/main.js`) on its own embedded PostgreSQL, as `npm start` runs it: the
 * database dies and comes back; SIGTERM arrives with requests in flight. Needs `npm run build`
 * (which `npm test` does first).
 */
const MAIN = path.resolve(__dirname, '..', 'dist', 'main.js');
const built = fs.existsSync(MAIN);
if (!built) console.warn('Skipped: the API is not built (apps/api/dist/main.js).');
const maybe = built ? it : it.skip;

describe('the API process under faults', () => {
  let dataDir: string;
  let api: ChildProcess;
  let base: string;
  let output = '';
  let exit: Promise<number | null>;

  const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const health = async () => {
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
      return { status: res.status, body: await res.json() };
    } catch {
      return { status: 0, body: null };
    }
  };
  const gql = (query: string, variables?: object) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });

  beforeAll(async () => {
    if (!built) return;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steady-faults-'));
    const [apiPort, pgPort] = await Promise.all([freePort(), freePort()]);
    base = `http://127.0.0.1:${apiPort}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      API_PORT: String(apiPort),
      EMBEDDED_PG_PORT: String(pgPort),
      DATA_DIR: dataDir,
      STEADY_SECRET: 'a-test-secret-of-at-least-thirty-two-characters',
      LOG_LEVEL: 'info',
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    api = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    api.stdout!.on('data', (d) => (output += d));
    api.stderr!.on('data', (d) => (output += d));
    exit = new Promise((resolve) => api.once('exit', (code) => resolve(code)));
    await until(async () => (await health()).status === 200, 60_000, `the API to start\n${output}`);
  }, 90_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGKILL');
      await exit;
    }
    try {
      const pid = postmasterPid();
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  maybe(
    'PostgreSQL killed: it is started again and the API answers again by itself',
    async () => {
      const before = postmasterPid();
      process.kill(before, 'SIGKILL');
      await until(async () => (await health()).status === 503, 5000, '/health to say unavailable');
      const started = Date.now();
      await until(async () => (await health()).status === 200, 20_000, `PostgreSQL to come back\n${output}`);
      const recoveredMs = Date.now() - started;
      expect(postmasterPid()).not.toBe(before);
      const res = await gql(`{ articles { slug } }`);
      expect(res.status).toBe(200);
      expect((await res.json()).data.articles.length).toBeGreaterThan(0);
      expect(output).toMatch(/embedded PostgreSQL stopped unexpectedly/);
      console.log(`PostgreSQL killed: the API answered again after ${recoveredMs} ms.`);
    },
    30_000,
  );

  maybe(
    'SIGTERM with 20 requests in flight: all answered, then the pool closes, then PostgreSQL stops',
    async () => {
      const url = fs.readFileSync(path.join(dataDir, 'database-url'), 'utf8').trim();
      const pgPid = postmasterPid();
      // Hold the article table: the 20 reads below wait inside PostgreSQL, in flight for sure.
      const locker = new Client({ connectionString: url });
      locker.on('error', () => undefined);
      await locker.connect();
      await locker.query('begin');
      await locker.query('lock table article in access exclusive mode');
      const inFlight = Array.from({ length: 20 }, (_, i) =>
        gql(`query Q${i}($slug: String!) { article(slug: $slug) { slug title } }`, { slug: 'rebuilding-connection' }).then(
          async (res) => ({ status: res.status, body: (await res.json()) as { data?: { article?: { slug: string } }; errors?: unknown } }),
          (error: Error) => ({ status: 0, body: { errors: error.message } }),
        ),
      );
      await until(
        async () => {
          await locker.query('select pg_stat_clear_snapshot()'); // a transaction otherwise sees one snapshot of the stats
          const { rows } = await locker.query(
            `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and application_name = 'steady-api'`,
          );
          return rows[0].n === 10; // the whole pool (DB_POOL_SIZE); the other ten wait for a connection
        },
        10_000,
        'the reads to wait on the lock',
      );

      api.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      expect(api.exitCode).toBeNull(); // still draining
      expect(alive(pgPid)).toBe(true); // PostgreSQL outlives the requests

      await locker.query('commit');
      const answers = await Promise.all(inFlight);
      await locker.end().catch(() => undefined);
      for (const answer of answers) {
        expect(answer).toEqual({ status: 200, body: { data: { article: { slug: 'rebuilding-connection', title: expect.any(String) } } } });
      }
      expect(await exit).toBe(0);
      expect(alive(pgPid)).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'database-url'))).toBe(false);
      expect(output).not.toMatch(/terminating connection|administrator command/);
    },
    30_000,
  );
});
