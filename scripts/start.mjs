// `npm start`: builds, then serves the API (:4000) and the web app (:3000) on the embedded
// PostgreSQL (or DATABASE_URL). A child that crashes is started again with back-off (the
// API restarts its own PostgreSQL); Ctrl-C stops the web app, then the API, which finishes
// its requests, closes its pool and stops PostgreSQL last.
import path from 'node:path';
import { API_NODE_ARGS, buildAll, root, waitForHttp } from './lib.mjs';
import { createSupervisor } from './supervisor.mjs';

const apiPort = Number(process.env.API_PORT ?? 4000);
const webPort = Number(process.env.PORT ?? 3000);
const env = (extra) => ({ cwd: root, env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production', ...extra } });

let exiting = false;
async function exit(code) {
  if (exiting) return;
  exiting = true;
  await supervisor.stop();
  process.exit(code);
}

const supervisor = createSupervisor({ onFatal: (_service, code) => void exit(code) });
// The children are in their own process group: the terminal's Ctrl-C (and a closed terminal) reach only this process.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void exit(0));

try {
  if (process.env.STEADY_SKIP_BUILD !== '1') {
    console.log('Building Steady…');
    await buildAll();
  }
  const api = supervisor.add(
    'API',
    process.execPath,
    [...API_NODE_ARGS, path.join(root, 'apps/api/dist/main.js')],
    env({ API_PORT: String(apiPort) }),
  );
  await waitForHttp(`http://127.0.0.1:${apiPort}/health`, { child: api.child, timeoutMs: 120000 });
  api.ready = true;
  const web = supervisor.add(
    'web app',
    process.execPath,
    [path.join(root, 'apps/web/server.mjs')],
    env({
      PORT: String(webPort),
      API_URL: process.env.API_URL ?? `http://127.0.0.1:${apiPort}/graphql`,
    }),
  );
  await waitForHttp(`http://127.0.0.1:${webPort}/`, { child: web.child, timeoutMs: 60000 });
  web.ready = true;
  console.log(`\nSteady is ready.\n  Web: http://localhost:${webPort}\n  API: http://localhost:${apiPort}/graphql\nPress Ctrl-C to stop.`);
} catch (error) {
  if (!exiting) {
    console.error(`Steady could not start: ${error.message}`);
    void exit(1);
  }
}
