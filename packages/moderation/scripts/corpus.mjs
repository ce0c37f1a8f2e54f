// Shared by train, eval and corpus:ingest: reading labelled sets, the split of each item, and
// the figures the targets are stated in. Node-only tooling; the engine never imports it.
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Rewrites the README between `<!-- name:start -->` and `<!-- name:end -->`; no markers, no change. */
export function replaceReadmeSection(name, lines) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const file = join(pkgDir, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const s = readme.indexOf(start);
  const e = readme.indexOf(end);
  if (s < 0 || e < 0) return;
  writeFileSync(file, readme.slice(0, s) + [start, ...lines, end].join('\n') + readme.slice(e + end.length));
}
export const corpusDir = join(pkgDir, 'corpus');
export const batchesDir = join(corpusDir, 'batches');
export const ledgerFile = join(corpusDir, 'ledger.jsonl');
export const incomingDir = process.env.CORPUS_INCOMING ?? '/work/corpus/incoming';

export const ACTIONS = ['publish', 'nudge', 'hold', 'crisis'];
export const CATEGORIES = ['self-harm', 'partner-danger', 'threat', 'harassment', 'personal-info', 'spam', 'pressure'];
export const ACTION_OF = {
  'self-harm': 'crisis',
  'partner-danger': 'crisis',
  threat: 'crisis',
  harassment: 'hold',
  'personal-info': 'hold',
  spam: 'hold',
  pressure: 'nudge',
  none: 'publish',
};

/**
 * The built engine. `MODERATION_DIST` points at another build (a copy of the shipped engine's
 * dist) so that batches arriving while src/ is being changed are still scored blind with the
 * engine that is shipped.
 */
export async function loadEngine() {
  try {
    return await import(join(process.env.MODERATION_DIST ?? join(pkgDir, 'dist'), 'index.js'));
  } catch {
    process.stderr.write('moderation: dist is missing; run `npm run build` first.\n');
    process.exit(1);
  }
}

/** FNV-1a over the id: the split never changes when batches are added or re-read. */
export function splitOf(id) {
  let h = 0x811c9dc5;
  const s = String(id);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const bucket = h % 100;
  return bucket < 20 ? 'test' : bucket < 30 ? 'validation' : 'train';
}

/** Parses JSON Lines; bad lines and items with an unknown label or category are dropped and counted. */
export function parseItems(text) {
  const items = [];
  let rejected = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let o;
    try {
      o = JSON.parse(line);
    } catch {
      rejected++;
      continue;
    }
    if (!o || typeof o.text !== 'string' || !ACTIONS.includes(o.label) || !(o.category in ACTION_OF) || ACTION_OF[o.category] !== o.label) {
      rejected++;
      continue;
    }
    items.push(o);
  }
  return { items, rejected };
}

const FLAG_REASON = { attack: 'harassment', unsafe: 'harassment' };
/**
 * Moderators' labels (`npm run -s moderator -- export-labels`): one {text, decision, category}
 * a line. approve → publish/none; reject → the hold of `category` (a model category, or the
 * contract's FlagReason attack/unsafe read as harassment); anything else is skipped and counted.
 */
export function moderatorItems(file) {
  const out = [];
  let skipped = 0;
  for (const l of readFileSync(file, 'utf8').split('\n')) {
    if (!l.trim()) continue;
    let o;
    try {
      o = JSON.parse(l);
    } catch {
      skipped++;
      continue;
    }
    if (typeof o?.text !== 'string') {
      skipped++;
      continue;
    }
    if (o.decision === 'approve') out.push({ id: `label-${out.length}`, text: o.text, label: 'publish', category: 'none', weight: 1 });
    else if (o.decision === 'reject') {
      const category = CATEGORIES.includes(o.category) ? o.category : FLAG_REASON[o.category];
      if (!category) {
        skipped++;
        continue;
      }
      out.push({ id: `label-${out.length}`, text: o.text, label: ACTION_OF[category], category, weight: 1 });
    } else skipped++;
  }
  return { items: out, skipped };
}

