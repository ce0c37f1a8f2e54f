// The output: a table for people, then one JSON line with every figure (stdout), and the full
// report as a file when BENCH_REPORT_FILE is set.
import fs from 'node:fs';
import os from 'node:os';
import { POOL, SECONDS, env } from './options.mjs';

/** Every figure of the run, as the JSON line and BENCH_REPORT_FILE carry them. */
export function buildReport({
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
  liveOpen = null,
  browser,
}) {
  const report = {
    bench: 'steady',
    date: new Date().toISOString(),
    machine: {
      loadAverage: { start: loadBefore.map((v) => round(v, 2)), end: os.loadavg().map((v) => round(v, 2)) },
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    database: {
      kind: db.kind,
      postgres: pgInfo.version,
      synchronousCommit: pgInfo.synchronous_commit,
      fsync: pgInfo.fsync,
      sharedBuffers: pgInfo.shared_buffers,
      statementCount: counter.method,
      pool: POOL,
    },
    seed: {
      posts: seeded.posts,
      topLevel: seeded.topLevel,
      bigThread: seeded.bigThread,
      reactions: seeded.reactions,
      seconds: round(seedSeconds, 1),
      deepPage,
    },
    seconds: SECONDS,
    apiRssIdleMb,
    threadPageStatementsCold: cold,
    scenarios: results,
    soak,
    live,
    liveOpen,
    browser,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  report.targets = targets(report);
  return report;
}

/** The table, then the JSON line (without the RSS samples and per-statement detail). */
export function printReport(report) {
  printTable(report);
  console.log(
    JSON.stringify(report, (k, v) => (k === 'rssSamples' || k === 'statements' ? undefined : typeof v === 'number' ? round(v, 2) : v)),
  );
  if (env.BENCH_REPORT_FILE) fs.writeFileSync(env.BENCH_REPORT_FILE, JSON.stringify(report, null, 2));
}

export function round(v, digits) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function fmtRun(r) {
  return (
    `${Math.round(r.reqPerSec)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors` +
    (r.sqlPerRequest !== undefined ? `, ${round(r.sqlPerRequest, 2)} SQL/req` : '') +
    (r.rssMaxMb
      ? `, RSS max ${Object.entries(r.rssMaxMb)
          .map(([k, v]) => `${k} ${v.toFixed(0)} MB`)
          .join(', ')}`
      : '') +
    (r.cpuPercent
      ? `, CPU ${Object.entries(r.cpuPercent)
          .map(([k, v]) => `${k} ${v}%`)
          .join(' ')}`
      : '') +
    (r.cpuMsPerRequest
      ? `, CPU ms/req ${Object.entries(r.cpuMsPerRequest)
          .map(([k, v]) => `${k} ${v}`)
          .join(' ')}`
      : '')
  );
}

export function printTable(report) {
  const rows = [
    [
      'scenario',
      'conns',
      'Steady req/s',
      'p50',
      'p99',
      'err',
      'SQL/req',
      'CPU ms/req',
      'baseline req/s',
      'p50',
      'p99',
      'err',
      'SQL/req',
      'CPU ms/req',
      'ratio req/s',
      'API RSS max/after MB',
    ],
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
      `Statements for other thread pages, warm (after warm-up): ${Object.entries(tf.steady.sqlPerRequestOther)
        .map(([k, v]) => `${k}: ${fmtSql(v)}`)
        .join(', ')} (page 1 of 20: ${fmtSql(tf.steady.sqlPerRequest)}).`,
    );
  }
  if (report.threadPageStatementsCold) {
    out.push(
      `Statements per thread page on a cache miss (first request of each page): ${Object.entries(report.threadPageStatementsCold)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')}.`,
    );
  }
  for (const id of ['web-section', 'web-section-key']) {
    const w = report.scenarios[id]?.steady.cpuMsPerRequest;
    const q = report.scenarios[id]?.steady.cpuMsPerRequestSequential;
    if (w) {
      out.push(
        `${report.scenarios[id].title}: CPU per page ${w.web?.toFixed(2)} ms in the web server, ${w.api?.toFixed(2)} ms in the API under load` +
          (q ? `; ${q.web?.toFixed(2)} ms and ${q.api?.toFixed(2)} ms over 50 pages one after another.` : '.'),
      );
    }
  }
  const b = report.browser;
  if (b?.skipped) out.push(`Section page in Chromium: skipped (${b.skipped}).`);
  else if (b) {
    out.push(
      `Section page in Chromium (${b.url}, reader ${b.reader}): JavaScript shipped ${(b.javaScript.gzipBytes / 1024).toFixed(1)} KB gzip ` +
        `(${(b.javaScript.bytes / 1024).toFixed(1)} KB, ${b.javaScript.modules} modules; inline scripts ${(b.javaScript.inlineScriptBytes / 1024).toFixed(1)} KB); ` +
        `LCP ${b.lcp.lcpMs} ms (median of ${b.lcp.lcpMsEach.join(', ')}; TTFB ${b.lcp.ttfbMs} ms, HTML ${(b.lcp.htmlTransferBytes / 1024).toFixed(1)} KB on the wire) on ${b.lcp.profile}.`,
    );
  }
  out.push(...targetLines(report));
  const cp = report.scenarios['create-post'];
  if (cp) {
    out.push(
      `createPost: ${cp.steady.acknowledged} acknowledged, ${cp.steady.committed} committed (${cp.steady.everyAckCommitted ? 'every acknowledged post is stored' : 'MISSING POSTS'}); outcomes ${JSON.stringify(cp.steady.outcomes)}; synchronous_commit=${report.database.synchronousCommit}, fsync=${report.database.fsync}.`,
    );
  }
  if (report.liveOpen) {
    const o = report.liveOpen;
    out.push(
      `With the live layer in use: ${o.total.toLocaleString('en')} subscriptions open through the scenarios above (${o.onWrite} on the thread createPost writes to${o.keyed ? `, ${o.keyed} with a key` : ''}), ${o.events?.toLocaleString('en') ?? '?'} events delivered to them; API RSS ${o.rssMbOpen?.toFixed(0)} MB once they were open.`,
    );
  }
  if (report.live) {
    const l = report.live;
    out.push(
      `Live: ${l.subscribers.toLocaleString('en')} subscriptions on one API instance (${l.keyed ? `${l.keyed.toLocaleString('en')} with a key, ` : ''}opened in ${l.openSeconds.toFixed(1)} s), ${l.posts} posts after ${l.warmup} to warm up: ` +
        `a post reaches them in p50 ${l.p50?.toFixed(0)} ms, p99 ${l.p99?.toFixed(0)} ms, max ${l.max?.toFixed(0)} ms (from sending createPost); ` +
        `${l.deliveries.toLocaleString('en')} deliveries, ${l.missed} missed, ${l.wrongMine} with a wrong \`mine\`; API RSS ${l.rssBeforeMb?.toFixed(0)} MB before, ${l.rssOpenMb?.toFixed(0)} MB with the sockets open, max ${l.rssMaxMb?.toFixed(0)} MB, ${l.rssAfterMb?.toFixed(0)} MB after.`,
    );
  }
  if (report.soak) {
    out.push(
      `Soak ${report.soak.seconds} s: ${Math.round(report.soak.reqPerSec)} req/s, p99 ${report.soak.p99} ms, API RSS mean first minute ${report.soak.rssFirstMinuteMb} MB → last minute ${report.soak.rssLastMinuteMb} MB; floor ${report.soak.rssFloorFirstMinuteMb} → ${report.soak.rssFloorLastMinuteMb} MB (max ${report.soak.rssMaxMb.toFixed(1)}).`,
    );
  }
  out.push('');
  console.log(out.join('\n'));
}

/**
 * Issue 15's API targets, each figure beside its baseline from the same run (the bench asserts
 * nothing: "met" is only a reading of this run's figures).
 */
export function targets(report) {
  const s = report.scenarios;
  const cold = report.threadPageStatementsCold ?? {};
  const keyedCold = Object.entries(cold).filter(([k]) => k.startsWith('with a key'));
  const list = [];
  const key = s['thread-first-key'];
  if (key) {
    const coldMax = keyedCold.length ? Math.max(...keyedCold.map(([, v]) => v)) : null;
    list.push({
      target: 'Thread page, reader with a key: >= 1.0x the one-statement page, p99 < 50 ms, <= 2 statements on a miss',
      figure: `${Math.round(key.steady.reqPerSec)} req/s (${key.ratio.reqPerSec.toFixed(2)}x), p99 ${key.steady.p99} ms, ${fmtSql(key.steady.sqlPerRequest)} statements warm, ${coldMax ?? '?'} on a miss`,
      baseline: `${Math.round(key.baseline.reqPerSec)} req/s, p99 ${key.baseline.p99} ms, ${fmtSql(key.baseline.sqlPerRequest)} statement`,
      met: key.ratio.reqPerSec >= 1 && key.steady.p99 < 50 && coldMax !== null && coldMax <= 2 && key.steady.errors === 0,
    });
  }
  const me = s.me;
  if (me) {
    list.push({
      target: '`me`: >= 1,500 req/s, <= 3 statements',
      figure: `${Math.round(me.steady.reqPerSec)} req/s, p99 ${me.steady.p99} ms, ${fmtSql(me.steady.sqlPerRequest)} statements`,
      baseline: `1,500 req/s (target); the one-statement thread page ${Math.round(me.baseline.reqPerSec)} req/s in the same run (${me.ratio.reqPerSec.toFixed(2)}x)`,
      met: me.steady.reqPerSec >= 1500 && (me.steady.sqlPerRequest ?? 99) <= 3 && me.steady.errors === 0,
    });
  }
  const cp = s['create-post'];
  if (cp) {
    list.push({
      target: 'createPost (tone rules in the path): >= 0.5x a bare durable insert',
      figure: `${Math.round(cp.steady.reqPerSec)} posts/s (${cp.ratio.reqPerSec.toFixed(2)}x), p99 ${cp.steady.p99} ms, ${fmtSql(cp.steady.sqlPerRequest)} statements`,
      baseline: `${Math.round(cp.baseline.reqPerSec)} inserts/s, p99 ${cp.baseline.p99} ms`,
      met: cp.ratio.reqPerSec >= 0.5 && cp.steady.errors === 0,
    });
  }
  return list;
}

function targetLines(report) {
  const list = targets(report);
  if (!list.length) return [];
  return [
    '',
    'Targets (issue 15), figure | baseline, same run:',
    ...list.map((t) => `  ${t.met ? 'met    ' : 'not met'}  ${t.target}: ${t.figure} | ${t.baseline}`),
  ];
}

/** Node CPU ms per request (API, plus the web server for the web page) + PostgreSQL's. */
const fmtCpu = (m, nodeKeys) => {
  if (!m) return '?';
  const node = nodeKeys.reduce((n, k) => n + (m[k] ?? 0), 0);
  return `${node.toFixed(2)}+${(m.postgres ?? 0).toFixed(2)}`;
};
const fmtSql = (v) => (v == null ? '?' : String(round(v, 2)));
