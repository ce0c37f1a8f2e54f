// `npm run bench`: Steady's benchmarks (issue 8). Prints a table and one JSON line of figures on
// stdout (progress and the servers' logs go to stderr); asserts nothing about time.
//
//  1. builds, prepares its own database: a fresh `steady_bench` beside DATABASE_URL when set,
//     else the embedded PostgreSQL under .data/bench (port BENCH_PG_PORT, default 54331, with
//     pg_stat_statements preloaded so statements can be counted);
//  2. runs the API once (migrations, content import), then seeds BENCH_POSTS posts through the
//     schema with set-based SQL (bench/seed.mjs) and ANALYZEs;
//  3. starts the API as `npm start` does (node apps/api/dist/main.js), the web server, and the two
//     baselines (bench/baseline-read.mjs, bench/baseline-write.mjs);
//  4. drives each scenario with autocannon, Steady then its baseline, and reports req/s, p50, p99,
//     errors, SQL statements per request and the API's RSS.
// Env: BENCH_POSTS (100000), BENCH_SECONDS (10), BENCH_QUICK=1 (20k posts, 3 s), BENCH_CONNECTIONS
// (50), BENCH_WEB_CONNECTIONS (20), BENCH_WRITE_CONNECTIONS (50), BENCH_ONLY (comma list of
// scenario ids), BENCH_SOAK_SECONDS (0: off; e.g. 300 for the leak check), BENCH_SKIP_BUILD=1,
// BENCH_PG_PORT (54331), DB_POOL_SIZE (10, for the API and the baselines alike), DATABASE_URL.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { authorKey, seed } from '../bench/seed.mjs';
import { StatementCounter, cpuSeconds, load, parentPid, postgresCpu, postgresCpuDelta, quiesce, rssMb, rssSampler } from '../bench/measure.mjs';
import { API_NODE_ARGS, freePort, npm, root, run, waitForHttp, withDatabase } from './lib.mjs';

const env = process.env;
const QUICK = env.BENCH_QUICK === '1';
const int = (v, d) => (v === undefined || v === '' ? d : Math.max(1, Math.round(Number(v))));
const POSTS = int(env.BENCH_POSTS, QUICK ? 20000 : 100000);
const SECONDS = int(env.BENCH_SECONDS, QUICK ? 3 : 10);
const WARMUP = QUICK ? 1 : 2;
const CONNECTIONS = int(env.BENCH_CONNECTIONS, 50);
const WEB_CONNECTIONS = int(env.BENCH_WEB_CONNECTIONS, 20);
const WRITE_CONNECTIONS = int(env.BENCH_WRITE_CONNECTIONS, 50);
const SOAK = env.BENCH_SOAK_SECONDS ? int(env.BENCH_SOAK_SECONDS, 0) : 0;
const POOL = int(env.DB_POOL_SIZE, 10);
const PG_PORT = int(env.BENCH_PG_PORT, 54331);
const ONLY = env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const PROBE_REQUESTS = 50;
// A fixed secret for the bench database only: the seed derives tokens with it, the API gets the same.
const SECRET = 'steady-bench-secret-only-for-the-bench-database-0001';
const DATA_DIR = path.join(root, '.data', 'bench');

const log = (...args) => console.error(...args);
const children = [];
let embedded = null;
let monitor = null;
let cleaning = null;

// ---------------------------------------------------------------- processes and cleanup

function launch(name, file, childEnv, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, file], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 2, 2], // logs to stderr: stdout carries only the table and the JSON line
  });
  child.benchName = name;
  child.on('exit', (code, signal) => {
    if (!cleaning && !child.expectedExit) log(`  ${name} exited unexpectedly (${signal ?? `exit ${code}`})`);
  });
  children.push(child);
  return child;
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.expectedExit = true;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function cleanup() {
  if (!cleaning) {
    cleaning = (async () => {
      await Promise.all(children.map(stopChild));
      await monitor?.end().catch(() => undefined);
      await embedded?.stop().catch((e) => log(`  could not stop the embedded PostgreSQL: ${e.message}`));
    })();
  }
  return cleaning;
}

