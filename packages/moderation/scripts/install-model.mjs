#!/usr/bin/env node
// `node scripts/install-model.mjs <dir>`: installs a model that `train -- --out <dir>` wrote
// (weights.ts into src/model, thresholds.md into the README), rebuilds the package and records
// the after-training figures per batch, as a plain `train` run does at its end.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pkgDir, replaceReadmeSection } from './corpus.mjs';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node scripts/install-model.mjs <dir written by train --out>\n');
  process.exit(2);
}
copyFileSync(join(dir, 'weights.ts'), join(pkgDir, 'src', 'model', 'weights.ts'));
replaceReadmeSection('thresholds', readFileSync(join(dir, 'thresholds.md'), 'utf8').trimEnd().split('\n'));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const built = spawnSync(process.execPath, [tsc, '-b', pkgDir], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
spawnSync(process.execPath, [join(pkgDir, 'scripts', 'after.mjs')], { stdio: 'inherit' });
