// `node scripts/run-api-cli.mjs <name> [args…]`: runs the API's command-line tool
// apps/api/dist/cli/<name>.js (e.g. `npm run -s moderator -- create …`), building the API
// first when its output is missing or older than its sources. The build's output goes to
// stderr, so stdout carries only what the tool prints. The exit code is the tool's. A tool
// exports `main(args)` (run in this process, setting process.exitCode); one that does not is
// spawned as `node apps/api/dist/cli/<name>.js args…`.
// STEADY_SKIP_BUILD=1 (as for `npm start`) skips the freshness check when a build exists.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { npm, root } from './lib.mjs';

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('Usage: node scripts/run-api-cli.mjs <tool> [args…] (tools live in apps/api/src/cli)');
  process.exit(2);
}

const apiDir = path.join(root, 'apps/api');
const entry = path.join(apiDir, 'dist/cli', `${name}.js`);
const sourceDirs = [
  path.join(apiDir, 'src'),
  path.join(root, 'packages/content/src'),
  path.join(root, 'packages/moderation/src'),
  path.join(root, 'packages/rules/src'),
];
const buildInputs = [path.join(apiDir, 'tsconfig.json'), path.join(apiDir, 'tsconfig.build.json'), path.join(root, 'tsconfig.base.json')];

/** The newest modification time among the API's sources (and the packages it builds with). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|json|md)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  sourceDirs.forEach(walk);
  for (const file of buildInputs) if (fs.existsSync(file)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  return newest;
}

/** The build's own record of its last run (tsc -b rewrites it on every build that changes anything). */
function builtAt() {
  const stamps = [entry, path.join(apiDir, 'tsconfig.build.tsbuildinfo')]
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.statSync(f).mtimeMs);
  return fs.existsSync(entry) && stamps.length ? Math.max(...stamps) : 0;
}

function build() {
  return new Promise((resolve) => {
    // stdout of the build goes to our stderr: stdout belongs to the tool.
    const child = spawn(npm, ['run', '-s', 'build', '-w', 'apps/api'], { cwd: root, stdio: ['ignore', 2, 2] });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const skip = process.env.STEADY_SKIP_BUILD === '1' && fs.existsSync(entry);
if (!skip && builtAt() < newestSource()) {
  console.error('Building the API…');
  const code = await build();
  if (code !== 0 || !fs.existsSync(entry)) {
    console.error(
      fs.existsSync(entry)
        ? 'The API build failed; see the errors above.'
        : `The API build failed, or has no tool "${name}" (apps/api/src/cli/${name}.ts).`,
    );
    process.exit(1);
  }
}

// Tools export `main(args)`: run it in this process (one Node start, not two).
const tool = createRequire(import.meta.url)(entry);
if (typeof tool.main === 'function') {
  await tool.main(args);
} else {
  const child = spawn(process.execPath, [entry, ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not run ${name}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
}
