#!/usr/bin/env node
// Throughput on typical posts and worst-case time on adversarial 100 KB inputs.
// `npm run -w packages/moderation bench`. Prints figures; asserts nothing (the spec does).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = dirname(fileURLToPath(import.meta.url));
let engine;
try {
  engine = await import('../dist/index.js');
} catch {
  process.stderr.write('moderation: dist is missing; run `npm run build` first.\n');
  process.exit(1);
}
const { moderate } = engine;

const corpus = readFileSync(join(here, '../eval/dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const typical = corpus.map((i) => ({ text: i.text, kind: i.kind, section: i.section }));
const meanLength = Math.round(typical.reduce((s, i) => s + i.text.length, 0) / typical.length);

function throughput(inputs, seconds) {
  for (let i = 0; i < 2000; i++) moderate(inputs[i % inputs.length]); // warm up the JIT
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 200; i++) moderate(inputs[(n + i) % inputs.length]);
    n += 200;
  }
  return n / ((performance.now() - start) / 1000);
}

const rate = throughput(typical, 3);
// A longer, multi-paragraph post: four eval posts joined.
const long = typical.map((_, i) => ({ text: [0, 1, 2, 3].map((k) => typical[(i + k * 97) % typical.length].text).join('\n\n') }));
const longRate = throughput(long, 2);

const KB100 = 100 * 1024;
const adversarial = {
  'one character (a)': 'a'.repeat(KB100),
  'one character (!)': '!'.repeat(KB100),
  'one character (digit 7)': '7'.repeat(KB100),
  'one character (@)': '@'.repeat(KB100),
  'spaces': ' '.repeat(KB100),
  'spaces between words': ('you ' + ' '.repeat(4000)).repeat(25).slice(0, KB100),
  'nested brackets': '('.repeat(KB100 / 2) + ')'.repeat(KB100 / 2),
  'nested square brackets': '[{('.repeat(KB100 / 3),
  'quotes': '"'.repeat(KB100),
  'apostrophes': "'a".repeat(KB100 / 2),
  'repeated phrase': 'you need to '.repeat(Math.ceil(KB100 / 12)).slice(0, KB100),
  'repeated insult': 'you are a '.repeat(Math.ceil(KB100 / 10)).slice(0, KB100),
  'digits and spaces': '1 2 '.repeat(KB100 / 4),
  'capital words': 'YOU ARE '.repeat(KB100 / 8),
  'zero-width joiners': 'a\u200d'.repeat(KB100 / 2),
  'combining marks': 'a\u0301\u0302'.repeat(KB100 / 3),
  'cyrillic confusables': 'уоu аrе '.repeat(KB100 / 8),
  'emoji': '😀'.repeat(KB100 / 2),
  'email-ish': 'a.'.repeat(KB100 / 4) + '@' + 'b.'.repeat(KB100 / 4),
  'url-ish': 'http://' + 'a/'.repeat(KB100 / 2),
  'newlines': '\n'.repeat(KB100),
  'dots': '.'.repeat(KB100),
  'mixed punctuation': '!?'.repeat(KB100 / 2),
  'words without punctuation': 'i want to '.repeat(KB100 / 10),
  'dead/die words': 'i think about dying and '.repeat(KB100 / 24),
};

let worst = 0;
let worstName = '';
const rows = [];
for (const [name, text] of Object.entries(adversarial)) {
  moderate({ text }); // warm
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    moderate({ text, kind: 'reply' });
    best = Math.min(best, performance.now() - t);
  }
  rows.push([name, best]);
  if (best > worst) {
    worst = best;
    worstName = name;
  }
}

console.log(`typical posts (${typical.length} eval posts, mean ${meanLength} chars): ${Math.round(rate).toLocaleString('en')} verdicts/s on one core (target >= 20,000)`);
console.log(`long posts (mean ${Math.round(long.reduce((s, i) => s + i.text.length, 0) / long.length)} chars): ${Math.round(longRate).toLocaleString('en')} verdicts/s`);
console.log('\nadversarial 100 KB inputs (best of 3, ms):');
for (const [name, ms] of rows) console.log(`  ${name.padEnd(28)} ${ms.toFixed(2).padStart(8)}`);
console.log(`\nworst: ${worst.toFixed(2)} ms (${worstName}) (target < 10 ms)`);
