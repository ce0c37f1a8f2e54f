#!/usr/bin/env node
// Throughput on typical posts and worst-case time on adversarial 100 KB inputs.
// `npm run -w packages/moderation bench`. Prints figures; asserts nothing (the spec does).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { adversarialInputs } from '../eval/adversarial.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let engine;
try {
  engine = await import('../dist/index.js');
} catch {
  process.stderr.write('moderation: dist is missing; run `npm run build` first.\n');
  process.exit(1);
}
const { moderate } = engine;

// Model load: decoding the committed weights into the dense int8 table the engine reads.
const { MODEL_DATA } = await import('../dist/model/weights.js');
const loadStart = performance.now();
const loaded = engine.createModel(MODEL_DATA, engine.decodeWeights(MODEL_DATA));
loaded.predict('warm up');
const loadMs = performance.now() - loadStart;

const corpus = readFileSync(join(here, '../eval/dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const typical = corpus.map((i) => ({ text: i.text, kind: i.kind, section: i.section }));
const meanLength = Math.round(typical.reduce((s, i) => s + i.text.length, 0) / typical.length);

// Verdicts per second of CPU time used by this process (one core), so that other work on a
// shared machine does not count against the engine; wall-clock figures are printed too.
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

function throughput(inputs, seconds) {
  return throughputOf(moderate, inputs, seconds);
}

function throughputOf(moderate, inputs, seconds) {
  for (let i = 0; i < 3000; i++) moderate(inputs[i % inputs.length]); // warm up the JIT
  let n = 0;
  const wallEnd = performance.now() + seconds * 1000;
  const wall0 = performance.now();
  const cpu0 = cpuSeconds();
  while (performance.now() < wallEnd) {
    for (let i = 0; i < 200; i++) moderate(inputs[(n + i) % inputs.length]);
    n += 200;
  }
  return { cpu: n / (cpuSeconds() - cpu0), wall: n / ((performance.now() - wall0) / 1000) };
}

const rate = throughput(typical, 3);
// 300-character posts: corpus text (written for this project), cut or joined to 300 characters.
const { corpusItems } = await import('../scripts/corpus.mjs');
const pool = corpusItems().map((i) => i.text);
const source = pool.length > 100 ? pool : typical.map((i) => i.text);
const posts300 = source.map((_, i) => {
  let t = '';
  for (let k = 0; t.length < 300; k++) t += (t ? ' ' : '') + source[(i + k * 31) % source.length];
  return { text: t.slice(0, 300) };
});
const rate300 = throughput(posts300, 3);
// The same posts through the rules alone, to show what the learned layer costs.
const rulesOnly = (input) => engine.decide(engine.analyse(input, null), null);
const rules300 = throughputOf(rulesOnly, posts300, 2);
// A longer, multi-paragraph post: four eval posts joined.
const long = typical.map((_, i) => ({ text: [0, 1, 2, 3].map((k) => typical[(i + k * 97) % typical.length].text).join('\n\n') }));
const longRate = throughput(long, 2);

const adversarial = adversarialInputs();

const cpuMs = () => cpuSeconds() * 1000;
let worst = 0;
let worstName = '';
let worstCpu = 0;
const rows = [];
for (const [name, text] of Object.entries(adversarial)) {
  moderate({ text }); // warm
  let best = Infinity;
  let bestCpu = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const c = cpuMs();
    moderate({ text, kind: 'reply' });
    bestCpu = Math.min(bestCpu, cpuMs() - c);
    best = Math.min(best, performance.now() - t);
  }
  rows.push([name, best, bestCpu]);
  worstCpu = Math.max(worstCpu, bestCpu);
  if (best > worst) {
    worst = best;
    worstName = name;
  }
}

const fmt = (v) => Math.round(v).toLocaleString('en');
console.log(
  `typical posts (${typical.length} eval posts, mean ${meanLength} chars): ${fmt(rate.cpu)} verdicts per CPU-second on one core (wall clock ${fmt(rate.wall)}/s) (target >= 20,000)`,
);
console.log(
  `300-character posts (${posts300.length}): ${fmt(rate300.cpu)} verdicts per CPU-second on one core (wall clock ${fmt(rate300.wall)}/s) (target >= 5,000)`,
);
console.log(`  the same posts, rules alone: ${fmt(rules300.cpu)} verdicts per CPU-second`);
console.log(
  `model ${MODEL_DATA.version}: ${(MODEL_DATA.data.length / 1024).toFixed(0)} KB base64, loaded in ${loadMs.toFixed(1)} ms (target < 200 ms)`,
);
console.log(
  `long posts (mean ${Math.round(long.reduce((s, i) => s + i.text.length, 0) / long.length)} chars): ${fmt(longRate.cpu)} verdicts per CPU-second (wall clock ${fmt(longRate.wall)}/s)`,
);
console.log('\nadversarial 100 KB inputs (best of 5, ms):        wall      CPU');
for (const [name, ms, cpu] of rows) console.log(`  ${name.padEnd(28)} ${ms.toFixed(2).padStart(8)} ${cpu.toFixed(2).padStart(8)}`);
console.log(`\nworst: ${worst.toFixed(2)} ms wall clock (${worstName}), ${worstCpu.toFixed(2)} ms CPU (target < 10 ms)`);
