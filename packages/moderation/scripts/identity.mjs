#!/usr/bin/env node
// Verdict identity: a speed change must not change a single verdict.
//
//   node packages/moderation/scripts/identity.mjs            # compare with the recorded baseline hash
//   node packages/moderation/scripts/identity.mjs --record   # record a new baseline (only with the engine's figures re-measured)
//   node packages/moderation/scripts/identity.mjs --dump f   # also write every output, one JSON line each (to diff two builds)
//   node packages/moderation/scripts/identity.mjs --compare f  # compare with a dump line by line (scores within 1e-9)
//   node packages/moderation/scripts/identity.mjs --dist dist-a  # run another build kept inside the package
//
// Runs the built engine (dist/, `npm run build` first) over every text in corpus/batches/*.jsonl
// and eval/*.jsonl (with its kind and section), the 300-character bench posts and the
// adversarial inputs, each through the whole engine (the verdict as JSON: action, every hit with
// rule id, offsets, excerpt, score, source, concern, message) and through `analyse` (the model's
// raw probabilities, all nine outputs, and the rules' hits before the model weighs them). The
// SHA-256 of all of it must equal scripts/identity.sha256. Exit 1 on any difference.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adversarialInputs } from '../eval/adversarial.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const baselineFile = join(pkg, 'scripts', 'identity.sha256');
const args = process.argv.slice(2);
const record = args.includes('--record');
const dumpAt = args.indexOf('--dump');
const compareAt = args.indexOf('--compare');
const distAt = args.indexOf('--dist'); // another build inside this package, e.g. dist-a
const dist = distAt >= 0 ? args[distAt + 1] : 'dist';

let engine;
try {
  engine = await import(join(pkg, dist, 'index.js'));
} catch {
  process.stderr.write('moderation: dist is missing; run `npm run build` first.\n');
  process.exit(1);
}

const readJsonl = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

const inputs = [];
const batches = join(pkg, 'corpus', 'batches');
for (const f of readdirSync(batches)
  .filter((f) => f.endsWith('.jsonl'))
  .sort())
  for (const i of readJsonl(join(batches, f))) inputs.push({ text: i.text, kind: i.kind, section: i.section ?? null });
const evalDir = join(pkg, 'eval');
for (const f of readdirSync(evalDir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort())
  for (const i of readJsonl(join(evalDir, f))) inputs.push({ text: i.text, kind: i.kind, section: i.section ?? null });
const sources = inputs.map((i) => i.text);
const corpusCount = inputs.length;
// The bench's 300-character posts (joined texts: sentences from different posts side by side).
for (let i = 0; i < sources.length; i += 3) {
  let t = '';
  for (let k = 0; t.length < 300; k++) t += (t ? ' ' : '') + sources[(i + k * 31) % sources.length];
  inputs.push({ text: t.slice(0, 300) });
}
for (const text of Object.values(adversarialInputs())) inputs.push({ text, kind: 'reply' });

const hash = createHash('sha256');
const lines = [];
const dump = dumpAt >= 0 || compareAt >= 0;
for (const input of inputs) {
  const verdict = engine.moderate(input);
  const a = engine.analyse(input);
  const out = {
    verdict,
    probs: a.probs ? Array.from(a.probs) : null,
    ruleHits: a.ruleHits.map((h) => [h.ruleId, h.start, h.end]),
    rulesAlone: engine.decide(engine.analyse(input, null), null).hits.map((h) => [h.ruleId, h.start, h.end]),
  };
  const line = JSON.stringify(out);
  hash.update(line);
  hash.update('\n');
  if (dump) lines.push(line);
}
const digest = hash.digest('hex');
console.log(
  `${inputs.length} texts (${corpusCount} corpus and eval items, ${inputs.length - corpusCount - 25} joined 300-character posts, 25 adversarial): sha256 ${digest}`,
);

if (dumpAt >= 0) writeFileSync(args[dumpAt + 1], lines.join('\n') + '\n');

if (compareAt >= 0) {
  const before = readFileSync(args[compareAt + 1], 'utf8')
    .split('\n')
    .filter(Boolean);
  let diffs = 0;
  const close = (x, y) =>
    typeof x === 'number' && typeof y === 'number'
      ? Math.abs(x - y) <= 1e-9
      : Array.isArray(x) && Array.isArray(y)
        ? x.length === y.length && x.every((v, i) => close(v, y[i]))
        : x && y && typeof x === 'object' && typeof y === 'object'
          ? Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((k) => close(x[k], y[k]))
          : x === y;
  if (before.length !== lines.length) {
    console.log(`different number of outputs: ${before.length} before, ${lines.length} now`);
    process.exit(1);
  }
  for (let i = 0; i < lines.length; i++) {
    if (before[i] === lines[i]) continue;
    if (close(JSON.parse(before[i]), JSON.parse(lines[i]))) continue;
    if (diffs++ < 5) console.log(`#${i} differs:\n  before ${before[i].slice(0, 400)}\n  now    ${lines[i].slice(0, 400)}`);
  }
  console.log(diffs === 0 ? 'identical to the dump (scores within 1e-9)' : `${diffs} outputs differ from the dump`);
  process.exit(diffs === 0 ? 0 : 1);
}

if (record) {
  writeFileSync(baselineFile, `${digest}\n`);
  console.log(`recorded in ${baselineFile}`);
} else {
  const expected = readFileSync(baselineFile, 'utf8').trim();
  if (expected !== digest) {
    console.log(`DIFFERENT from the baseline ${expected}: some verdict changed (rerun with --compare <dump> to see which)`);
    process.exit(1);
  }
  console.log('identical to the baseline: every verdict, hit span and probability unchanged');
}
