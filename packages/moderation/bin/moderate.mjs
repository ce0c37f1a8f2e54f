#!/usr/bin/env node
// `npm run -s moderate`: JSON Lines in, one verdict line out per input line, in order.
// A thin wrapper: the line handling lives in src/cli.ts (moderateLine) and is tested there.
import { createInterface } from 'node:readline';

let moderateLine;
try {
  ({ moderateLine } = await import('../dist/index.js'));
} catch {
  process.stderr.write('moderation: packages/moderation/dist is missing; run `npm run build` first.\n');
  process.exit(1);
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (line.trim() === '') continue;
  if (!process.stdout.write(moderateLine(line) + '\n')) await new Promise((r) => process.stdout.once('drain', r));
}
