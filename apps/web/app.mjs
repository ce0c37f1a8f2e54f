// The web app's Express server, without the line that listens (server.mjs does that; tests can
// build their own). Order matters: headers first, so that every answer (refusals included) has
// them; then the guards every write passes, then the pages. Logs carry no request bodies, keys
// or client addresses.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as remixExpress from '@remix-run/express/dist/server.js';
import { createRequestHandler } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { microcache } from './microcache.mjs';
import { bodyLimit, csrfCookie, csrfVerifier, onlyCsrfCookie, refuse, sameOriginWrites, securityHeaders } from './security.mjs';

// The adapter's own request and response helpers (its index exports only the handler, which
// reads the body from the socket; ours is read and limited first). @remix-run/express is pinned.
const { createRemixRequest, sendRemixResponse } = remixExpress;
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * @param {{
 *   build: import('@remix-run/node').ServerBuild | (() => Promise<import('@remix-run/node').ServerBuild>),
 *   clientDir?: string | null,
 *   mode?: string,
 *   trustProxy?: string,
 *   microcacheMs?: number,
 *   bodyLimitBytes?: number,
 *   sessionSecret: string,
 *   publicOrigin?: string | null,
 *   devMiddleware?: import('express').RequestHandler | null,
 *   development?: boolean,
 * }} options
 */
export function createApp({
  build,
  clientDir = path.join(here, 'build', 'client'),
  mode = 'production',
  trustProxy = 'loopback',
  microcacheMs = 1000,
  bodyLimitBytes = 65536,
  sessionSecret,
  publicOrigin = null,
  devMiddleware = null,
  development = false,
}) {
  const app = express();
  app.disable('x-powered-by');
  // Which proxies may tell us the client's address (passed on to the API for rate limits of
  // keyless calls, never stored) and that the request came over HTTPS: by default only one on
  // this machine. TRUST_PROXY takes Express's values (e.g. "uniquelocal" behind a compose network).
  app.set('trust proxy', trustProxy);
  app.use(securityHeaders({ development }));
  app.use(compression());

  if (devMiddleware) app.use(devMiddleware);
  if (clientDir) {
    // Vite fingerprints everything under /assets: it can be cached for good.
    app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
    app.use(express.static(clientDir, { maxAge: '1h', index: false }));
  }

  app.use(sameOriginWrites({ publicOrigin }));
  app.use(bodyLimit({ limitBytes: bodyLimitBytes }));
  app.use(csrfCookie({ secret: sessionSecret }));

  // Pages for visitors without cookies (or with only their form token): rendered about once a
  // second under load, each copy with this response's own nonce and token.
  app.use(
    microcache({
      ttlMs: microcacheMs,
      anonymous: (req) => onlyCsrfCookie(req.headers.cookie),
      perResponse: (res) => ({ nonce: res.locals.cspNonce, csrf: res.locals.csrf?.token }),
    }),
  );

  const handleRequest = createRequestHandler(build, mode);
  app.all('*', async (req, res, next) => {
    try {
      const response = await handleRequest(remixRequest(req, res), {
        clientAddress: req.ip ?? req.socket.remoteAddress ?? '',
        cspNonce: res.locals.cspNonce,
        csrfToken: res.locals.csrf.token,
        verifyCsrf: csrfVerifier(res.locals.csrf),
      });
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  });

  // Never a stack trace: a calm page, and the error's message (not the request) in the log.
  app.use((error, req, res, _next) => {
    console.error(`The web server could not answer: ${error instanceof Error ? error.message : 'unknown error'}`);
    if (res.headersSent) return res.end();
    refuse(
      req,
      res,
      500,
      'Something went wrong on our side',
      'This page could not be shown just now. Nothing you did caused it. Please try again in a moment.',
    );
  });
  return app;
}

/**
 * The adapter's Request (its URL, headers and abort signal), with the body bodyLimit already
 * read: Remix gets it from memory, never from the socket.
 */
function remixRequest(req, res) {
  const request = createRemixRequest(req, res);
  return req.rawBody === undefined ? request : new Request(request, { body: req.rawBody });
}

/**
 * The HTTP server with timeouts short enough that slow or silent clients give their sockets
 * back (Node's defaults keep them for over a minute, and check only every 30 s).
 *
 * @param {import('express').Express} app
 * @param {{ headersTimeoutMs?: number, requestTimeoutMs?: number, keepAliveTimeoutMs?: number }} [timeouts]
 */
export function createServer(app, { headersTimeoutMs = 10_000, requestTimeoutMs = 30_000, keepAliveTimeoutMs = 5_000 } = {}) {
  const server = http.createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: Math.max(requestTimeoutMs, headersTimeoutMs),
      keepAliveTimeout: keepAliveTimeoutMs,
      // How often Node looks for requests past those limits: a fraction of the shortest.
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
    },
    app,
  );
  return server;
}
