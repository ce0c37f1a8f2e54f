// Runs the thread-page-1 load against the built API started with different experiments
// (bench/experiments/preload.cjs) and Node flags, alternating variants to spread the noise.
// Usage: DATABASE_URL=<a database seeded by the bench> SECTION_ID=<uuid> node bench/experiments/ab.mjs
// Env: AB_VARIANTS (JSON: [{name, exp, flags}]), AB_ROUNDS (2), AB_SECONDS (10), AB_CONNECTIONS (50).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, load, rssSampler } from '../measure.mjs';
import { freePort, waitForHttp } from '../../scripts/lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const variants = JSON.parse(
  process.env.AB_VARIANTS ??
    JSON.stringify([
      { name: 'as built', exp: '', flags: [] },
      { name: 'apollo: no cache-control plugin, compact JSON', exp: 'apollo', flags: [] },
      { name: 'apollo + --max-semi-space-size=32', exp: 'apollo', flags: ['--max-semi-space-size=32'] },
      { name: 'response cache (hits only)', exp: 'apollo,cache', flags: [] },
    ]),
);
const rounds = Number(process.env.AB_ROUNDS ?? 2);
const seconds = Number(process.env.AB_SECONDS ?? 10);
const connections = Number(process.env.AB_CONNECTIONS ?? 50);
const F =
  'fragment PostFields on Post { id body html pseudonym status createdAt editedAt replyCount mine reactions { kind count reactedByMe } }';
const body = JSON.stringify({
  query: `query Thread($id: ID!, $first: Int!, $after: String) { section(id: $id) { posts(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ...PostFields } } } } } ${F}`,
  variables: { id: process.env.SECTION_ID, first: 20 },
});

const results = variants.map(() => []);
for (let round = 0; round < rounds; round++) {
  for (const [i, v] of variants.entries()) {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [...v.flags, '-r', path.join(root, 'bench/experiments/preload.cjs'), path.join(root, 'apps/api/dist/main.js')],
      {
        cwd: root,
        stdio: ['ignore', 2, 2],
        env: {
          ...process.env,
          STEADY_EXP: v.exp,
          API_PORT: String(port),
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          STEADY_SECRET: process.env.STEADY_SECRET ?? 'steady-bench-secret-only-for-the-bench-database-0001',
          RATE_LIMIT_WRITES: '100000000',
        },
      },
    );
    try {
      await waitForHttp(`http://127.0.0.1:${port}/health`, { child });
      const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
      const url = `http://127.0.0.1:${port}/graphql`;
      await load({ url, connections, duration: 2, request });
      const cpu0 = cpuSeconds(child.pid);
      const sampler = rssSampler({ api: child.pid });
      const r = await load({ url, connections, duration: seconds, request, check: (b) => !b.includes('"errors"') });
      const rss = sampler.stop().max.api;
      const cpuMs = ((cpuSeconds(child.pid) - cpu0) * 1000) / r.completed;
      results[i].push({ reqPerSec: r.reqPerSec, p50: r.p50, p99: r.p99, errors: r.errors, cpuMs, rss });
      console.error(
        `${v.name}: ${Math.round(r.reqPerSec)} req/s, p50 ${r.p50}, p99 ${r.p99}, ${r.errors} errors, API ${cpuMs.toFixed(2)} CPU ms/req, RSS max ${rss.toFixed(0)} MB`,
      );
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
}
const mean = (a, k) => a.reduce((s, x) => s + x[k], 0) / a.length;
console.log(
  JSON.stringify(
    variants.map((v, i) => ({
      name: v.name,
      reqPerSec: Math.round(mean(results[i], 'reqPerSec')),
      p99: Math.round(mean(results[i], 'p99')),
      cpuMsPerRequest: +mean(results[i], 'cpuMs').toFixed(3),
      rssMaxMb: Math.round(Math.max(...results[i].map((x) => x.rss))),
      errors: results[i].reduce((s, x) => s + x.errors, 0),
    })),
  ),
);
