// Rewrites the corpus table in the package README from the ledger (between the two markers).
import { ledger, replaceReadmeSection } from './corpus.mjs';

const pct = (x) => (x == null || x.v == null ? '–' : `${Math.round(x.v * 1000) / 10}%`);
const f1 = (f) => (f ? f.macroF1.toFixed(3) : '–');

export function writeReadmeTable() {
  const rows = ledger();
  const blind = rows.filter((r) => r.type === 'blind');
  const after = new Map();
  for (const r of rows) if (r.type === 'after') after.set(r.batch, r);
  const lines = [
    '| date (UTC) | batch | size | engine (blind) | blind macro-F1 | crisis recall | hold caught | nudge caught | publish stopped | supportive→crisis | hate not published | after training: macro-F1 / crisis / hold / nudge / publish stopped |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of blind) {
    const f = r.figures;
    const a = after.get(r.batch)?.figures;
    const afterCell = a
      ? `${f1(a)} / ${pct(a.crisisRecall)} / ${pct(a.holdCaught)} / ${pct(a.nudgeCaught)} / ${pct(a.publishStopped)}`
      : '–';
    lines.push(
      `| ${r.at.slice(0, 16).replace('T', ' ')} | ${r.batch} | ${r.size} | ${r.engineVersion} | ${f1(f)} | ${pct(f.crisisRecall)} | ${pct(f.holdCaught)} | ${pct(f.nudgeCaught)} | ${pct(f.publishStopped)} | ${pct(f.supportiveCrisis)} (${f.supportiveCrisis.n}) | ${pct(f.hateNotPublished)} (${f.hateNotPublished.n}) | ${afterCell} |`,
    );
  }
  const total = blindTotal;
  if (blind.length) {
    lines.push('', `**All blind batches**: ${total(blind)}.`);
    const withModel = blind.filter((r) => !r.engineVersion.endsWith('+none'));
    if (withModel.length) lines.push('', `**Blind, with a model** (rules + the model committed at the time): ${total(withModel)}.`);
    const last = blind[blind.length - 1].engineVersion;
    const latest = blind.filter((r) => r.engineVersion === last);
    lines.push('', `**Blind, latest engine** (\`${last}\`): ${total(latest)}.`);
    const writers = (w) => blind.filter((r) => w.some((x) => r.batch.startsWith(`${x}-`)));
    const fresh = writers(['w9', 'w10', 'w11']);
    if (fresh.length)
      lines.push(
        '',
        `**Blind, the three newest writers** (w9, w10, w11, written after every earlier model; none of their text was read before scoring): ${total(fresh)}.`,
      );
  }
  replaceReadmeSection('corpus-table', lines);
}

/** Pooled figures of some blind ledger rows, in one sentence. */
export function blindTotal(rs) {
  const A = ['publish', 'nudge', 'hold', 'crisis'];
  const m = Object.fromEntries(A.map((g) => [g, Object.fromEntries(A.map((p) => [p, 0]))]));
  for (const r of rs) for (const g of A) for (const p of A) m[g][p] += r.figures.matrix[g][p];
  const f1 = A.map((l) => {
    const tp = m[l][l];
    const fp = A.reduce((x, g) => x + (g === l ? 0 : m[g][l]), 0);
    const fn = A.reduce((x, p) => x + (p === l ? 0 : m[l][p]), 0);
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  const pool = (key) => {
    const n = rs.reduce((x, r) => x + (r.figures[key].n ?? 0), 0);
    return { v: n ? rs.reduce((x, r) => x + (r.figures[key].v ?? 0) * r.figures[key].n, 0) / n : null, n };
  };
  const size = rs.reduce((x, r) => x + r.size, 0);
  return `${rs.length} batches, ${size} items: macro-F1 ${(f1.reduce((a, b) => a + b, 0) / 4).toFixed(3)}, crisis recall ${pct(pool('crisisRecall'))}, hold caught ${pct(pool('holdCaught'))}, nudge caught ${pct(pool('nudgeCaught'))}, publish stopped ${pct(pool('publishStopped'))}, publish held or crisis ${pct(pool('publishHeld'))}, supportive→crisis ${pct(pool('supportiveCrisis'))} (${pool('supportiveCrisis').n}), hate not published ${pct(pool('hateNotPublished'))} (${pool('hateNotPublished').n}), happy shouting stopped ${pct(pool('happyLoudStopped'))} (${pool('happyLoudStopped').n})`;
}
