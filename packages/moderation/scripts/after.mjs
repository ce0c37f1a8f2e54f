#!/usr/bin/env node
// Figures "after training" for every ingested batch, with the engine as now built; appended to
// the ledger and shown beside the blind figures in the README. Most of a batch (its train and
// validation splits) has been trained or tuned on by then, so these figures are optimistic by
// construction: the blind column is the honest one. Prints aggregates only.
import { appendFileSync } from 'node:fs';
import { compact, figures, ingestedBatches, ledgerFile, loadEngine, score } from './corpus.mjs';
import { writeReadmeTable } from './readme-table.mjs';

const engine = await loadEngine();
const at = new Date().toISOString();
for (const b of ingestedBatches()) {
  const f = figures(score(engine, b.items));
  appendFileSync(
    ledgerFile,
    JSON.stringify({ type: 'after', at, batch: b.name, engineVersion: engine.engineVersion, figures: compact(f) }) + '\n',
  );
}
writeReadmeTable();
console.log(`after-training figures recorded for ${ingestedBatches().length} batch(es) with engine ${engine.engineVersion}.`);
