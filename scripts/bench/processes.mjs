// The processes the bench starts (API, web server, baselines) and the cleanup that stops them,
// with the embedded PostgreSQL and the monitor connection, at the end, on failure and on Ctrl-C.
import { spawn } from 'node:child_process';
import { root } from '../lib.mjs';
import { log } from './options.mjs';

const children = [];
/** What the cleanup stops besides the children: set by the database step and by index.mjs. */
export const tracked = { embedded: null, monitor: null };
let cleaning = null;

export function launch(name, file, childEnv, nodeArgs = [], stdout = 2) {
  const child = spawn(process.execPath, [...nodeArgs, file], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', stdout, 2], // logs to stderr: stdout carries only the table and the JSON line
  });
  child.benchName = name;
  child.on('exit', (code, signal) => {
    if (!cleaning && !child.expectedExit) log(`  ${name} exited unexpectedly (${signal ?? `exit ${code}`})`);
  });
  children.push(child);
  return child;
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.expectedExit = true;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function cleanup() {
  if (!cleaning) {
    cleaning = (async () => {
      await Promise.all(children.map(stopChild));
      await tracked.monitor?.end().catch(() => undefined);
      await tracked.embedded?.stop().catch((e) => log(`  could not stop the embedded PostgreSQL: ${e.message}`));
    })();
  }
  return cleaning;
}

/** Stops everything on an uncaught error, SIGINT or SIGTERM. */
export function stopOnFailureOrSignal() {
  process.on('uncaughtException', (error) => {
    log(`The bench failed: ${error?.stack ?? error}`);
    cleanup().finally(() => process.exit(1));
  });

  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      log(`\n${signal}: stopping the bench's servers and database…`);
      cleanup().finally(() => process.exit(130));
    });
  }
}
