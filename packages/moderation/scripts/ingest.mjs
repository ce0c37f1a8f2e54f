#!/usr/bin/env node
// `npm run -w packages/moderation corpus:ingest`: the blind protocol.
// For each complete batch in the incoming folder (…/<writer>/batch-NN.jsonl; `.tmp` means still
// being written) that is not yet in the ledger, in this order:
//   1. score it with the engine as built right now (rules + the committed model) and append the
//      figures to corpus/ledger.jsonl; nothing of an item (text, persona, id) is printed;
//   2. only then copy it into corpus/batches/<writer>-batch-NN.jsonl, where train and eval
//      find it; each item's split (test 20%, validation 10%, train 70%) follows from its id.
// The README's corpus table is rewritten from the ledger at the end.
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  batchesDir,
  compact,
  corpusDir,
  describe,
  figures,
  incomingDir,
  ledger,
  ledgerFile,
  loadEngine,
  parseItems,
  pkgDir,
  score,
  splitOf,
} from './corpus.mjs';
import { writeReadmeTable } from './readme-table.mjs';

const engine = await loadEngine();
const version = engine.engineVersion;
let dirty = '';
// With MODERATION_DIST the engine is another build (the shipped one), not this src/.
if (!process.env.MODERATION_DIST)
  try {
    dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: pkgDir, encoding: 'utf8' }).trim();
  } catch {
    dirty = '';
  }
if (dirty) process.stderr.write('corpus:ingest: note, src/ has uncommitted changes; the ledger records that.\n');

mkdirSync(batchesDir, { recursive: true });
const done = new Set(
  ledger()
    .filter((r) => r.type === 'blind')
    .map((r) => r.batch),
);
const complete = [];
for (const writer of existsSync(incomingDir) ? readdirSync(incomingDir).sort() : []) {
  const dir = join(incomingDir, writer);
  if (!statSync(dir).isDirectory()) continue;
  for (const f of readdirSync(dir).sort()) {
    const m = /^batch-(\d+)\.jsonl$/.exec(f);
    if (m) complete.push({ name: `${writer}-batch-${m[1].padStart(2, '0')}`, file: join(dir, f) });
  }
}

let ingested = 0;
for (const b of complete) {
  if (done.has(b.name)) continue;
  const raw = readFileSync(b.file);
  const { items, rejected } = parseItems(raw.toString('utf8'));
  if (items.length === 0) {
    process.stderr.write(`corpus:ingest: ${b.name} has no usable item; skipped for now.\n`);
    continue;
  }
  const f = figures(score(engine, items));
  const splits = { test: 0, validation: 0, train: 0 };
  for (const i of items) splits[splitOf(i.id)]++;
  const record = {
    type: 'blind',
    at: new Date().toISOString(),
    batch: b.name,
    sha256: createHash('sha256').update(raw).digest('hex'),
    size: items.length,
    rejected,
    engineVersion: version,
    srcDirty: Boolean(dirty),
    splits,
    figures: compact(f),
  };
  appendFileSync(ledgerFile, JSON.stringify(record) + '\n');
  // Scored and recorded: now it may join the corpus.
  copyFileSync(b.file, join(batchesDir, `${b.name}.jsonl`));
  console.log(`\n${b.name}: ${items.length} items (${rejected} rejected lines), blind with engine ${version}`);
  console.log(describe(f));
  ingested++;
}
writeReadmeTable();
console.log(`\ncorpus:ingest: ${ingested} new batch(es); ${complete.length} complete in ${incomingDir}; corpus in ${corpusDir}.`);
