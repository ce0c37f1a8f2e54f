// Starting the servers under test (the API as `npm start` runs it, the web server, the baselines)
// and talking to the API.
import path from 'node:path';
import { API_NODE_ARGS, freePort, root, waitForHttp } from '../lib.mjs';
import { DATA_DIR, POOL, SECRET, env, log } from './options.mjs';
import { launch } from './processes.mjs';

export function apiEnv(databaseUrl, port) {
  const e = { ...env };
  delete e.REDIS_URL; // one instance, in-memory limits and cache: the single-process figures
  return {
    ...e,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    STEADY_SECRET: SECRET,
    DATA_DIR,
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: String(POOL),
    // Generous, never off: the bench's key writes thousands of posts a minute.
    RATE_LIMIT_WRITES: '100000000',
    RATE_LIMIT_WINDOW_SECONDS: '60',
    // The live bench opens its thousands of sockets from one address.
    LIVE_MAX_CONNECTIONS_PER_ADDRESS: '100000',
    // Asks the API to expose its statement counter (GET /debug/statements) if it supports it.
    STEADY_COUNT_STATEMENTS: '1',
  };
}

export async function startApi(databaseUrl) {
  const port = await freePort();
  const child = launch('API', path.join(root, 'apps/api/dist/main.js'), apiEnv(databaseUrl, port), API_NODE_ARGS);
  await waitForHttp(`http://127.0.0.1:${port}/health`, { child, timeoutMs: 120000 });
  return { child, port, url: `http://127.0.0.1:${port}` };
}

export async function startNode(name, file, extraEnv, health, nodeArgs = []) {
  const port = await freePort();
  const child = launch(name, path.join(root, file), { ...env, NODE_ENV: 'production', PORT: String(port), ...extraEnv }, nodeArgs);
  await waitForHttp(`http://127.0.0.1:${port}${health}`, { child, timeoutMs: 60000 });
  return { child, port, url: `http://127.0.0.1:${port}` };
}

export async function gql(apiUrl, query, variables, key) {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-author-key': key } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const json = await res.json();
  if (json.errors) throw new Error(`GraphQL: ${json.errors[0].message}`);
  return json.data;
}

/** The API's own statement counter, when it exposes one (proposed: STEADY_COUNT_STATEMENTS=1). */
export async function apiStatements(apiUrl) {
  try {
    const res = await fetch(`${apiUrl}/debug/statements`);
    if (!res.ok) return null;
    const json = await res.json();
    return typeof json.statements === 'number' ? json.statements : null;
  } catch {
    return null;
  }
}

/** The API, the web server in front of it, and the two baselines on the same database. */
export async function startServers(databaseUrl, seeded) {
  log('Starting the API, the web server and the baselines…');
  const api = await startApi(databaseUrl);
  // BENCH_WEB_NODE_ARGS: flags for the web server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile its rendering.
  const webArgs = (env.BENCH_WEB_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const web = await startNode('web', 'apps/web/server.mjs', { HOST: '127.0.0.1', API_URL: `${api.url}/graphql` }, '/', webArgs);
  const readBase = await startNode(
    'baseline-read',
    'bench/baseline-read.mjs',
    { DATABASE_URL: databaseUrl, DB_POOL_SIZE: String(POOL) },
    '/health',
  );
  const writeSection = seeded.sections[seeded.writeIdx];
  const writeBase = await startNode(
    'baseline-write',
    'bench/baseline-write.mjs',
    {
      DATABASE_URL: databaseUrl,
      DB_POOL_SIZE: String(POOL),
      BASELINE_TOKEN: seeded.tokenOf(2, seeded.writeIdx).toString('hex'),
      BASELINE_REF: seeded.sealFor(2).toString('hex'),
      BASELINE_PSEUDONYM: seeded.pseudonymOf(2, seeded.writeIdx),
    },
    '/health',
  );
  return { api, web, readBase, writeBase, writeSection };
}
