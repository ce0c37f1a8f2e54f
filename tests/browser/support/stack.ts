// Starts the BUILT apps (API and web) as child processes on free ports, for browser tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const API_MAIN = path.join(ROOT, 'apps', 'api', 'dist', 'main.js');
const WEB_SERVER = path.join(ROOT, 'apps', 'web', 'server.mjs');
const WEB_BUILD_DIR = path.join(ROOT, 'apps', 'web', 'build');
const WEB_BUILD = path.join(WEB_BUILD_DIR, 'server', 'index.js');

/**
 * The web app runs from a snapshot of its build, so that a rebuild while the tests run (a
 * developer's, or another job's) cannot swap the assets under a running server. It lives inside
 * the app's folder (git-ignored .cache) so the build still resolves its node_modules, and is
 * shared with the test files through STEADY_WEB_BUILD_SNAPSHOT.
 */
function webBuildSnapshot(): string {
  const existing = process.env.STEADY_WEB_BUILD_SNAPSHOT;
  if (existing && existsSync(existing)) return existing;
  const parent = path.join(ROOT, 'apps', 'web', '.cache');
  mkdirSync(parent, { recursive: true });
  // Leftovers of runs that were killed: anything older than a day.
  for (const name of readdirSync(parent)) {
    const dir = path.join(parent, name);
    if (name.startsWith('test-build-') && Date.now() - statSync(dir).mtimeMs > 86_400_000) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const snapshot = mkdtempSync(path.join(parent, 'test-build-'));
  cpSync(WEB_BUILD_DIR, snapshot, { recursive: true });
  process.env.STEADY_WEB_BUILD_SNAPSHOT = snapshot;
  return snapshot;
}

export function removeWebBuildSnapshot(): void {
  const snapshot = process.env.STEADY_WEB_BUILD_SNAPSHOT;
  if (snapshot) rmSync(snapshot, { recursive: true, force: true });
  delete process.env.STEADY_WEB_BUILD_SNAPSHOT;
}

export interface Stack {
  webUrl: string;
  apiUrl: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Child {
  name: string;
  process: ChildProcess;
  output: () => string;
}

function start(name: string, script: string, env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    // STEADY_STACK_LOGS=1 shows the apps' own logs while debugging a test.
    if (process.env.STEADY_STACK_LOGS === '1') process.stderr.write(`[${name}] ${chunk.toString()}`);
    lines.push(chunk.toString());
    if (lines.length > 200) lines.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, process: child, output: () => lines.join('') };
}

async function waitFor(child: Child, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`${child.name} stopped before it was ready (exit ${child.process.exitCode}).\n${child.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${child.name} was not ready at ${url} within ${timeoutMs / 1000}s (${last}).\n${child.output()}`);
}

async function stopChild(child: Child): Promise<void> {
  const proc = child.process;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
}

export function missingBuild(): string | null {
  if (!existsSync(API_MAIN)) return `the API is not built (${path.relative(ROOT, API_MAIN)} is missing): run \`npm run build\` first`;
  if (!existsSync(WEB_BUILD)) return `the web app is not built (${path.relative(ROOT, WEB_BUILD)} is missing): run \`npm run build\` first`;
  return null;
}

/**
 * Starts only the web app, against any API address (e.g. one where nothing listens), with any
 * settings of its own (e.g. short timeouts).
 */
export async function startWeb(apiUrl: string, env: NodeJS.ProcessEnv = {}): Promise<{ webUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const web = start('web', WEB_SERVER, {
    PORT: String(port),
    HOST: '127.0.0.1',
    API_URL: apiUrl,
    BUILD_DIR: webBuildSnapshot(),
    // Each test checks a page fresh after its own writes: no one-second page cache here.
    WEB_MICROCACHE_MS: '0',
    ...env,
  });
  const webUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(web, `${webUrl}/help`, 30_000);
  } catch (error) {
    await stopChild(web);
    throw error;
  }
  return { webUrl, stop: () => stopChild(web) };
}

/**
 * Only the built API, on a free port and `databaseUrl`, with the settings given (its normal
 * limits otherwise): for tests of the limits themselves, beside the stack's generous API.
 */
export async function startApi(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<{ apiUrl: string; stop(): Promise<void> }> {
  const problem = missingBuild();
  if (problem) throw new Error(`The API cannot start: ${problem}.`);
  const port = await freePort();
  const api = start('api', API_MAIN, { ...env, API_PORT: String(port), DATABASE_URL: databaseUrl });
  try {
    await waitFor(api, `http://127.0.0.1:${port}/health`, 90_000);
  } catch (error) {
    await stopChild(api);
    throw error;
  }
  return { apiUrl: `http://127.0.0.1:${port}/graphql`, stop: () => stopChild(api) };
}

/** Both apps on free ports, the API on `databaseUrl` (a fresh database from the test runner). */
export async function startStack(databaseUrl: string): Promise<Stack> {
  const problem = missingBuild();
  if (problem) throw new Error(`Browser tests cannot start: ${problem}.`);

  const [apiPort, webPort] = await Promise.all([freePort(), freePort()]);
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  // Every spec writes and signs in from 127.0.0.1: generous limits here (the API specs test the limits themselves).
  const api = start('api', API_MAIN, {
    API_PORT: String(apiPort),
    DATABASE_URL: databaseUrl,
    RATE_LIMIT_WRITES: '100000',
    LOGIN_ATTEMPTS_PER_ADDRESS_PER_15_MIN: '100000',
    LOGIN_BACKOFF_AFTER_FAILURES: '100000',
    AUTHOR_KEYS_PER_ADDRESS_PER_HOUR: '100000',
  });
  let web: Child | null = null;
  try {
    await waitFor(api, `http://127.0.0.1:${apiPort}/health`, 90_000);
    web = start('web', WEB_SERVER, {
      PORT: String(webPort),
      HOST: '127.0.0.1',
      API_URL: apiUrl,
      BUILD_DIR: webBuildSnapshot(),
      // Each test checks a page fresh after its own writes: no one-second page cache here.
      WEB_MICROCACHE_MS: '0',
    });
    await waitFor(web, `http://127.0.0.1:${webPort}/`, 30_000);
  } catch (error) {
    await Promise.all([web ? stopChild(web) : undefined, stopChild(api)]);
    throw error;
  }
  return {
    webUrl: `http://127.0.0.1:${webPort}`,
    apiUrl,
    stop: async () => {
      await Promise.all([web ? stopChild(web) : undefined, stopChild(api)]);
    },
  };
}
