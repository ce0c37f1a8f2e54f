#!/usr/bin/env node
// A/B of two builds of the engine in one process, on the bench's 300-character posts, in
// alternating rounds, measured in CPU time (a shared, loaded machine makes wall clock useless).
//
//   cp -r packages/moderation/dist packages/moderation/dist-a    # the build before a change
//   npm run -w packages/moderation build                         # the build after it
//   node packages/moderation/bench/ab.mjs dist-a dist [seconds]
//
// Both builds must sit inside packages/moderation (so `obscenity` resolves). Prints the verdicts
// per CPU-second of each and the ratio (median of the rounds' ratios).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const [a = 'dist-a', b = 'dist', secondsArg = '20'] = process.argv.slice(2);
const load = async (d) => (await import(join(resolve(pkg, d), 'index.js'))).moderate;
const engines = [await load(a), await load(b)];

const { corpusItems } = await import('../scripts/corpus.mjs');
const source = corpusItems().map((i) => i.text);
const posts = source.map((_, i) => {
  let t = '';
  for (let k = 0; t.length < 300; k++) t += (t ? ' ' : '') + source[(i + k * 31) % source.length];
  return { text: t.slice(0, 300) };
});

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const ROUND = 400;
let offset = 0;
function round(moderate) {
  const c = cpu();
  for (let i = 0; i < ROUND; i++) moderate(posts[(offset + i) % posts.length]);
  return cpu() - c;
}
for (const m of engines) for (let i = 0; i < 6; i++) round(m); // warm up the JIT
const spent = [0, 0];
const ratios = [];
const end = Date.now() + Number(secondsArg) * 1000;
let rounds = 0;
while (Date.now() < end) {
  // Alternate which goes first, on the same posts.
  const order = rounds % 2 === 0 ? [0, 1] : [1, 0];
  const t = [0, 0];
  for (const k of order) t[k] = round(engines[k]);
  spent[0] += t[0];
  spent[1] += t[1];
  ratios.push(t[0] / t[1]);
  offset += ROUND;
  rounds++;
}
ratios.sort((x, y) => x - y);
const n = rounds * ROUND;
const fmt = (v) => Math.round(v).toLocaleString('en');
console.log(`${rounds} rounds of ${ROUND} posts (300 characters) each, alternating:`);
console.log(`  A ${a}: ${fmt(n / spent[0])} verdicts per CPU-second`);
console.log(`  B ${b}: ${fmt(n / spent[1])} verdicts per CPU-second`);
console.log(
  `  B/A speed: ${(spent[0] / spent[1]).toFixed(3)} overall, ${ratios[Math.floor(ratios.length / 2)].toFixed(3)} median of rounds`,
);