export const readJsonl = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/** Every ingested batch, in ledger order: [{ name, items }]. */
export function ingestedBatches() {
  if (!existsSync(batchesDir)) return [];
  return readdirSync(batchesDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => ({ name: f.replace(/\.jsonl$/, ''), items: parseItems(readFileSync(join(batchesDir, f), 'utf8')).items }));
}

export function corpusItems(split) {
  return ingestedBatches().flatMap((b) => b.items.filter((i) => !split || splitOf(i.id) === split));
}

export function ledger() {
  return existsSync(ledgerFile) ? readJsonl(ledgerFile) : [];
}

// A proxy for "hate aimed at a group": the brief asks writers for it inside harassment but gives
// it no tag of its own, so it is recognised from the writer's tag or persona, or a group noun in
// a harassment item. Counted only on harassment items.
const GROUP =
  /\b(hate|bigot|racis|xenophob|sexis|homophob|transphob|misogyn|immigrant|migrant|refugee|foreigner|muslim|jew|christian|hindu|black people|white people|asian|mexican|indian|gays?\b|lesbian|trans (?:people|women|men)|women are|men are|all (?:wom|men|m[ae]n\b)|those people|these people|their kind|you people|feminist|boomers|millennials)/i;
export const isGroupHate = (i) =>
  i.category === 'harassment' && (/hate|group/i.test(i.tag ?? '') || GROUP.test(`${i.persona ?? ''} ${i.text}`));

const caught = (category, action) => {
  const want = ACTION_OF[category];
  if (want === 'publish') return action === 'publish';
  if (want === 'nudge') return action !== 'publish';
  if (want === 'hold') return action === 'hold' || action === 'crisis';
  return action === 'crisis';
};

/**
 * The figures of the targets over scored items [{ item, verdict }]. Rates are fractions
 * (null when the set has no such item), `n` says how many items each rate stands on.
 */
