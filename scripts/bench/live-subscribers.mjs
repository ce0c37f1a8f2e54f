// Subscribers left open while the other scenarios run (BENCH_LIVE_OPEN): the read and write figures
// with the live layer on. A child process of its own, so that reading their messages does not
// slow the bench's load generator (it still shares the machine's cores: say so with the figures).
// Env: LIVE_API_URL, LIVE_SECTIONS (JSON: [[sectionId, count], ...]), LIVE_KEYED (how many carry a key).
// Prints "ready" once every subscription is acknowledged; on SIGTERM prints the events it got and exits.
import { liveKey, subscriber } from './live.mjs';

const sections = JSON.parse(process.env.LIVE_SECTIONS ?? '[]');
const keyed = Number(process.env.LIVE_KEYED ?? 0);
let events = 0;
const sockets = [];
let n = 0;
for (const [sectionId, count] of sections) {
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, () => {
      const key = n < keyed ? liveKey(n) : undefined;
      n++;
      return subscriber(process.env.LIVE_API_URL, sectionId, () => events++, key);
    });
    sockets.push(...(await Promise.all(batch)));
  }
}
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  for (const ws of sockets) ws.terminate();
  process.stdout.write(`${JSON.stringify({ events })}\n`);
  process.exit(0);
});