process.on('uncaughtException', (error) => {
  log(`The bench failed: ${error?.stack ?? error}`);
  cleanup().finally(() => process.exit(1));
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    log(`\n${signal}: stopping the bench's servers and database…`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- database

async function embeddedModule() {
  const mod = await import(pathToFileURL(path.join(root, 'apps/api/dist/database/embedded.js')).href);
  return mod.startEmbeddedPostgres ? mod : mod.default;
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url, application_name: 'steady-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function recreateDatabase(adminUrl, name) {
  await withClient(adminUrl, async (c) => {
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.query(`create database "${name}"`);
  });
}

/** A fresh `steady_bench` database; returns its URL and how it is served. */
async function prepareDatabase() {
  if (env.DATABASE_URL) {
    const given = new URL(env.DATABASE_URL);
    const admin = given.pathname === '/steady_bench' ? withDatabase(env.DATABASE_URL, 'postgres') : env.DATABASE_URL;
    await recreateDatabase(admin, 'steady_bench');
    return { url: withDatabase(env.DATABASE_URL, 'steady_bench'), kind: 'DATABASE_URL' };
  }
  const { startEmbeddedPostgres } = await embeddedModule();
  const start = () =>
    startEmbeddedPostgres({ dataDir: DATA_DIR, port: PG_PORT, database: 'postgres', onLog: () => {} });
  embedded = await start();
  if (embedded.shared) throw new Error(`another process serves ${DATA_DIR}; stop it first`);
  const preload = await withClient(embedded.url, async (c) => (await c.query('show shared_preload_libraries')).rows[0]);
  if (!String(preload.shared_preload_libraries).includes('pg_stat_statements')) {
    // The embedded binaries ship pg_stat_statements: preload it in the bench cluster (only there).
    log('  enabling pg_stat_statements in the bench cluster (restart)…');
    await withClient(embedded.url, (c) => c.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`));
    await embedded.stop();
    embedded = await start();
  }
  await recreateDatabase(embedded.url, 'steady_bench');
  return { url: withDatabase(embedded.url, 'steady_bench'), kind: `embedded (port ${PG_PORT})` };
}

// ---------------------------------------------------------------- servers

function apiEnv(databaseUrl, port) {
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
    // Asks the API to expose its statement counter (GET /debug/statements) if it supports it.
    STEADY_COUNT_STATEMENTS: '1',
  };
}

async function startApi(databaseUrl) {
  const port = await freePort();
  const child = launch('API', path.join(root, 'apps/api/dist/main.js'), apiEnv(databaseUrl, port), API_NODE_ARGS);
  await waitForHttp(`http://127.0.0.1:${port}/health`, { child, timeoutMs: 120000 });
  return { child, port, url: `http://127.0.0.1:${port}` };
}

async function startNode(name, file, extraEnv, health) {
  const port = await freePort();
  const child = launch(name, path.join(root, file), { ...env, NODE_ENV: 'production', PORT: String(port), ...extraEnv });
  await waitForHttp(`http://127.0.0.1:${port}${health}`, { child, timeoutMs: 60000 });
  return { child, port, url: `http://127.0.0.1:${port}` };
}

async function gql(apiUrl, query, variables, key) {
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
async function apiStatements(apiUrl) {
  try {
    const res = await fetch(`${apiUrl}/debug/statements`);
    if (!res.ok) return null;
    const json = await res.json();
    return typeof json.statements === 'number' ? json.statements : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- queries

const POST_FIELDS = `fragment PostFields on Post {
  id body html pseudonym status createdAt editedAt replyCount mine
  reactions { kind count reactedByMe }
}`;
const THREAD_QUERY = `query Thread($id: ID!, $first: Int!, $after: String) {
  section(id: $id) {
    posts(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...PostFields } }
    }
  }
}
${POST_FIELDS}`;
const REPLIES_QUERY = `query Replies($id: ID!, $first: Int!, $after: String) {
  post(id: $id) {
    id replyCount
    replies(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...PostFields } }
    }
  }
}
${POST_FIELDS}`;
const ME_QUERY = `query Me {
  me {
    posts(first: 20) {
      totalCount
      edges { node { id html status createdAt editedAt replyCount pseudonym section { slug title article { slug title } } } }
    }
    repliesToMe(first: 20) {
      totalCount
      edges { node { id html pseudonym createdAt parent { id } section { slug title article { slug title } } } }
    }
  }
}`;
const CREATE_MUTATION = `mutation CreatePost($input: CreatePostInput!) {
  createPost(input: $input) { outcome authorKey message post { id status } hits { ruleId } }
}`;

const jsonPost = (body, headers = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const noGraphqlErrors = (body) => !body.includes('"errors"');

/** Letters only: a post body must stay clear of anything that looks like a number or a contact. */
function letters(n) {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}
const WRITE_TEXT = [
  'Thank you for sharing this. We started taking short walks after dinner and slowly began to talk again.',
  'Reading this helped me feel less alone. We try one small kind gesture each day and notice what comes back.',
  'This section stayed with me. We agreed on a calm weekly check-in where we only listen, and it helps.',
];

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg();
  log(`Steady bench: ${POSTS.toLocaleString('en')} posts, ${SECONDS} s per run${QUICK ? ' (quick)' : ''}`);
  if (env.BENCH_SKIP_BUILD !== '1') {
    log('Building…');
    await run(npm, ['run', '-s', 'build'], { stdio: ['ignore', process.stderr, process.stderr] });
  }

  log('Preparing the database…');
  const db = await prepareDatabase();
  log(`  ${db.kind}: ${db.url.replace(/\/\/[^@]*@/, '//…@')}`);

  log('Migrating and importing the content (first API start)…');
  const first = await startApi(db.url);
  await stopChild(first.child);

  log(`Seeding ${POSTS.toLocaleString('en')} posts…`);
  const seedStart = Date.now();
  const seeded = await seed(db.url, { posts: POSTS, secret: SECRET, root, log });
  const seedSeconds = (Date.now() - seedStart) / 1000;
  log(
    `  seeded ${seeded.posts.toLocaleString('en')} posts (${seeded.topLevel.toLocaleString('en')} top-level, ` +
      `${seeded.bigThread.toLocaleString('en')} in the big thread) and ${seeded.reactions.toLocaleString('en')} reactions in ${seedSeconds.toFixed(1)} s (incl. VACUUM ANALYZE)`,
  );

  monitor = new pg.Client({ connectionString: db.url, application_name: 'steady-bench-monitor' });
  // On Ctrl-C PostgreSQL gets the SIGINT too and ends this session: not a crash, the cleanup runs.
  monitor.on('error', (error) => log(`  monitor connection: ${error.message}`));
  await monitor.connect();
  const pgInfo = (
    await monitor.query(
      `select current_setting('server_version') as version, current_setting('synchronous_commit') as synchronous_commit,
         current_setting('fsync') as fsync, current_setting('shared_buffers') as shared_buffers, pg_backend_pid() as pid`,
    )
  ).rows[0];
  const postmaster = parentPid(pgInfo.pid);
  const counter = await StatementCounter.create(monitor, log);
  const { rows: articleRows } = await monitor.query(
    `select a.slug from article a join section s on s.article_id = a.id where s.id = $1`,
    [seeded.sections[seeded.mainIdx].id],
  );
  const articleSlug = articleRows[0].slug;

  log('Starting the API, the web server and the baselines…');
  const api = await startApi(db.url);
  const web = await startNode('web', 'apps/web/server.mjs', { HOST: '127.0.0.1', API_URL: `${api.url}/graphql` }, '/');
  const readBase = await startNode('baseline-read', 'bench/baseline-read.mjs', { DATABASE_URL: db.url, DB_POOL_SIZE: String(POOL) }, '/health');
  const writeSection = seeded.sections[seeded.writeIdx];
  const writeBase = await startNode(
    'baseline-write',
    'bench/baseline-write.mjs',
    {
      DATABASE_URL: db.url,
      DB_POOL_SIZE: String(POOL),
      BASELINE_TOKEN: seeded.tokenOf(2, seeded.writeIdx).toString('hex'),
      BASELINE_REF: seeded.sealFor(2).toString('hex'),
      BASELINE_PSEUDONYM: seeded.pseudonymOf(2, seeded.writeIdx),
    },
    '/health',
  );

  // Scenario inputs.
  const main = seeded.sections[seeded.mainIdx];
  const big = seeded.sections[seeded.bigIdx];
  const readerKey = authorKey(0);
  const writerKey = authorKey(1);
  const bigCount = (await gql(api.url, `query($id: ID!) { section(id: $id) { posts(first: 1) { totalCount } } }`, { id: big.id }))
    .section.posts.totalCount;
  const deepPosition = Math.floor(bigCount * 0.9 / 20) * 20; // the start of a page deep in the big thread
  let deepCursor = null;
  const cursors = []; // every 100th post of the big thread: starts of pages no one has asked for yet
  for (let seen = 0; seen < deepPosition; ) {
    const n = Math.min(100, deepPosition - seen);
    const page = await gql(api.url, THREAD_QUERY.replace('...PostFields', 'id').replace(POST_FIELDS, ''), { id: big.id, first: n, after: deepCursor });
    deepCursor = page.section.posts.pageInfo.endCursor;
    cursors.push(deepCursor);
    seen += n;
  }
  const deepPage = deepPosition / 20 + 1;
  log(`  deep page: page ${deepPage} of the ${bigCount.toLocaleString('en')}-post thread "${big.slug}"`);

  const threadBody = (id, first, after = null) => ({ query: THREAD_QUERY, variables: { id, first, after } });
  let writeCounter = 0;
  const createRequest = (key) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-author-key': key } : {}) },
    setupRequest: (req) => {
      const n = writeCounter++;
      req.body = JSON.stringify({
        query: CREATE_MUTATION,
        variables: { input: { sectionId: writeSection.id, body: `${WRITE_TEXT[n % WRITE_TEXT.length]} (note ${letters(n)})` } },
      });
      return req;
    },
  });

  const scenarios = [
    {
      id: 'thread-first',
      title: 'Thread page 1 (20 posts)',
      connections: CONNECTIONS,
      steady: { url: `${api.url}/graphql`, request: jsonPost(threadBody(main.id, 20)), check: noGraphqlErrors },
      baseline: { url: `${readBase.url}/thread`, request: jsonPost(threadBody(main.id, 20)), check: noGraphqlErrors },
      probes: { 'page of 5': jsonPost(threadBody(main.id, 5)), [`page ${deepPage}`]: jsonPost(threadBody(big.id, 20, deepCursor)) },
    },
    {
      id: 'thread-first-key',
      title: 'Thread page 1, reader with a key',
      connections: CONNECTIONS,
      steady: { url: `${api.url}/graphql`, request: jsonPost(threadBody(main.id, 20), { 'x-author-key': readerKey }), check: noGraphqlErrors },
      baseline: { url: `${readBase.url}/thread`, request: jsonPost(threadBody(main.id, 20)), check: noGraphqlErrors },
    },
    {
      id: 'thread-deep',
      title: `Thread page ${deepPage} (cursor)`,
      connections: CONNECTIONS,
      steady: { url: `${api.url}/graphql`, request: jsonPost(threadBody(big.id, 20, deepCursor)), check: noGraphqlErrors },
      baseline: { url: `${readBase.url}/thread`, request: jsonPost(threadBody(big.id, 20, deepCursor)), check: noGraphqlErrors },
    },
    {
      id: 'replies',
      title: `Reply list (20 of ${seeded.popularPostId ? 60 : '?'})`,
      connections: CONNECTIONS,
      steady: {
        url: `${api.url}/graphql`,
        request: jsonPost({ query: REPLIES_QUERY, variables: { id: seeded.popularPostId, first: 20 } }),
        check: noGraphqlErrors,
      },
      baseline: {
        url: `${readBase.url}/replies`,
        request: jsonPost({ query: REPLIES_QUERY, variables: { id: seeded.popularPostId, first: 20 } }),
        check: noGraphqlErrors,
      },
    },
    {
      id: 'me',
      title: 'me (with key)',
      connections: CONNECTIONS,
      steady: { url: `${api.url}/graphql`, request: jsonPost({ query: ME_QUERY }, { 'x-author-key': readerKey }), check: (b) => noGraphqlErrors(b) && !b.includes('"me":null') },
      baseline: { url: `${readBase.url}/thread`, request: jsonPost(threadBody(main.id, 20)), check: noGraphqlErrors, reference: 'thread page 1' },
    },
    {
      id: 'create-post',
      title: 'createPost (with key)',
      connections: WRITE_CONNECTIONS,
      write: true,
      steady: { url: `${api.url}/graphql`, request: createRequest(writerKey), check: noGraphqlErrors },
      baseline: { url: `${writeBase.url}/create`, request: createRequest(null), check: noGraphqlErrors },
    },
    {
      id: 'web-section',
      title: 'Web section page (SSR)',
      connections: WEB_CONNECTIONS,
      steady: { url: `${web.url}/articles/${articleSlug}/${main.slug}`, request: { method: 'GET' }, pids: { web: web.child.pid } },
      baseline: { url: `${readBase.url}/thread`, request: jsonPost(threadBody(main.id, 20)), check: noGraphqlErrors, reference: 'thread page 1' },
    },
  ].filter((s) => !ONLY || ONLY.has(s.id));

  /** Runs `n` requests one after another and counts the statements they cost. */
  async function probe(target, n = PROBE_REQUESTS) {
    const url = new URL(target.url);
    const apiBefore = target.api ? await apiStatements(api.url) : null;
    await quiesce(counter);
    const before = await counter.snapshot();
    for (let i = 0; i < n; i++) {
      const req = target.request.setupRequest ? target.request.setupRequest({ ...target.request }) : target.request;
      const res = await fetch(url, { method: req.method, headers: req.headers, body: req.body });
      await res.arrayBuffer();
    }
    if (counter.settleMs) await new Promise((r) => setTimeout(r, counter.settleMs));
    const d = StatementCounter.delta(before, await counter.snapshot());
    const apiAfter = target.api ? await apiStatements(api.url) : null;
    return {
      perRequest: d.total / n,
      apiCounter: apiBefore != null && apiAfter != null ? (apiAfter - apiBefore) / n : null,
      top: d.top.slice(0, 8).map((t) => ({ ...t, calls: t.calls / n })),
    };
  }

  async function measure(scenario, side) {
    const target = scenario[side];
    target.api = side === 'steady';
    const pids = side === 'steady' ? { api: api.child.pid, ...(target.pids ?? {}) } : { server: (scenario.write ? writeBase : readBase).child.pid };
    // Warm-up (JIT, prepared statements, caches), then a sequential probe for statements per request.
    await load({ url: target.url, connections: scenario.connections, duration: WARMUP, request: target.request, check: target.check });
    await quiesce(counter);
    const statements = await probe(target);
    const extraProbes = {};
    if (side === 'steady' && scenario.probes) {
      for (const [name, request] of Object.entries(scenario.probes)) {
        extraProbes[name] = (await probe({ ...target, request })).perRequest;
      }
    }
    const writerToken = scenario.write ? (side === 'steady' ? seeded.tokenOf(1, seeded.writeIdx) : seeded.tokenOf(2, seeded.writeIdx)) : null;
    const maxIdBefore = scenario.write ? (await monitor.query('select coalesce(max(id), 0)::text as id from post')).rows[0].id : null;

    const outcomes = {};
    const onBody = scenario.write
      ? (status, body) => {
          const m = /"outcome":"(\w+)"/.exec(body);
          const key = status >= 200 && status < 300 && m ? m[1] : `http ${status}${m ? '' : ' / no outcome'}`;
          outcomes[key] = (outcomes[key] ?? 0) + 1;
        }
      : undefined;
    const cpuPids = side === 'steady' ? { api: api.child.pid, ...(target.pids ?? {}) } : pids;
    const cpuBefore = Object.fromEntries(Object.entries(cpuPids).map(([k, pid]) => [k, cpuSeconds(pid)]));
    const pgCpuBefore = postgresCpu(postmaster);
    const selfBefore = process.cpuUsage();
    const statsBefore = await counter.snapshot();
    const sampler = rssSampler(pids);
    const t0 = Date.now();
    const result = await load({ url: target.url, connections: scenario.connections, duration: SECONDS, request: target.request, check: target.check, onBody });
    const wall = (Date.now() - t0) / 1000;
    const rss = sampler.stop();
    await quiesce(counter); // requests still queued when autocannon stopped finish first
    const statsDelta = StatementCounter.delta(statsBefore, await counter.snapshot());
    const self = process.cpuUsage(selfBefore);
    const cpuUsed = Object.fromEntries(Object.entries(cpuPids).map(([k, pid]) => [k, cpuSeconds(pid) - cpuBefore[k]]));
    cpuUsed.postgres = postgresCpuDelta(pgCpuBefore, postgresCpu(postmaster));
    cpuUsed.loadgen = (self.user + self.system) / 1e6;
    // CPU share (100 = one core) and CPU milliseconds per completed request: the second holds up
    // on a machine shared with other work, where req/s alone says as much about the neighbours.
    const cpu = Object.fromEntries(Object.entries(cpuUsed).map(([k, v]) => [k, Math.round((v / wall) * 100)]));
    const cpuMsPerRequest = Object.fromEntries(
      Object.entries(cpuUsed).filter(([k]) => k !== 'loadgen').map(([k, v]) => [k, result.completed ? round((v * 1000) / result.completed, 3) : null]),
    );
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfter = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, rssMb(pid)]));

    const figures = {
      ...result,
      sqlPerRequest: statements.perRequest,
      sqlPerRequestUnderLoad: result.completed ? statsDelta.total / result.completed : null,
      apiStatementCounter: statements.apiCounter,
      statements: statements.top,
      rssMaxMb: rss.max,
      rssAfterMb: rssAfter,
      cpuPercent: cpu,
      cpuMsPerRequest,
      ...(Object.keys(extraProbes).length ? { sqlPerRequestOther: extraProbes } : {}),
      ...(target.reference ? { reference: target.reference } : {}),
    };
    if (scenario.write) {
      const { rows } = await monitor.query(`select count(*)::int as n from post where id > $1 and author_token = $2`, [maxIdBefore, writerToken]);
      const stored = Object.entries(outcomes)
        .filter(([k]) => ['PUBLISHED', 'HELD', 'CRISIS'].includes(k))
        .reduce((n, [, v]) => n + v, 0);
      figures.outcomes = outcomes;
      figures.acknowledged = stored;
      figures.committed = rows[0].n;
      figures.everyAckCommitted = rows[0].n >= stored;
      // The bare insert server does not maintain counts: put them right again for the next scenarios.
      await monitor.query(
        `update section s set
           post_count = (select count(*) from post p where p.section_id = s.id and p.status = 'PUBLISHED'),
           thread_count = (select count(*) from post p where p.section_id = s.id and p.status = 'PUBLISHED' and p.parent_id is null)
         where s.id = $1`,
        [writeSection.id],
      );
    }
    return figures;
  }

  const apiRssIdleMb = rssMb(api.child.pid);
  // Statements of thread pages on a cache miss: pages nobody asked for yet (page 1 before any
  // warm-up, then pages starting at every 100th post of the big thread, 20 and 5 posts long).
  let cold = null;
  if (!ONLY || ONLY.has('thread-first')) {
    const coldProbe = async (bodies) => {
      await quiesce(counter);
      const before = await counter.snapshot();
      for (const b of bodies) await (await fetch(`${api.url}/graphql`, jsonPost(b))).arrayBuffer();
      if (counter.settleMs) await new Promise((r) => setTimeout(r, counter.settleMs));
      return round(StatementCounter.delta(before, await counter.snapshot()).total / bodies.length, 2);
    };
    const sample = cursors.slice(0, -1).slice(0, 50); // the last one starts the deep page, probed alone
    cold = {
      'page 1 of 20': await coldProbe([threadBody(main.id, 20)]),
      'later pages of 20': await coldProbe(sample.map((c) => threadBody(big.id, 20, c))),
      'later pages of 5': await coldProbe(sample.map((c) => threadBody(big.id, 5, c))),
      [`page ${deepPage} of 20`]: await coldProbe([threadBody(big.id, 20, deepCursor)]),
    };
    log(`  statements per thread page on a cache miss: ${JSON.stringify(cold)}`);
  }

  const results = {};
  for (const scenario of scenarios) {
    log(`Scenario ${scenario.id}: ${scenario.title}, ${scenario.connections} connections…`);
    const steady = await measure(scenario, 'steady');
    log(`  Steady:   ${fmtRun(steady)}`);
    const baseline = await measure(scenario, 'baseline');
    log(`  baseline: ${fmtRun(baseline)}${baseline.reference ? ` (reference: ${baseline.reference})` : ''}`);
    results[scenario.id] = {
      title: scenario.title,
      connections: scenario.connections,
      steady,
      baseline,
      ratio: { reqPerSec: round(steady.reqPerSec / baseline.reqPerSec, 3), p99: round(steady.p99 / Math.max(1, baseline.p99), 2) },
    };
  }

  let soak = null;
  if (SOAK > 0) {
    log(`Soak: thread page 1 for ${SOAK} s at ${CONNECTIONS} connections, sampling the API's RSS…`);
    const points = [];
    const t0 = Date.now();
    const timer = setInterval(() => points.push({ t: Math.round((Date.now() - t0) / 1000), rss: rssMb(api.child.pid) }), 5000);
    const result = await load({ url: `${api.url}/graphql`, connections: CONNECTIONS, duration: SOAK, request: jsonPost(threadBody(main.id, 20)), check: noGraphqlErrors });
    clearInterval(timer);
    const firstMinute = points.filter((p) => p.t <= 60).map((p) => p.rss);
    const lastMinute = points.filter((p) => p.t > SOAK - 60).map((p) => p.rss);
    const avg = (a) => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);
    soak = {
      seconds: SOAK,
      reqPerSec: result.reqPerSec,
      p99: result.p99,
      errors: result.errors,
      rssMaxMb: Math.max(...points.map((p) => p.rss)),
      rssFirstMinuteMb: round(avg(firstMinute), 1),
      rssLastMinuteMb: round(avg(lastMinute), 1),
      // The floor (lowest sample, i.e. right after a collection) is what a leak would raise.
      rssFloorFirstMinuteMb: round(Math.min(...firstMinute), 1),
      rssFloorLastMinuteMb: round(Math.min(...lastMinute), 1),
      rssSamples: points,
    };
    log(`  ${fmtRun(result)}; RSS first minute ${soak.rssFirstMinuteMb} MB, last minute ${soak.rssLastMinuteMb} MB, max ${soak.rssMaxMb.toFixed(1)} MB`);
  }

  const report = {
    bench: 'steady',
    date: new Date().toISOString(),
    machine: { loadAverage: { start: loadBefore.map((v) => round(v, 2)), end: os.loadavg().map((v) => round(v, 2)) }, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.platform()} ${os.release()}` },
    database: { kind: db.kind, postgres: pgInfo.version, synchronousCommit: pgInfo.synchronous_commit, fsync: pgInfo.fsync, sharedBuffers: pgInfo.shared_buffers, statementCount: counter.method, pool: POOL },
    seed: { posts: seeded.posts, topLevel: seeded.topLevel, bigThread: seeded.bigThread, reactions: seeded.reactions, seconds: round(seedSeconds, 1), deepPage },
    seconds: SECONDS,
    apiRssIdleMb,
    threadPageStatementsCold: cold,
    scenarios: results,
    soak,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  printTable(report);
  console.log(JSON.stringify(report, (k, v) => (k === 'rssSamples' || k === 'statements' ? undefined : typeof v === 'number' ? round(v, 2) : v)));
  if (env.BENCH_REPORT_FILE) fs.writeFileSync(env.BENCH_REPORT_FILE, JSON.stringify(report, null, 2));
}

// ---------------------------------------------------------------- output

function round(v, digits) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function fmtRun(r) {
  return `${Math.round(r.reqPerSec)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors` +
    (r.sqlPerRequest !== undefined ? `, ${round(r.sqlPerRequest, 2)} SQL/req` : '') +
    (r.rssMaxMb ? `, RSS max ${Object.entries(r.rssMaxMb).map(([k, v]) => `${k} ${v.toFixed(0)} MB`).join(', ')}` : '') +
    (r.cpuPercent ? `, CPU ${Object.entries(r.cpuPercent).map(([k, v]) => `${k} ${v}%`).join(' ')}` : '') +
    (r.cpuMsPerRequest ? `, CPU ms/req ${Object.entries(r.cpuMsPerRequest).map(([k, v]) => `${k} ${v}`).join(' ')}` : '');
}

function printTable(report) {
  const rows = [
    ['scenario', 'conns', 'Steady req/s', 'p50', 'p99', 'err', 'SQL/req', 'CPU ms/req', 'baseline req/s', 'p50', 'p99', 'err', 'SQL/req', 'CPU ms/req', 'ratio req/s', 'API RSS max/after MB'],
  ];
  for (const s of Object.values(report.scenarios)) {
    const st = s.steady;
    const b = s.baseline;
    rows.push([
      s.title,
      String(s.connections),
      Math.round(st.reqPerSec).toLocaleString('en'),
      `${st.p50} ms`,
      `${st.p99} ms`,
      String(st.errors),
      fmtSql(st.sqlPerRequest),
      fmtCpu(st.cpuMsPerRequest, ['api', 'web']),
      `${Math.round(b.reqPerSec).toLocaleString('en')}${b.reference ? '*' : ''}`,
      `${b.p50} ms`,
      `${b.p99} ms`,
      String(b.errors),
      fmtSql(b.sqlPerRequest),
      fmtCpu(b.cpuMsPerRequest, ['server']),
      `${s.ratio.reqPerSec.toFixed(2)}×${b.reference ? '*' : ''}`,
      `${st.rssMaxMb.api.toFixed(0)} / ${st.rssAfterMb.api?.toFixed(0) ?? '?'}`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [
    '',
    `Steady bench · ${report.date} · ${report.machine.cpus} × ${report.machine.cpu} · Node ${report.machine.node}`,
    `Load average (1/5/15 min) at start ${report.machine.loadAverage.start.join(' ')}, at end ${report.machine.loadAverage.end.join(' ')} (a shared machine makes single figures noisy; the ratios of back-to-back runs count)`,
    `PostgreSQL ${report.database.postgres} (${report.database.kind}), pool ${report.database.pool}; ` +
      `${report.seed.posts.toLocaleString('en')} posts (${report.seed.topLevel.toLocaleString('en')} top-level, big thread ${report.seed.bigThread.toLocaleString('en')}), ` +
      `${report.seed.reactions.toLocaleString('en')} reactions, seeded in ${report.seed.seconds} s; ${report.seconds} s per run`,
    '',
    line(rows[0]),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
    '',
    `API RSS at idle (before the first scenario): ${report.apiRssIdleMb?.toFixed(0)} MB.`,
    `SQL/req: ${report.database.statementCount === 'pg_stat_statements' ? 'pg_stat_statements calls per request (BEGIN/COMMIT included), from 50 sequential requests after warm-up' : report.database.statementCount === 'pg_stat_database' ? 'committed transactions per request (pg_stat_database; a write transaction counts once)' : 'not measured'}.`,
    '* no baseline of its own: compared with the one-statement thread page 1.',
    'CPU ms/req: CPU time per completed request, Node server(s) + PostgreSQL (all its processes), from /proc.',
  ];
  const tf = report.scenarios['thread-first'];
  if (tf?.steady.sqlPerRequestOther) {
    out.push(
      `Statements for other thread pages, warm (after warm-up): ${Object.entries(tf.steady.sqlPerRequestOther).map(([k, v]) => `${k}: ${fmtSql(v)}`).join(', ')} (page 1 of 20: ${fmtSql(tf.steady.sqlPerRequest)}).`,
    );
  }
  if (report.threadPageStatementsCold) {
    out.push(`Statements per thread page on a cache miss (first request of each page): ${Object.entries(report.threadPageStatementsCold).map(([k, v]) => `${k}: ${v}`).join(', ')}.`);
  }
  const cp = report.scenarios['create-post'];
  if (cp) {
    out.push(
      `createPost: ${cp.steady.acknowledged} acknowledged, ${cp.steady.committed} committed (${cp.steady.everyAckCommitted ? 'every acknowledged post is stored' : 'MISSING POSTS'}); outcomes ${JSON.stringify(cp.steady.outcomes)}; synchronous_commit=${report.database.synchronousCommit}, fsync=${report.database.fsync}.`,
    );
  }
  if (report.soak) {
    out.push(`Soak ${report.soak.seconds} s: ${Math.round(report.soak.reqPerSec)} req/s, p99 ${report.soak.p99} ms, API RSS mean first minute ${report.soak.rssFirstMinuteMb} MB → last minute ${report.soak.rssLastMinuteMb} MB; floor ${report.soak.rssFloorFirstMinuteMb} → ${report.soak.rssFloorLastMinuteMb} MB (max ${report.soak.rssMaxMb.toFixed(1)}).`);
  }
  out.push('');
  console.log(out.join('\n'));
}

/** Node CPU ms per request (API, plus the web server for the web page) + PostgreSQL's. */
const fmtCpu = (m, nodeKeys) => {
  if (!m) return '?';
  const node = nodeKeys.reduce((n, k) => n + (m[k] ?? 0), 0);
  return `${node.toFixed(2)}+${(m.postgres ?? 0).toFixed(2)}`;
};
const fmtSql = (v) => (v == null ? '?' : String(round(v, 2)));

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (error) => {
    log(`The bench failed: ${error?.stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