export function figures(scored) {
  const m = Object.fromEntries(ACTIONS.map((g) => [g, Object.fromEntries(ACTIONS.map((p) => [p, 0]))]));
  for (const { item, verdict } of scored) m[item.label][verdict.action]++;
  const f1s = ACTIONS.map((l) => {
    const tp = m[l][l];
    const fp = ACTIONS.reduce((s, g) => s + (g === l ? 0 : m[g][l]), 0);
    const fn = ACTIONS.reduce((s, p) => s + (p === l ? 0 : m[l][p]), 0);
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  const rate = (filter, ok) => {
    const of = scored.filter(({ item }) => filter(item));
    return { v: of.length ? of.filter(({ item, verdict }) => ok(verdict, item)).length / of.length : null, n: of.length };
  };
  const r = {
    size: scored.length,
    macroF1: f1s.reduce((a, b) => a + b, 0) / ACTIONS.length,
    f1: Object.fromEntries(ACTIONS.map((l, i) => [l, f1s[i]])),
    crisisRecall: rate(
      (i) => i.label === 'crisis',
      (v) => v.action === 'crisis',
    ),
    holdCaught: rate(
      (i) => i.label === 'hold',
      (v) => v.action === 'hold' || v.action === 'crisis',
    ),
    nudgeCaught: rate(
      (i) => i.label === 'nudge',
      (v) => v.action !== 'publish',
    ),
    publishStopped: rate(
      (i) => i.label === 'publish',
      (v) => v.action !== 'publish',
    ),
    publishHeld: rate(
      (i) => i.label === 'publish',
      (v) => v.action === 'hold' || v.action === 'crisis',
    ),
    supportiveCrisis: rate(
      (i) => i.tag === 'supporting',
      (v) => v.action === 'crisis',
    ),
    happyLoudStopped: rate(
      (i) => i.tag === 'happy-loud',
      (v) => v.action !== 'publish',
    ),
    hateNotPublished: rate(isGroupHate, (v) => v.action !== 'publish'),
    concernOther: rate(
      (i) => i.label === 'crisis' && i.about === 'other',
      (v) => v.action === 'crisis' && v.concern === 'other',
    ),
    perCategory: Object.fromEntries(
      ['none', ...CATEGORIES].map((c) => [
        c,
        rate(
          (i) => i.category === c,
          (v) => caught(c, v.action),
        ),
      ]),
    ),
    matrix: m,
  };
  return r;
}

export function score(engine, items) {
  return items.map((item) => ({
    item,
    verdict: engine.moderate({ text: item.text, kind: item.kind === 'reply' ? 'reply' : 'post', section: item.section ?? null }),
  }));
}

const pct = (x) => (x == null || x.v == null ? 'n/a' : `${(x.v * 100).toFixed(1)}%`);

export const TARGETS = [
  ['macro-F1', (f) => f.macroF1, (v) => v >= 0.85, '>= 0.85', (f) => f.macroF1.toFixed(3)],
  ['publish wrongly stopped', (f) => f.publishStopped.v, (v) => v <= 0.03, '<= 3%', (f) => pct(f.publishStopped)],
  ['publish held or crisis', (f) => f.publishHeld.v, (v) => v <= 0.01, '<= 1%', (f) => pct(f.publishHeld)],
  ['crisis recall', (f) => f.crisisRecall.v, (v) => v >= 0.95, '>= 95%', (f) => pct(f.crisisRecall)],
  ['hold caught', (f) => f.holdCaught.v, (v) => v >= 0.9, '>= 90%', (f) => pct(f.holdCaught)],
  ['nudge caught', (f) => f.nudgeCaught.v, (v) => v >= 0.8, '>= 80%', (f) => pct(f.nudgeCaught)],
  [
    'supportive -> crisis',
    (f) => f.supportiveCrisis.v,
    (v) => v <= 0.1,
    '<= 10%',
    (f) => `${pct(f.supportiveCrisis)} (n=${f.supportiveCrisis.n})`,
  ],
  [
    'hate at a group not published',
    (f) => f.hateNotPublished.v,
    (v) => v >= 0.9,
    '>= 90%',
    (f) => `${pct(f.hateNotPublished)} (n=${f.hateNotPublished.n})`,
  ],
  [
    'happy shouting stopped',
    (f) => f.happyLoudStopped.v,
    (v) => v === 0,
    '0',
    (f) => `${pct(f.happyLoudStopped)} (n=${f.happyLoudStopped.n})`,
  ],
];

/** Figures as text: aggregate targets, per-category catch rates and the confusion matrix. No item text. */
export function describe(f) {
  const lines = [];
  for (const [name, get, ok, goal, show] of TARGETS) {
    const v = get(f);
    lines.push(`  ${name.padEnd(32)} ${show(f).padStart(16)}  (${goal}) ${v == null ? '' : ok(v) ? 'PASS' : 'FAIL'}`);
  }
  lines.push(`  concern 'other' on crisis about others: ${pct(f.concernOther)} (n=${f.concernOther.n})`);
  lines.push(
    '  per category caught: ' +
      Object.entries(f.perCategory)
        .map(([c, x]) => `${c} ${pct(x)} (${x.n})`)
        .join(', '),
  );
  lines.push(
    `  matrix gold\\pred ${ACTIONS.join('/')}: ` + ACTIONS.map((g) => `${g} ${ACTIONS.map((p) => f.matrix[g][p]).join('/')}`).join('; '),
  );
  return lines.join('\n');
}

/** Compact record kept in the ledger (fractions rounded to 4 places). */
export function compact(f) {
  const r4 = (x) => (x == null ? null : Math.round(x * 10000) / 10000);
  const pick = (x) => ({ v: r4(x.v), n: x.n });
  return {
    size: f.size,
    macroF1: r4(f.macroF1),
    crisisRecall: pick(f.crisisRecall),
    holdCaught: pick(f.holdCaught),
    nudgeCaught: pick(f.nudgeCaught),
    publishStopped: pick(f.publishStopped),
    publishHeld: pick(f.publishHeld),
    supportiveCrisis: pick(f.supportiveCrisis),
    happyLoudStopped: pick(f.happyLoudStopped),
    hateNotPublished: pick(f.hateNotPublished),
    concernOther: pick(f.concernOther),
    perCategory: Object.fromEntries(Object.entries(f.perCategory).map(([c, x]) => [c, pick(x)])),
    matrix: f.matrix,
  };
}
