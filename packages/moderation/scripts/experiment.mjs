#!/usr/bin/env node
// Model selection without thresholds: k-fold average precision per category on the corpus's
// train + validation splits (never test). `node scripts/experiment.mjs '<json list of option sets>'`.
// Each option set: { epochs, rate, l2, pos, projectWeight, folds }.
import { join } from 'node:path';
import { corpusItems, loadEngine, pkgDir, readJsonl } from './corpus.mjs';

const engine = await loadEngine();
const T = await import(join(pkgDir, 'dist', 'model', 'train.js'));
const { normalise, featurize, signalsFor, analyse, createModel, MODEL_OUTPUTS, MODEL_CATEGORIES, RULE_CATEGORY, MAX_LENGTH, FEATURE_DIM } =
  engine;
const configs = JSON.parse(process.argv[2] ?? '[{}]');

const catOfRule = (id) =>
  RULE_CATEGORY[id] ??
  (id.startsWith('respect-') ? 'harassment' : id.startsWith('privacy-') ? 'personal-info' : id.startsWith('spam-') ? 'spam' : 'pressure');
const corpus = [...corpusItems('train'), ...corpusItems('validation')];
const project = [];
for (const f of ['eval/dev.jsonl', 'eval/heldout.jsonl'])
  for (const i of readJsonl(join(pkgDir, f))) {
    if (i.label === 'publish') project.push({ ...i, category: 'none', project: true });
    else {
      const h = analyse({ text: i.text, kind: i.kind }, null).ruleHits.find((x) => x.action === i.label);
      if (h) project.push({ ...i, category: catOfRule(h.ruleId), project: true });
    }
  }
const feat = (i) => {
  const n = normalise(i.text, 12000);
  return featurize(n.text.slice(0, MAX_LENGTH), n.cased.slice(0, MAX_LENGTH));
};
const ex = (i, useSignals) => {
  const targets = new Int8Array(MODEL_OUTPUTS.length);
  MODEL_CATEGORIES.forEach((c, k) => (targets[k] = i.category === c ? 1 : 0));
  targets[7] = (i.category === 'self-harm' || i.category === 'partner-danger') && i.about ? (i.about === 'other' ? 1 : 0) : -1;
  targets[8] = i.project ? -1 : i.tag === 'supporting' ? 1 : 0;
  return {
    features: feat(i),
    signals: (() => {
      const a = analyse({ text: i.text, kind: i.kind === 'reply' ? 'reply' : 'post' }, null);
      return signalsFor(a.norm.text, a.ruleHits, useSignals && !i.project);
    })(),
    targets,
    weight: 1,
  };
};
const corpusEx = corpus.map((i) => ex(i, true));
const projectEx = project.map((i) => ex(i, false));
const fold = (i, k) => [...String(i.id)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % k;

function ap(scores, labels) {
  const order = scores.map((s, i) => i).sort((a, b) => scores[b] - scores[a]);
  let tp = 0,
    sum = 0;
  const pos = labels.filter(Boolean).length;
  order.forEach((i, r) => {
    if (labels[i]) {
      tp++;
      sum += tp / (r + 1);
    }
  });
  return pos ? sum / pos : NaN;
}

for (const cfg of configs) {
  const k = cfg.folds ?? 3;
  const opts = {
    ...T.DEFAULT_TRAIN,
    ...(cfg.epochs && { epochs: cfg.epochs }),
    ...(cfg.rate && { rate: cfg.rate }),
    ...(cfg.l2 != null && { l2: cfg.l2 }),
    ...(cfg.pos && { maxPositiveWeight: cfg.pos }),
    ...(cfg.prior != null && { lengthPrior: cfg.prior }),
  };
  const pw = cfg.projectWeight ?? 0.5;
  const probs = new Array(corpus.length);
  const t0 = Date.now();
  for (let f = 0; f < k; f++) {
    const train = [...corpusEx.filter((_, n) => fold(corpus[n], k) !== f), ...(pw > 0 ? projectEx.map((e) => ({ ...e, weight: pw })) : [])];
    const q = T.quantize(T.train(train, opts));
    const m = createModel(
      {
        version: 'x',
        dim: FEATURE_DIM,
        outputs: [],
        bias: q.bias,
        scale: q.scale,
        lengthPrior: opts.lengthPrior ?? 0,
        thresholds: null,
        data: '',
      },
      q.weights,
    );
    corpus.forEach((i, n) => {
      if (fold(i, k) !== f) return;
      const a = analyse({ text: i.text, kind: i.kind === 'reply' ? 'reply' : 'post' }, m);
      probs[n] = a.probs;
    });
  }
  const aps = MODEL_CATEGORIES.map((c, kk) =>
    ap(
      probs.map((p) => p[kk]),
      corpus.map((i) => i.category === c),
    ),
  );
  const crisisAny = ap(
    probs.map((p) => Math.max(p[0], p[1], p[2])),
    corpus.map((i) => ['self-harm', 'partner-danger', 'threat'].includes(i.category)),
  );
  const supportAp = ap(
    probs.map((p) => p[8]),
    corpus.map((i) => i.tag === 'supporting'),
  );
  const mean = aps.reduce((a, b) => a + b, 0) / aps.length;
  console.log(
    `${JSON.stringify(cfg)} meanAP ${mean.toFixed(3)} crisisAP ${crisisAny.toFixed(3)} supportAP ${supportAp.toFixed(3)} | ${MODEL_CATEGORIES.map((c, kk) => `${c} ${aps[kk].toFixed(2)}`).join(' ')} (${((Date.now() - t0) / 1000).toFixed(0)}s)`,
  );
}
