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
// scenario ids; `live` for the live layer, `web-browser` for the page in Chromium), BENCH_SOAK_SECONDS (0: off; e.g. 300 for the leak check), BENCH_SKIP_BUILD=1,
// BENCH_LIVE_SUBSCRIBERS (2000), BENCH_LIVE_POSTS (20), BENCH_LIVE_WARMUP (2), BENCH_LIVE_KEYED (0),
// BENCH_LIVE_OPEN (0) and BENCH_LIVE_OPEN_WRITE (0): subscriptions open through the other scenarios, BENCH_DB_NAME (steady_bench: the database made beside DATABASE_URL),
//
// The parts: options.mjs (settings), processes.mjs (children and cleanup), database.mjs, servers.mjs,
// queries.mjs, scenarios.mjs, runs.mjs (measuring), report.mjs (table and JSON). The seed, the
// baselines and the measuring helpers live in bench/ (see docs/perf.md).
import os from 'node:os';
import { rssMb } from '../../bench/measure.mjs';
import { npm, run } from '../lib.mjs';
import { openMonitor, prepareDatabase, seedDatabase } from './database.mjs';
import { ONLY, POSTS, QUICK, SECONDS, env, log } from './options.mjs';
import { cleanup, stopChild, stopOnFailureOrSignal } from './processes.mjs';
import { buildReport, fmtRun, printReport, round } from './report.mjs';
import { coldThreadStatements, scenarioRunner, soakRun } from './runs.mjs';
import { prepareScenarios } from './scenarios.mjs';
import { startApi, startServers } from './servers.mjs';
import { authorKey } from '../../bench/seed.mjs';
import { liveRun, openBackground } from './live.mjs';
import { browserRun } from './browser.mjs';

stopOnFailureOrSignal();

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

  const { seeded, seedSeconds } = await seedDatabase(db.url);

  const { monitor, pgInfo, postmaster, counter, articleSlug } = await openMonitor(db.url, seeded);

  const { api, web, readBase, writeBase, writeSection } = await startServers(db.url, seeded);

  const { scenarios, main, big, deepPage, deepCursor, cursors } = await prepareScenarios({
    api,
    web,
    readBase,
    writeBase,
    seeded,
    writeSection,
    articleSlug,
  });
  const measure = scenarioRunner({ api, readBase, writeBase, counter, monitor, postmaster, seeded, writeSection });

  const apiRssIdleMb = rssMb(api.child.pid);
  const cold = await coldThreadStatements({ api, counter, main, big, cursors, deepCursor, deepPage, readerKey: authorKey(0) });

  // The live layer in use while the others run (BENCH_LIVE_OPEN): compare with runs without it.
  const background = await openBackground({
    api,
    quietSectionId: seeded.sections[(seeded.writeIdx + 2) % seeded.sections.length].id,
    writeSectionId: writeSection.id,
  });

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

  const liveOpen = background ? await background.stop() : null;
  if (liveOpen) log(`  live subscriptions open during the scenarios: ${JSON.stringify(liveOpen)}`);

  // The live layer: subscribers on a thread of its own (no other scenario writes there).
  const live = await liveRun({ api, sectionId: seeded.sections[(seeded.writeIdx + 1) % seeded.sections.length].id, only: ONLY });

  // The section page in a real browser: JavaScript shipped to a reader, LCP on a throttled phone.
  const browser = await browserRun({ web, articleSlug, main });

  const soak = await soakRun({ api, main });

  printReport(
    buildReport({
      started,
      loadBefore,
      db,
      pgInfo,
      counter,
      seeded,
      seedSeconds,
      deepPage,
      apiRssIdleMb,
      cold,
      results,
      soak,
      live,
      liveOpen,
      browser,
    }),
  );
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (error) => {
    log(`The bench failed: ${error?.stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
