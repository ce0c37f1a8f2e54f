// The bench's own database: a fresh `steady_bench` beside DATABASE_URL, or in the embedded
// PostgreSQL under .data/bench with pg_stat_statements preloaded (so statements can be counted).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { StatementCounter, parentPid } from '../../bench/measure.mjs';
import { seed } from '../../bench/seed.mjs';
import { root, withDatabase } from '../lib.mjs';
import { DATA_DIR, PG_PORT, POSTS, SECRET, env, log } from './options.mjs';
import { tracked } from './processes.mjs';

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

/** The bench database's name beside DATABASE_URL (BENCH_DB_NAME, so runs sharing a server stay apart). */
const BENCH_DB = /^[a-z_][a-z0-9_]{0,62}$/.test(env.BENCH_DB_NAME ?? '') ? env.BENCH_DB_NAME : 'steady_bench';

/** A fresh bench database (`steady_bench`, or BENCH_DB_NAME); returns its URL and how it is served. */
export async function prepareDatabase() {
  if (env.DATABASE_URL) {
    const given = new URL(env.DATABASE_URL);
    const admin = given.pathname === `/${BENCH_DB}` ? withDatabase(env.DATABASE_URL, 'postgres') : env.DATABASE_URL;
    await recreateDatabase(admin, BENCH_DB);
    return { url: withDatabase(env.DATABASE_URL, BENCH_DB), kind: 'DATABASE_URL' };
  }
  const { startEmbeddedPostgres } = await embeddedModule();
  // Kept in `tracked` as soon as it runs, so that a failure or Ctrl-C from here on stops it.
  const start = async () =>
    (tracked.embedded = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: PG_PORT, database: 'postgres', onLog: () => {} }));
  let embedded = await start();
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

/** Seeds BENCH_POSTS posts through the schema the API made (bench/seed.mjs), then VACUUM ANALYZE. */
export async function seedDatabase(url) {
  log(`Seeding ${POSTS.toLocaleString('en')} posts…`);
  const seedStart = Date.now();
  const seeded = await seed(url, { posts: POSTS, secret: SECRET, root, log });
  const seedSeconds = (Date.now() - seedStart) / 1000;
  log(
    `  seeded ${seeded.posts.toLocaleString('en')} posts (${seeded.topLevel.toLocaleString('en')} top-level, ` +
      `${seeded.bigThread.toLocaleString('en')} in the big thread) and ${seeded.reactions.toLocaleString('en')} reactions in ${seedSeconds.toFixed(1)} s (incl. VACUUM ANALYZE)`,
  );
  return { seeded, seedSeconds };
}

/** The bench's own connection: server settings for the report, and the statement counter. */
export async function openMonitor(url, seeded) {
  const monitor = new pg.Client({ connectionString: url, application_name: 'steady-bench-monitor' });
  // On Ctrl-C PostgreSQL gets the SIGINT too and ends this session: not a crash, the cleanup runs.
  monitor.on('error', (error) => log(`  monitor connection: ${error.message}`));
  tracked.monitor = monitor;
  await monitor.connect();
  const pgInfo = (
    await monitor.query(
      `select current_setting('server_version') as version, current_setting('synchronous_commit') as synchronous_commit,
         current_setting('fsync') as fsync, current_setting('shared_buffers') as shared_buffers, pg_backend_pid() as pid`,
    )
  ).rows[0];
  const postmaster = parentPid(pgInfo.pid);
  const counter = await StatementCounter.create(monitor, log);
  const { rows: articleRows } = await monitor.query(`select a.slug from article a join section s on s.article_id = a.id where s.id = $1`, [
    seeded.sections[seeded.mainIdx].id,
  ]);
  const articleSlug = articleRows[0].slug;
  return { monitor, pgInfo, postmaster, counter, articleSlug };
}
