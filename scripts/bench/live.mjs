// The live layer (ADR 020): BENCH_LIVE_SUBSCRIBERS (2,000) WebSockets on one API instance, each
// subscribed to one thread with graphql-ws; then BENCH_LIVE_POSTS (20) posts, one after another,
// through createPost. For every post and every subscriber: the time from sending the mutation to
// that subscriber receiving the event. Prints p50/p99/max over all deliveries, the deliveries
// that never came, and the API's RSS before the sockets, with them open, and after the posts.
import { WebSocket } from 'ws';
import { rssMb } from '../../bench/measure.mjs';
import { env, log } from './options.mjs';
import { gql } from './servers.mjs';
import { launch, stopChild } from './processes.mjs';
import { AUTHORS, authorKey } from '../../bench/seed.mjs';

export const LIVE_SUBSCRIBERS = Number(env.BENCH_LIVE_SUBSCRIBERS ?? 2000);
const LIVE_POSTS = Number(env.BENCH_LIVE_POSTS ?? 20);
// Posts sent and delivered before measuring, as every other scenario warms up: the first createPost
// of a fresh API pays for JIT, prepared statements and the tone engine's first run (~1 s here).
// Subscribers that carry an author key in connection_init (as the web's relay sends a reader's
// cookie); the posts are written with the first one's key, so it alone must read `mine: true`.
const LIVE_KEYED = Math.min(LIVE_SUBSCRIBERS, Number(env.BENCH_LIVE_KEYED ?? 0));
// The seed's issued keys (an unknown key would be a new one), past the few the other scenarios use.
export const liveKey = (i) => authorKey(10 + (i % (AUTHORS - 10)));
const LIVE_WARMUP = Number(env.BENCH_LIVE_WARMUP ?? 2);
const THREAD = 'subscription($s: ID!) { threadActivity(sectionId: $s) { kind postId post { id body mine } } }';

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One subscriber: resolves once its subscription is acknowledged and live. */
export function subscriber(apiUrl, sectionId, onEvent, key) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${apiUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error('no connection_ack within 30 s')), 30_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: key ? { authorKey: key } : {} })));
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'connection_ack') {
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: THREAD, variables: { s: sectionId } } }));
        clearTimeout(timer);
        resolve(ws);
      } else if (message.type === 'ping') {
        ws.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'next') {
        onEvent(message.payload?.data?.threadActivity, key);
      }
    });
    ws.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The live figures, or null when BENCH_ONLY leaves them out. */
export async function liveRun({ api, sectionId, only }) {
  if (only && !only.has('live')) return null;
  log(`Live: ${LIVE_SUBSCRIBERS.toLocaleString('en')} subscriptions on one API instance, ${LIVE_POSTS} posts…`);
  const rssBeforeMb = rssMb(api.child.pid);
  // Arrival times by post id: an event can arrive before the mutation's answer names the post.
  const arrivals = new Map();
  const latencies = [];
  let wrongMine = 0;
  const onEvent = (activity, key) => {
    if (activity?.kind !== 'PUBLISHED') return;
    if (activity.post?.mine !== (key !== undefined && key === liveKey(0))) wrongMine++;
    const list = arrivals.get(activity.postId) ?? [];
    list.push(performance.now());
    arrivals.set(activity.postId, list);
  };
  const sockets = [];
  const opening = performance.now();
  // In batches, as tabs open over a moment rather than in one tick.
  for (let i = 0; i < LIVE_SUBSCRIBERS; i += 100) {
    const batch = Array.from({ length: Math.min(100, LIVE_SUBSCRIBERS - i) }, (_, j) =>
      subscriber(api.url, sectionId, onEvent, i + j < LIVE_KEYED ? liveKey(i + j) : undefined),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  const openSeconds = (performance.now() - opening) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rssOpenMb = rssMb(api.child.pid);
  let rssMaxMb = rssOpenMb ?? 0;

  for (let n = -LIVE_WARMUP; n < LIVE_POSTS; n++) {
    const before = performance.now();
    const data = await gql(
      api.url,
      'mutation($i: CreatePostInput!) { createPost(input: $i) { outcome post { id } } }',
      {
        i: {
          sectionId,
          body: n < 0 ? `A small live note to warm up, number ${-n}.` : `A small live note number ${n + 1}, to see how fast it travels.`,
        },
      },
      // Always with a key: a keyless post makes a new key, and new keys per address are limited.
      liveKey(0),
    );
    const answered = performance.now();
    const id = data.createPost.post?.id;
    if (!id) continue;
    const deadline = performance.now() + 10_000;
    while ((arrivals.get(id)?.length ?? 0) < LIVE_SUBSCRIBERS && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const mine = (arrivals.get(id) ?? []).map((at) => at - before);
    if (n < 0) continue;
    latencies.push(...mine);
    // Per post on stderr: a tail that comes from one post (a pause) reads differently from one spread over all.
    log(
      `  post ${n + 1}: answered in ${Math.round(answered - before)} ms, first ${Math.round(Math.min(...mine))} ms, last ${Math.round(Math.max(...mine))} ms`,
    );
    rssMaxMb = Math.max(rssMaxMb, rssMb(api.child.pid) ?? 0);
  }
  const rssAfterMb = rssMb(api.child.pid);
  for (const ws of sockets) ws.terminate();

  latencies.sort((a, b) => a - b);
  const expected = LIVE_POSTS * LIVE_SUBSCRIBERS;
  return {
    subscribers: LIVE_SUBSCRIBERS,
    keyed: LIVE_KEYED,
    warmup: LIVE_WARMUP,
    wrongMine,
    posts: LIVE_POSTS,
    openSeconds,
    deliveries: latencies.length,
    missed: expected - latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? null,
    rssBeforeMb,
    rssOpenMb,
    rssMaxMb,
    rssAfterMb,
  };
}

/**
 * BENCH_LIVE_OPEN subscriptions left open through the read and write scenarios (0: none, the
 * figures without the live layer in use): on a thread no scenario writes to, and
 * BENCH_LIVE_OPEN_WRITE of them on the thread createPost writes to (each post reaches those).
 * Returns a stop() that closes them and tells how many events they received; null when off.
 */
export async function openBackground({ api, quietSectionId, writeSectionId }) {
  const total = Number(env.BENCH_LIVE_OPEN ?? 0);
  if (!total) return null;
  const onWrite = Math.min(total, Number(env.BENCH_LIVE_OPEN_WRITE ?? 0));
  log(`Opening ${total.toLocaleString('en')} live subscriptions for the scenarios (${onWrite} on the thread createPost writes to)…`);
  const child = launch(
    'live-subscribers',
    'scripts/bench/live-subscribers.mjs',
    {
      ...env,
      LIVE_API_URL: api.url,
      LIVE_SECTIONS: JSON.stringify([
        [writeSectionId, onWrite],
        [quietSectionId, total - onWrite],
      ]),
      LIVE_KEYED: String(Math.min(total, LIVE_KEYED)),
    },
    [],
    'pipe',
  );
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  await new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('ready')) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error('the live subscribers exited before they were ready'));
      }
    }, 100);
  });
  const rssMbOpen = rssMb(api.child.pid);
  return {
    total,
    onWrite,
    keyed: Math.min(total, LIVE_KEYED),
    rssMbOpen,
    async stop() {
      child.kill('SIGTERM');
      await stopChild(child);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      return { total, onWrite, keyed: Math.min(total, LIVE_KEYED), rssMbOpen, events: line ? JSON.parse(line).events : null };
    },
  };
}
