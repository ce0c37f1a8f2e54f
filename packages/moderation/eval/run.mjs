#!/usr/bin/env node
// Evaluates the built engine on the labelled sets: `npm run -w packages/moderation eval`.
// dev.jsonl is what the rules were tuned on; heldout.jsonl was written at the same time and is
// never tuned on. Flags: --verbose (list every miss), --set dev|heldout (one set only).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let engine;
try {
  engine = await import('../dist/index.js');
} catch {
  process.stderr.write('moderation: dist is missing; run `npm run build` first.\n');
  process.exit(1);
}
const { moderate, rulesVersion } = engine;

const LABELS = ['publish', 'nudge', 'hold', 'crisis'];
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.includes('--set') ? args[args.indexOf('--set') + 1] : null;

const TARGETS = [
  { name: 'publish wrongly stopped', fn: (m) => rate(m, 'publish', (p) => p !== 'publish'), ok: (v) => v <= 0.03, goal: '<= 3%' },
  { name: 'crisis recall', fn: (m) => rate(m, 'crisis', (p) => p === 'crisis'), ok: (v) => v >= 0.95, goal: '>= 95%' },
  { name: 'hold caught (hold or crisis)', fn: (m) => rate(m, 'hold', (p) => p === 'hold' || p === 'crisis'), ok: (v) => v >= 0.9, goal: '>= 90%' },
  { name: 'nudge caught (not publish)', fn: (m) => rate(m, 'nudge', (p) => p !== 'publish'), ok: (v) => v >= 0.8, goal: '>= 80%' },
  { name: 'macro-F1', fn: (m) => macroF1(m), ok: (v) => v >= 0.85, goal: '>= 0.85' },
];

function rate(matrix, gold, pred) {
  const row = matrix[gold];
  const total = LABELS.reduce((s, p) => s + row[p], 0);
  return total === 0 ? NaN : LABELS.filter(pred).reduce((s, p) => s + row[p], 0) / total;
}

function perClass(matrix) {
  return LABELS.map((l) => {
    const tp = matrix[l][l];
    const fp = LABELS.reduce((s, g) => s + (g === l ? 0 : matrix[g][l]), 0);
    const fn = LABELS.reduce((s, p) => s + (p === l ? 0 : matrix[l][p]), 0);
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label: l, precision, recall, f1, support: tp + fn };
  });
}

const macroF1 = (m) => perClass(m).reduce((s, c) => s + c.f1, 0) / LABELS.length;
const pct = (v) => `${(v * 100).toFixed(1)}%`;

function evaluate(name, file) {
  const items = readFileSync(join(here, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const matrix = Object.fromEntries(LABELS.map((g) => [g, Object.fromEntries(LABELS.map((p) => [p, 0]))]));
  const misses = [];
  for (const item of items) {
    const v = moderate({ text: item.text, section: item.section, kind: item.kind });
    matrix[item.label][v.action]++;
    if (v.action !== item.label) misses.push({ item, v });
  }
  const hard = items.filter((i) => i.hard);
  const hardStopped = hard.filter((i) => moderate({ text: i.text, kind: i.kind }).action !== 'publish').length;

  console.log(`\n== ${name} (${file}): ${items.length} items, rules ${rulesVersion}`);
  console.log('confusion matrix (rows: gold, columns: predicted)');
  console.log(`${'gold \\ pred'.padEnd(12)}${LABELS.map((l) => l.padStart(9)).join('')}`);
  for (const g of LABELS) console.log(`${g.padEnd(12)}${LABELS.map((p) => String(matrix[g][p]).padStart(9)).join('')}`);
  console.log('\nclass        precision   recall       F1  support');
  for (const c of perClass(matrix)) {
    console.log(`${c.label.padEnd(12)}${pct(c.precision).padStart(10)}${pct(c.recall).padStart(9)}${c.f1.toFixed(3).padStart(9)}${String(c.support).padStart(9)}`);
  }
  console.log('\ntargets');
  let pass = true;
  for (const t of TARGETS) {
    const v = t.fn(matrix);
    const ok = t.ok(v);
    pass &&= ok;
    const shown = t.name === 'macro-F1' ? v.toFixed(3) : pct(v);
    console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${t.name.padEnd(30)} ${shown.padStart(7)}   (target ${t.goal})`);
  }
  if (hard.length) console.log(`  info  hard publish cases stopped       ${hardStopped}/${hard.length}`);
  if (verbose) {
    console.log('\nmisses');
    for (const { item, v } of misses) {
      console.log(`  ${item.id} gold=${item.label} got=${v.action} [${v.hits.map((h) => `${h.ruleId}:"${h.excerpt}"`).join(', ')}] ${item.kind === 'reply' ? '(reply) ' : ''}${item.text}`);
    }
  }
  return pass;
}

const sets = [
  ['development set', 'dev.jsonl'],
  ['held-out set', 'heldout.jsonl'],
].filter(([, f]) => !only || f.startsWith(only));
let allPass = true;
for (const [name, file] of sets) allPass = evaluate(name, file) && allPass;
console.log(`\n${allPass ? 'all targets met' : 'some targets missed'}`);
