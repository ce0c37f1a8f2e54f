// The bench's settings, read once from the environment (documented in docs/perf.md), and its log.
import path from 'node:path';
import { root } from '../lib.mjs';

export const env = process.env;
export const QUICK = env.BENCH_QUICK === '1';
const int = (v, d) => (v === undefined || v === '' ? d : Math.max(1, Math.round(Number(v))));
export const POSTS = int(env.BENCH_POSTS, QUICK ? 20000 : 100000);
export const SECONDS = int(env.BENCH_SECONDS, QUICK ? 3 : 10);
export const WARMUP = QUICK ? 1 : 2;
export const CONNECTIONS = int(env.BENCH_CONNECTIONS, 50);
export const WEB_CONNECTIONS = int(env.BENCH_WEB_CONNECTIONS, 20);
export const WRITE_CONNECTIONS = int(env.BENCH_WRITE_CONNECTIONS, 50);
export const SOAK = env.BENCH_SOAK_SECONDS ? int(env.BENCH_SOAK_SECONDS, 0) : 0;
export const POOL = int(env.DB_POOL_SIZE, 10);
export const PG_PORT = int(env.BENCH_PG_PORT, 54331);
export const ONLY = env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
export const PROBE_REQUESTS = 50;
// A fixed secret for the bench database only: the seed derives tokens with it, the API gets the same.
export const SECRET = 'steady-bench-secret-only-for-the-bench-database-0001';
export const DATA_DIR = path.join(root, '.data', 'bench');

/** Progress goes to stderr: stdout carries only the table and the JSON line. */
export const log = (...args) => console.error(...args);
