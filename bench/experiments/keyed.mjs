// The thread page for a reader with a key (and `me`), the built API with READER_OVERLAY on and off
// (ADR 024), against the one-statement baseline on the same database, alternating variants to
// spread a shared machine's noise. A quicker A/B than `npm run bench` when the machine is loaded.
// Usage: DATABASE_URL=<a database seeded by the bench> node bench/experiments/keyed.mjs
// Env: KEYED_ROUNDS (2), KEYED_SECONDS (6), KEYED_CONNECTIONS (50), SECTION_ID (default: the section with most threads).
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { cpuSeconds, load } from '../measure.mjs';
import { authorKey } from '../seed.mjs';
import { API_NODE_ARGS, freePort, waitForHttp } from '../../scripts/lib.mjs';
import { ME_QUERY, THREAD_QUERY } from '../../scripts/bench/queries.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rounds = Number(process.env.KEYED_ROUNDS ?? 2);
const seconds = Number(process.env.KEYED_SECONDS ?? 6);
const connections = Number(process.env.KEYED_CONNECTIONS ?? 50);
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
await db.connect();
const sectionId =
  process.env.SECTION_ID ?? (await db.query('select id from section order by thread_count desc offset 1 limit 1')).rows[0].id;
await db.end();

async function start(name, file, env) {
  const port = await freePort();
  const child = spawn(process.execPath, [...(file.includes('apps/api') ? API_NODE_ARGS : []), path.join(root, file)], {
    cwd: root,
    stdio: ['ignore', 'ignore', 2],
    env: { ...process.env, ...env, API_PORT: String(port), PORT: String(port), NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  });
  await waitForHttp(`http://127.0.0.1:${port}/health`, { child, timeoutMs: 120000 });
  return { name, child, url: `http://127.0.0.1:${port}` };
}
const stop = async (s) => {
  s.child.kill('SIGTERM');
  await new Promise((r) => s.child.once('exit', r));
};

const thread = JSON.stringify({ query: THREAD_QUERY, variables: { id: sectionId, first: 20, after: null } });
const key = { 'x-author-key': authorKey(0) };
const apiEnv = {
  STEADY_SECRET: 'steady-bench-secret-only-for-the-bench-database-0001',
  RATE_LIMIT_WRITES: '100000000',
  DB_POOL_SIZE: '10',
};

async function measure(server, headers, body, path = '/graphql') {
  const request = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body };
  const url = `${server.url}${path}`;
  await load({ url, connections, duration: 2, request });
  const cpu0 = cpuSeconds(server.child.pid);
  const r = await load({ url, connections, duration: seconds, request, check: (b) => !b.includes('"errors"') });
  const cpuMs = ((cpuSeconds(server.child.pid) - cpu0) * 1000) / r.completed;
  return { reqPerSec: Math.round(r.reqPerSec), p50: r.p50, p99: r.p99, errors: r.errors, nodeCpuMsPerRequest: +cpuMs.toFixed(2) };
}

const rows = [];
const base = await start('baseline-read', 'bench/baseline-read.mjs', { DB_POOL_SIZE: '10' });
try {
  for (let round = 0; round < rounds; round++) {
    for (const overlay of round % 2 ? ['off', 'on'] : ['on', 'off']) {
      const api = await start(`api overlay ${overlay}`, 'apps/api/dist/main.js', { ...apiEnv, READER_OVERLAY: overlay });
      try {
        const load1 = os.loadavg()[0];
        const steady = await measure(api, key, thread);
        const baseline = await measure(base, {}, thread, '/thread');
        const row = {
          round,
          overlay,
          scenario: 'thread page 1, with a key',
          steady,
          baseline,
          ratio: +(steady.reqPerSec / baseline.reqPerSec).toFixed(2),
          load: +load1.toFixed(1),
        };
        rows.push(row);
        console.error(JSON.stringify(row));
        if (overlay === 'on' && round === 0) {
          const me = await measure(api, key, JSON.stringify({ query: ME_QUERY }));
          const meRow = { round, overlay, scenario: 'me', steady: me, target: 1500, load: +os.loadavg()[0].toFixed(1) };
          rows.push(meRow);
          console.error(JSON.stringify(meRow));
        }
      } finally {
        await stop(api);
      }
    }
  }
} finally {
  await stop(base);
}
console.log(JSON.stringify(rows));
