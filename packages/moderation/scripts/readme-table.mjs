// Rewrites the corpus table in the package README from the ledger (between the two markers).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ledger, pkgDir } from './corpus.mjs';

const START = '<!-- corpus-table:start -->';
const END = '<!-- corpus-table:end -->';
const pct = (x) => (x == null || x.v == null ? '–' : `${Math.round(x.v * 1000) / 10}%`);
const f1 = (f) => (f ? f.macroF1.toFixed(3) : '–');

export function writeReadmeTable() {
  const rows = ledger();
  const blind = rows.filter((r) => r.type === 'blind');
  const after = new Map();
  for (const r of rows) if (r.type === 'after') after.set(r.batch, r);
  const lines = [
    START,
    '| date (UTC) | batch | size | engine (blind) | blind macro-F1 | crisis recall | hold caught | nudge caught | publish stopped | supportive→crisis | hate not published | after training: macro-F1 / crisis / hold / nudge / publish stopped |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of blind) {
    const f = r.figures;
    const a = after.get(r.batch)?.figures;
    const afterCell = a ? `${f1(a)} / ${pct(a.crisisRecall)} / ${pct(a.holdCaught)} / ${pct(a.nudgeCaught)} / ${pct(a.publishStopped)}` : '–';
    lines.push(
      `| ${r.at.slice(0, 16).replace('T', ' ')} | ${r.batch} | ${r.size} | ${r.engineVersion} | ${f1(f)} | ${pct(f.crisisRecall)} | ${pct(f.holdCaught)} | ${pct(f.nudgeCaught)} | ${pct(f.publishStopped)} | ${pct(f.supportiveCrisis)} (${f.supportiveCrisis.n}) | ${pct(f.hateNotPublished)} (${f.hateNotPublished.n}) | ${afterCell} |`,
    );
  }
  lines.push(END);
  const file = join(pkgDir, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const s = readme.indexOf(START);
  const e = readme.indexOf(END);
  if (s < 0 || e < 0) return;
  writeFileSync(file, readme.slice(0, s) + lines.join('\n') + readme.slice(e + END.length));
}
