// Production server for the web app: Express 4 serving the built Remix app.
// Logs carry no request bodies, keys or client addresses: only the address we listen on.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import compression from 'compression';
import express from 'express';
import { microcache } from './microcache.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// BUILD_DIR lets tests run a snapshot of the build while the app is rebuilt beside them.
const buildDir = path.resolve(here, process.env.BUILD_DIR ?? 'build');

const port = Number.parseInt(process.env.PORT ?? '3000', 10);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a port number (1-65535); it is "${process.env.PORT}".`);
  process.exit(1);
}
const host = process.env.HOST ?? '0.0.0.0';

let build;
try {
  build = await import(path.join(buildDir, 'server', 'index.js'));
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(buildDir)) {
    console.error('The web app is not built yet: run `npm run build -w apps/web` first.');
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
}

const app = express();
app.disable('x-powered-by');
// Which proxies may tell us the client's address (passed on to the API for rate limits of
// keyless calls, never stored): by default only one on this machine. TRUST_PROXY takes Express's
// values (e.g. "uniquelocal" behind a compose network's proxy).
app.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback');
app.use(compression());
app.use((_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  next();
});

// Vite fingerprints everything under /assets: it can be cached for good.
app.use(
  '/assets',
  express.static(path.join(buildDir, 'client', 'assets'), { immutable: true, maxAge: '1y', index: false })
);
app.use(express.static(path.join(buildDir, 'client'), { maxAge: '1h', index: false }));

// Pages for visitors without cookies: rendered about once a second under load (microcache.mjs).
app.use(microcache({ ttlMs: Number.parseInt(process.env.WEB_MICROCACHE_MS ?? '1000', 10) || 0 }));

app.all(
  '*',
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV ?? 'production',
    getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? '' }),
  })
);

const server = app.listen(port, host, () => {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  console.log(`Steady web is ready at http://${shown}:${port}`);
});
server.on('error', (error) => {
  if (error && error.code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use: stop what runs there or set PORT to another port.`);
  } else {
    console.error(`The web server could not start: ${error.message}`);
  }
  process.exit(1);
});

function stop() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
