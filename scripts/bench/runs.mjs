// Measuring: a scenario's run on one side (warm-up, statements per request, then load with CPU,
// RSS and statement counts), the statements of thread pages on a cache miss, and the soak.
import { StatementCounter, cpuSeconds, load, postgresCpu, postgresCpuDelta, quiesce, rssMb, rssSampler } from '../../bench/measure.mjs';
import { CONNECTIONS, ONLY, PROBE_REQUESTS, SECONDS, SOAK, WARMUP, log } from './options.mjs';
import { jsonPost, noGraphqlErrors, threadBody } from './queries.mjs';
import { fmtRun, round } from './report.mjs';
import { apiStatements } from './servers.mjs';

/** `measure(scenario, side)` for the servers and database of this bench run. */
export function scenarioRunner({ api, readBase, writeBase, counter, monitor, postmaster, seeded, writeSection }) {
  /** Runs `n` requests one after another and counts the statements they cost. */
  async function probe(target, n = PROBE_REQUESTS) {
    const url = new URL(target.url);
    const apiBefore = target.api ? await apiStatements(api.url) : null;
    await quiesce(counter);
    const before = await counter.snapshot();
    // CPU of the servers over these sequential requests: the cost of one request without the
    // queueing of a load run (steadier on a busy machine; the web page's "CPU per page").
    const cpuPids = target.api ? { api: api.child.pid, ...(target.pids ?? {}) } : {};
    const cpuBefore = Object.fromEntries(Object.entries(cpuPids).map(([k, pid]) => [k, cpuSeconds(pid)]));
    for (let i = 0; i < n; i++) {
      const req = target.request.setupRequest ? target.request.setupRequest({ ...target.request }) : target.request;
      const res = await fetch(url, { method: req.method, headers: req.headers, body: req.body });
      await res.arrayBuffer();
    }
    const cpuMsSequential = Object.fromEntries(
      Object.entries(cpuPids).map(([k, pid]) => [k, round(((cpuSeconds(pid) - cpuBefore[k]) * 1000) / n, 2)]),
    );
    if (counter.settleMs) await new Promise((r) => setTimeout(r, counter.settleMs));
    const d = StatementCounter.delta(before, await counter.snapshot());
    const apiAfter = target.api ? await apiStatements(api.url) : null;
    return {
      cpuMsSequential,
      perRequest: d.total / n,
      apiCounter: apiBefore != null && apiAfter != null ? (apiAfter - apiBefore) / n : null,
      top: d.top.slice(0, 8).map((t) => ({ ...t, calls: t.calls / n })),
    };
  }

  async function measure(scenario, side) {
    const target = scenario[side];
    target.api = side === 'steady';
    const pids =
      side === 'steady' ? { api: api.child.pid, ...(target.pids ?? {}) } : { server: (scenario.write ? writeBase : readBase).child.pid };
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
    const writerToken = scenario.write
      ? side === 'steady'
        ? seeded.tokenOf(1, seeded.writeIdx)
        : seeded.tokenOf(2, seeded.writeIdx)
      : null;
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
    const result = await load({
      url: target.url,
      connections: scenario.connections,
      duration: SECONDS,
      request: target.request,
      check: target.check,
      onBody,
    });
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
      Object.entries(cpuUsed)
        .filter(([k]) => k !== 'loadgen')
        .map(([k, v]) => [k, result.completed ? round((v * 1000) / result.completed, 3) : null]),
    );
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfter = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, rssMb(pid)]));

    const figures = {
      ...result,
      sqlPerRequest: statements.perRequest,
      cpuMsPerRequestSequential: statements.cpuMsSequential,
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
      const { rows } = await monitor.query(`select count(*)::int as n from post where id > $1 and author_token = $2`, [
        maxIdBefore,
        writerToken,
      ]);
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
      // Steady's own posts counted in the section's shards (ADR 026): in the recount above now.
      await monitor.query('delete from section_count_shard where section_id = $1', [writeSection.id]);
    }
    return figures;
  }

  return measure;
}

/**
 * Statements of thread pages on a cache miss: pages nobody asked for yet (page 1 before any
 * warm-up, then pages starting at every 100th post of the big thread, 20 and 5 posts long).
 */
export async function coldThreadStatements({ api, counter, main, big, cursors, deepCursor, deepPage, readerKey }) {
  const coldProbe = async (bodies, headers = {}) => {
    await quiesce(counter);
    const before = await counter.snapshot();
    for (const b of bodies) await (await fetch(`${api.url}/graphql`, jsonPost(b, headers))).arrayBuffer();
    if (counter.settleMs) await new Promise((r) => setTimeout(r, counter.settleMs));
    return round(StatementCounter.delta(before, await counter.snapshot()).total / bodies.length, 2);
  };
  let keyed = {};
  if (!ONLY || ONLY.has('thread-first-key')) {
    // A reader with a key on pages nobody has asked for: cursors the keyless probe below does not use.
    const sample = cursors.slice(50, -1).slice(0, 30);
    const key = { 'x-author-key': readerKey };
    keyed = {
      'with a key, later pages of 20': await coldProbe(
        sample.map((c) => threadBody(big.id, 20, c)),
        key,
      ),
      'with a key, later pages of 5': await coldProbe(
        sample.map((c) => threadBody(big.id, 5, c)),
        key,
      ),
    };
  }
  let keyless = {};
  if (!ONLY || ONLY.has('thread-first')) {
    const sample = cursors.slice(0, -1).slice(0, 50); // the last one starts the deep page, probed alone
    keyless = {
      'page 1 of 20': await coldProbe([threadBody(main.id, 20)]),
      'later pages of 20': await coldProbe(sample.map((c) => threadBody(big.id, 20, c))),
      'later pages of 5': await coldProbe(sample.map((c) => threadBody(big.id, 5, c))),
      [`page ${deepPage} of 20`]: await coldProbe([threadBody(big.id, 20, deepCursor)]),
    };
  }
  const cold = { ...keyless, ...keyed };
  if (!Object.keys(cold).length) return null;
  log(`  statements per thread page on a cache miss: ${JSON.stringify(cold)}`);
  return cold;
}

/** Thread page 1 for BENCH_SOAK_SECONDS, sampling the API's RSS every 5 s (null when off). */
export async function soakRun({ api, main }) {
  let soak = null;
  if (SOAK > 0) {
    log(`Soak: thread page 1 for ${SOAK} s at ${CONNECTIONS} connections, sampling the API's RSS…`);
    const points = [];
    const t0 = Date.now();
    const timer = setInterval(() => points.push({ t: Math.round((Date.now() - t0) / 1000), rss: rssMb(api.child.pid) }), 5000);
    const result = await load({
      url: `${api.url}/graphql`,
      connections: CONNECTIONS,
      duration: SOAK,
      request: jsonPost(threadBody(main.id, 20)),
      check: noGraphqlErrors,
    });
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
    log(
      `  ${fmtRun(result)}; RSS first minute ${soak.rssFirstMinuteMb} MB, last minute ${soak.rssLastMinuteMb} MB, max ${soak.rssMaxMb.toFixed(1)} MB`,
    );
  }
  return soak;
}
