// Measuring helpers for the bench: process RSS and CPU from /proc, SQL statement counts from
// PostgreSQL (pg_stat_statements, else pg_stat_database transactions), one autocannon run.
import fs from 'node:fs';
import autocannon from 'autocannon';

const CLK_TCK = 100; // Linux USER_HZ

/** VmRSS of a process in MB, or null when it is gone (or not Linux). */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** user+system CPU seconds of a process (0 when unreadable). */
export function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** The parent pid of a process (for a backend: the postmaster), or null. */
export function parentPid(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** CPU seconds per pid of the postmaster and all its children (backends, walwriter, checkpointer…). */
export function postgresCpu(postmaster) {
  const cpu = new Map();
  if (!postmaster) return cpu;
  cpu.set(postmaster, cpuSeconds(postmaster));
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (parentPid(entry) === postmaster) cpu.set(Number(entry), cpuSeconds(entry));
  }
  return cpu;
}

/** CPU seconds PostgreSQL used between two postgresCpu() readings (backends born in between count whole). */
export function postgresCpuDelta(before, after) {
  let total = 0;
  for (const [pid, v] of after) total += v - (before.get(pid) ?? 0);
  return total;
}

/**
 * Waits until the database is idle and the counter stops moving: requests still queued when a
 * load run ends (autocannon stops sending, the server goes on) must not leak into the next window.
 */
export async function quiesce(counter, { stableMs = Math.max(300, counter.settleMs), maxMs = 60000 + 2 * counter.settleMs } = {}) {
  const deadline = Date.now() + maxMs;
  const busy = async () =>
    (
      await counter.client.query(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      )
    ).rows[0].n;
  let last = (await counter.snapshot()).total;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, stableMs));
    const now = (await counter.snapshot()).total;
    if (now === last && (await busy()) === 0) return;
    last = now;
  }
}

/** Samples RSS of some processes every `ms` while a run lasts. */
export function rssSampler(pids, ms = 250) {
  const max = Object.fromEntries(Object.keys(pids).map((k) => [k, 0]));
  const samples = Object.fromEntries(Object.keys(pids).map((k) => [k, []]));
  const tick = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const v = rssMb(pid);
      if (v != null) {
        max[name] = Math.max(max[name], v);
        samples[name].push(v);
      }
    }
  };
  tick();
  const timer = setInterval(tick, ms);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { max, samples };
    },
  };
}

/**
 * Counts SQL statements executed in one database. `pg_stat_statements` when the server loads it
 * (every statement, BEGIN/COMMIT included, per query text); otherwise committed transactions from
 * `pg_stat_database`, which equals statements for autocommit reads but counts a multi-statement
 * write transaction as one.
 */
export class StatementCounter {
  constructor(client, method) {
    this.client = client;
    this.method = method; // 'pg_stat_statements' | 'pg_stat_database' | 'none'
    // pg_stat_statements counts in shared memory at once; pg_stat_database hears from an idle
    // backend only after up to 10 s (PGSTAT_IDLE_INTERVAL), so its readings must wait that long.
    this.settleMs = method === 'pg_stat_database' ? 11000 : 0;
  }

  static async create(client, log) {
    try {
      await client.query('create extension if not exists pg_stat_statements');
      await client.query('select 1 from pg_stat_statements limit 1');
      await client.query('select pg_stat_statements_reset()');
      return new StatementCounter(client, 'pg_stat_statements');
    } catch (error) {
      log(
        `  pg_stat_statements is not available (${String(error.message).split('\n')[0]}); counting transactions from pg_stat_database instead.`,
      );
    }
    try {
      await client.query('select xact_commit from pg_stat_database where datname = current_database()');
      return new StatementCounter(client, 'pg_stat_database');
    } catch {
      return new StatementCounter(client, 'none');
    }
  }

  /** A snapshot: total count, and per-query calls (pg_stat_statements only). */
  async snapshot() {
    if (this.method === 'pg_stat_statements') {
      // This counter's own queries (they read pg_stat_*) and the seed's are left out.
      const { rows } = await this.client.query(
        `select queryid::text as id, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query, calls::float8 as calls
         from pg_stat_statements
         where dbid = (select oid from pg_database where datname = current_database())
           and query not ilike '%pg_stat%' and query not ilike '%bench_%'`,
      );
      const byQuery = new Map(rows.map((r) => [r.id, r]));
      return { total: rows.reduce((n, r) => n + r.calls, 0), byQuery };
    }
    if (this.method === 'pg_stat_database') {
      // pg_stat_database is refreshed at most every ~0.5 s and when a backend goes idle; clear
      // this session's snapshot so the numbers are current.
      await this.client.query('select pg_stat_clear_snapshot()');
      const { rows } = await this.client.query(
        `select (xact_commit + xact_rollback)::float8 as n from pg_stat_database where datname = current_database()`,
      );
      return { total: rows[0].n - 1, byQuery: new Map() }; // minus this query's own transaction
    }
    return { total: 0, byQuery: new Map() };
  }

  /** Difference of two snapshots, with the top statements when known. */
  static delta(before, after) {
    const top = [];
    for (const [id, row] of after.byQuery) {
      const calls = row.calls - (before.byQuery.get(id)?.calls ?? 0);
      if (calls > 0) top.push({ query: row.query, calls });
    }
    top.sort((a, b) => b.calls - a.calls);
    return { total: after.total - before.total, top };
  }
}

/**
 * One autocannon run. `request` is { method, path, headers, body } or a `setupRequest` based one;
 * `check(status, body)` returns false for an application-level error (e.g. a GraphQL error in a 200).
 */
export async function load({ url, connections, duration, request, check, onBody }) {
  let appErrors = 0;
  const requests = [
    {
      ...request,
      onResponse: (status, body) => {
        if (status >= 200 && status < 300 && check && !check(body)) appErrors++;
        if (onBody) onBody(status, body);
      },
    },
  ];
  const result = await autocannon({
    url,
    connections,
    duration,
    pipelining: 1,
    timeout: 10,
    requests,
  });
  const completed = result.requests.total;
  return {
    reqPerSec: result.requests.average,
    completed,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    appErrors,
    errors: result.non2xx + result.errors + result.timeouts + appErrors,
    duration: result.duration,
  };
}
