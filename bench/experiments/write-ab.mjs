// createPost, tree against tree: the built API of each tree (its own fresh database on
// DATABASE_URL's server, content imported by its own first start) under the bench's createPost
// load (50 connections, the bench's bodies and key header), variants alternated round by round,
// with an optional CPU profile of each API (`--cpu-prof`). Quicker than two `npm run bench` runs
// for finding where a tree's write path spends its CPU; the figures to report stay the bench's.
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/x \
//        WRITE_AB_TREES=before:/work/wt/before,after:. [WRITE_AB_ROUNDS=2] [WRITE_AB_SECONDS=10] \
//        [WRITE_AB_PROFILE_DIR=/tmp/prof] node bench/experiments/write-ab.mjs
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cpuSeconds, load } from '../measure.mjs';
import { freePort, waitForHttp, withDatabase } from '../../scripts/lib.mjs';
import { CREATE_MUTATION, WRITE_TEXT, letters } from '../../scripts/bench/queries.mjs';

const trees = (process.env.WRITE_AB_TREES ?? `after:${process.cwd()}`).split(',').map((t) => {
  const [name, dir] = t.split(':');
  return { name, dir: path.resolve(dir) };
});
const rounds = Number(process.env.WRITE_AB_ROUNDS ?? 2);
const seconds = Number(process.env.WRITE_AB_SECONDS ?? 10);
const connections = Number(process.env.WRITE_AB_CONNECTIONS ?? 50);
const profileDir = process.env.WRITE_AB_PROFILE_DIR;
const server = process.env.DATABASE_URL;
if (!server) throw new Error('DATABASE_URL: a server where this may create and drop <db>_ab_<tree> databases');

async function freshDatabase(name) {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  return withDatabase(server, name);
}

/** One instance, in-memory limits and cache, as the bench runs it. */
function withoutRedis(env) {
  const { REDIS_URL: _redis, ...rest } = env;
  return rest;
}

async function startApi(tree, round) {
  const port = await freePort();
  const args = ['--max-old-space-size=192'];
  if (profileDir) args.push('--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, tree.name)}`, `--cpu-prof-name=round${round}.cpuprofile`);
  const child = spawn(process.execPath, [...args, path.join(tree.dir, 'apps/api/dist/main.js')], {
    cwd: tree.dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...withoutRedis(process.env),
      DATABASE_URL: tree.url,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      STEADY_SECRET: 'steady-write-ab-secret-only-for-this-experiment-0001',
      RATE_LIMIT_WRITES: '100000000',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      DB_POOL_SIZE: '10',
    },
  });
  await waitForHttp(`http://127.0.0.1:${port}/health`, { child, timeoutMs: 120000 });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function gql(url, query, variables, headers = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const json = await res.json();
  if (json.errors) throw new Error(json.errors[0].message);
  return json.data;
}

let counter = 0;
const request = (sectionId, key) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-author-key': key },
  setupRequest: (req) => {
    const n = counter++;
    req.body = JSON.stringify({
      query: CREATE_MUTATION,
      variables: { input: { sectionId, body: `${WRITE_TEXT[n % WRITE_TEXT.length]} (note ${letters(n)})` } },
    });
    return req;
  },
});

for (const tree of trees) tree.url = await freshDatabase(`${new URL(server).pathname.slice(1)}_ab_${tree.name}`);
const rows = [];
for (let round = 1; round <= rounds; round++) {
  for (const tree of round % 2 ? trees : [...trees].reverse()) {
    const api = await startApi(tree, round);
    const { articles } = await gql(api.url, '{ articles { sections { id } } }');
    const sectionId = articles[0].sections[1].id;
    const first = await gql(api.url, CREATE_MUTATION, { input: { sectionId, body: 'Thank you for this, it helps to read.' } });
    const key = tree.key ?? (tree.key = first.createPost.authorKey);
    const req = request(sectionId, key);
    await load({ url: `${api.url}/graphql`, connections, duration: 2, request: req });
    const load0 = os.loadavg()[0];
    const cpu0 = cpuSeconds(api.child.pid);
    const r = await load({
      url: `${api.url}/graphql`,
      connections,
      duration: seconds,
      request: req,
      check: (b) => !b.includes('"errors"'),
    });
    const cpuMs = ((cpuSeconds(api.child.pid) - cpu0) * 1000) / r.completed;
    api.child.kill('SIGTERM');
    await new Promise((resolve) => api.child.once('exit', resolve));
    const row = {
      round,
      tree: tree.name,
      load: load0.toFixed(1),
      reqPerSec: Math.round(r.reqPerSec),
      p99: r.p99,
      errors: r.errors,
      apiCpuMsPerRequest: +cpuMs.toFixed(3),
    };
    rows.push(row);
    console.error(JSON.stringify(row));
  }
}
console.table(rows);
console.log(JSON.stringify(rows));
