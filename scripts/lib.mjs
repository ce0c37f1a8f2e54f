// Small helpers shared by the root scripts (start, test, bench). Node built-ins only.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a command to completion with inherited output; rejects with a plain message on failure. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/** Resolves to the exit code instead of rejecting. */
export function runCode(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Builds the shared packages, the API and the web app (incremental where the tools are). */
export function buildAll() {
  return run(npm, ['run', '-s', 'build']);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls a URL until it answers 2xx, the process exits, or the timeout passes. */
export async function waitForHttp(url, { timeoutMs = 60000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`exited before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** A database URL with another database name on the same server. */
export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Node flags the API runs with, in `npm start` and in the bench alike: a heap cap keeps its memory near 250 MB under load. */
// BENCH_API_NODE_ARGS adds flags for the API process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile a scenario.
export const API_NODE_ARGS = ['--max-old-space-size=192', ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean)];
