// The web app's server: reads the settings, loads the built Remix app (or, with
// NODE_ENV=development, Vite's live one), and listens. The app itself is built in app.mjs.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, createServer } from './app.mjs';
import { attachLiveProxy } from './live-proxy.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// BUILD_DIR lets tests run a snapshot of the build while the app is rebuilt beside them.
const buildDir = path.resolve(here, process.env.BUILD_DIR ?? 'build');
const development = process.env.NODE_ENV === 'development';

function fail(message) {
  console.error(message);
  process.exit(1);
}

function number(name, fallback, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) fail(`${name} must be a whole number from ${min} to ${max}; it is "${raw}".`);
  return value;
}

const port = number('PORT', 3000, { min: 1, max: 65535 });
const host = process.env.HOST ?? '0.0.0.0';

let publicOrigin = null;
if (process.env.PUBLIC_URL) {
  try {
    publicOrigin = new URL(process.env.PUBLIC_URL).origin;
  } catch {
    fail(`PUBLIC_URL must be the address people open, e.g. https://steady.example.org; it is "${process.env.PUBLIC_URL}".`);
  }
}
const sessionSecret = process.env.SESSION_SECRET ?? randomBytes(32).toString('hex');
// The pages read SESSION_SECRET too (flash notices): give them the same one when it was made here.
process.env.SESSION_SECRET = sessionSecret;

let build;
let devMiddleware = null;
if (development) {
  const vite = await import('vite').then((v) => v.createServer({ root: here, server: { middlewareMode: true } }));
  devMiddleware = vite.middlewares;
  build = () => vite.ssrLoadModule('virtual:remix/server-build');
} else {
  try {
    build = await import(path.join(buildDir, 'server', 'index.js'));
  } catch (error) {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(buildDir)) {
      fail('The web app is not built yet: run `npm run build -w apps/web` first.');
    }
    fail(error instanceof Error ? error.message : String(error));
  }
}

const app = createApp({
  build,
  clientDir: development ? null : path.join(buildDir, 'client'),
  mode: development ? 'development' : 'production',
  trustProxy: process.env.TRUST_PROXY ?? 'loopback',
  microcacheMs: development ? 0 : number('WEB_MICROCACHE_MS', 1000),
  bodyLimitBytes: number('BODY_LIMIT_BYTES', 65536, { min: 1024 }),
  sessionSecret,
  publicOrigin,
  devMiddleware,
  development,
});

const server = createServer(app, {
  headersTimeoutMs: number('WEB_HEADERS_TIMEOUT_MS', 10_000, { min: 100 }),
  requestTimeoutMs: number('WEB_REQUEST_TIMEOUT_MS', 30_000, { min: 100 }),
  keepAliveTimeoutMs: number('WEB_KEEP_ALIVE_TIMEOUT_MS', 5_000, { min: 100 }),
});

// Live updates: the browser's WebSocket at /live, relayed to the API with the cookies' credentials (ADR 020).
attachLiveProxy(server, {
  apiUrl: process.env.API_URL ?? 'http://127.0.0.1:4000/graphql',
  publicOrigin,
  trustProxy: process.env.TRUST_PROXY ?? 'loopback',
});

server.listen(port, host, () => {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  console.log(`Steady web is ready at http://${shown}:${port}`);
});
server.on('error', (error) => {
  if (error && error.code === 'EADDRINUSE') {
    fail(`Port ${port} is already in use: stop what runs there or set PORT to another port.`);
  }
  fail(`The web server could not start: ${error.message}`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
