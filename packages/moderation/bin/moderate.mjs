#!/usr/bin/env node
// `npm run -s moderate`: JSON Lines in, one verdict line out per input line, in order.
// A thin wrapper: the line handling lives in src/cli.ts (moderateLine) and is tested there.
// Builds the package first when dist is missing or older than src (output to stderr only,
// so stdout carries nothing but verdicts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureBuilt();
const { moderateLine } = await import(path.join(pkg, 'dist', 'index.js'));

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (line.trim() === '') continue;
  if (!process.stdout.write(moderateLine(line) + '\n')) await new Promise((r) => process.stdout.once('drain', r));
}

function ensureBuilt() {
  const built = mtime(path.join(pkg, 'dist', 'index.js'));
  const sources = fs.readdirSync(path.join(pkg, 'src'), { recursive: true }).map((f) => mtime(path.join(pkg, 'src', String(f))));
  if (built && built >= Math.max(...sources)) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', pkg], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write('moderation: the engine could not be built; see the errors above.\n');
    process.exit(1);
  }
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
