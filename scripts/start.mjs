// `npm start`: builds, then serves the API (:4000) and the web app (:3000) on the embedded
// PostgreSQL (or DATABASE_URL). Ctrl-C stops everything, PostgreSQL included.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { API_NODE_ARGS, buildAll, root, waitForHttp } from './lib.mjs';

const apiPort = Number(process.env.API_PORT ?? 4000);
const webPort = Number(process.env.PORT ?? 3000);
const children = [];
let stopping = false;

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((c) => c.exitCode === null);
  if (alive.length === 0) process.exit(code);
  for (const child of alive) {
    child.kill('SIGTERM');
    child.on('exit', () => {
      if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(code);
    });
  }
  setTimeout(() => process.exit(code), 15000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function launch(name, file, env, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, file], { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`Steady's ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the rest.`);
      stop(code || 1);
    }
  });
  children.push(child);
  return child;
}

try {
  if (process.env.STEADY_SKIP_BUILD !== '1') {
    console.log('Building Steady…');
    await buildAll();
  }
  const api = launch('API', path.join(root, 'apps/api/dist/main.js'), {
    API_PORT: String(apiPort),
    NODE_ENV: process.env.NODE_ENV ?? 'production',
  }, API_NODE_ARGS);
  await waitForHttp(`http://127.0.0.1:${apiPort}/health`, { child: api, timeoutMs: 120000 });
  const web = launch('web app', path.join(root, 'apps/web/server.mjs'), {
    PORT: String(webPort),
    API_URL: process.env.API_URL ?? `http://127.0.0.1:${apiPort}/graphql`,
    NODE_ENV: process.env.NODE_ENV ?? 'production',
  });
  await waitForHttp(`http://127.0.0.1:${webPort}/`, { child: web, timeoutMs: 60000 });
  console.log(`\nSteady is ready.\n  Web: http://localhost:${webPort}\n  API: http://localhost:${apiPort}/graphql\nPress Ctrl-C to stop.`);
} catch (error) {
  if (!stopping) {
    console.error(`Steady could not start: ${error.message}`);
    stop(1);
  }
}
