// The web server's guards, in front of every Remix route (ADR 009): response headers with a
// per-request CSP nonce, proof that a write comes from one of Steady's own pages (Origin /
// Sec-Fetch-Site here, a per-session token checked by every action), and a body limit that
// refuses before reading. Remix's own checks may change from version to version; these do not.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';

export const CSRF_COOKIE = 'steady_csrf';
export const CSRF_FIELD = 'csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// ---------------------------------------------------------------------------------------------
// Headers

/**
 * The policy for every response. Scripts: our own files and the inline ones Remix renders, which
 * carry this response's nonce; never `unsafe-inline`. Styles: our stylesheets, and the one <style>
 * element the server writes into the head with the same nonce (ADR 025); never `unsafe-inline`.
 * Nothing may frame Steady, change its base URL or load plugins.
 */
export function contentSecurityPolicy(nonce, { https, development = false }) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Vite's dev server injects stylesheets as <style> elements and talks over a WebSocket.
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    development ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Sets `res.locals.cspNonce` and the security headers every answer carries, pages and refusals alike. */
export function securityHeaders({ development = false } = {}) {
  return function securityHeadersMiddleware(req, res, next) {
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, { https: req.secure, development }));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
    // Only over HTTPS (req.secure trusts X-Forwarded-Proto from TRUST_PROXY only): over plain
    // HTTP the header means nothing, and on localhost it would pin a developer's browser.
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

// ---------------------------------------------------------------------------------------------
// Refusals

/** Remix's data requests (single fetch `.data`, and the legacy `?_data=`) get JSON, documents a page. */
export function isDataRequest(req) {
  return req.path.endsWith('.data') || Boolean(req.query && '_data' in req.query);
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A calm refusal that never reads the body. `close` drops the connection after answering. */
export function refuse(req, res, status, title, message, { close = false } = {}) {
  if (close) res.setHeader('Connection', 'close');
  res.setHeader('Cache-Control', 'no-store');
  if (isDataRequest(req) || !String(req.headers.accept ?? '').includes('text/html')) {
    res.status(status).json({ message });
    return;
  }
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)} · Steady</title></head><body><main><h1>${escapeHtml(title)}</h1>` +
        `<p>${escapeHtml(message)}</p><p><a href="/">Go back to the articles</a></p></main></body></html>`,
    );
}

// ---------------------------------------------------------------------------------------------
// Writes come from Steady's own pages

/**
 * Every request that may change something (anything but GET, HEAD, OPTIONS), whatever route and
 * whatever shape (document, `.data`, `?_data`), must come from a page of this origin:
 * `Sec-Fetch-Site: same-origin`; or, from a browser that sends no Sec-Fetch-Site, an `Origin`
 * equal to ours. With neither header (old clients, curl) the per-session token decides alone.
 * Remix's legacy `?_data=` writes, which Steady's own pages never make, are refused outright.
 */
export function sameOriginWrites({ publicOrigin = null } = {}) {
  return function sameOriginWritesMiddleware(req, res, next) {
    if (SAFE_METHODS.has(req.method)) return next();
    // Steady's pages write through single fetch (`.data`) or plain forms, never through Remix's
    // legacy `?_data=` path, the one Remix 2.17 left unchecked: no write takes it.
    if (req.query && '_data' in req.query) {
      refuse(
        req,
        res,
        403,
        'That request did not come from Steady',
        'Steady’s pages never send that kind of request, so nothing was changed.',
        { close: true },
      );
      return;
    }
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    let allowed;
    if (site !== undefined) allowed = site === 'same-origin';
    else if (origin !== undefined) allowed = origin === publicOrigin || origin === ownOrigin(req);
    else allowed = true;
    if (allowed) return next();
    refuse(
      req,
      res,
      403,
      'That came from outside Steady',
      'Steady only accepts what is sent from its own pages, so nothing was changed. If you meant to do this, please open Steady and try again there.',
      { close: true },
    );
  };
}

/** This request's own origin as the browser addressed it (Host is set by the browser, not a page). */
function ownOrigin(req) {
  const host = req.headers.host;
  return host ? `${req.protocol}://${host}` : null;
}

// ---------------------------------------------------------------------------------------------
// Body limit

/**
 * Reads a write's body into `req.rawBody`, at most `limitBytes`: a declared length over it is
 * refused at once, unread; a chunked body is cut off as soon as it passes the limit. Steady's
 * forms are a few kilobytes; a post is at most 5,000 characters.
 */
export function bodyLimit({ limitBytes }) {
  const tooLarge = (req, res) =>
    refuse(
      req,
      res,
      413,
      'That is too long to send',
      'That is longer than Steady can take in one go. Please shorten it a little and try again.',
      { close: true },
    );
  return function bodyLimitMiddleware(req, res, next) {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const declared = req.headers['content-length'];
    if (declared !== undefined && !(Number(declared) <= limitBytes)) return tooLarge(req, res);
    const chunks = [];
    let size = 0;
    let stopped = false;
    req.on('data', (chunk) => {
      if (stopped) return;
      size += chunk.length;
      if (size > limitBytes) {
        stopped = true;
        req.pause();
        tooLarge(req, res);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (stopped) return;
      req.rawBody = Buffer.concat(chunks);
      next();
    });
    req.on('error', (error) => {
      if (!stopped) next(error);
    });
  };
}

// ---------------------------------------------------------------------------------------------
// The per-session token

function sign(value, secret) {
  return createHmac('sha256', secret).update(`${CSRF_COOKIE}:${value}`).digest('base64url');
}

function sameText(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token in this request's cookie when we signed it, else null. */
export function tokenFromCookie(cookieHeader, secret) {
  const value = cookieHeader ? parseCookie(cookieHeader)[CSRF_COOKIE] : undefined;
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const token = value.slice(0, dot);
  return /^[A-Za-z0-9_-]{43}$/.test(token) && sameText(value.slice(dot + 1), sign(token, secret)) ? token : null;
}

/**
 * Gives each browser session one token (cookie `steady_csrf`, HttpOnly, SameSite=Lax, signed so
 * that a cookie we did not make is worth nothing). `res.locals.csrf` carries the token for the
 * pages to put in their forms, and whether it came with the request (only then can a form's
 * token be checked against it: a first request has nothing to match yet).
 */
export function csrfCookie({ secret }) {
  return function csrfCookieMiddleware(req, res, next) {
    const existing = tokenFromCookie(req.headers.cookie, secret);
    if (existing) {
      res.locals.csrf = { token: existing, established: true };
      return next();
    }
    const token = randomBytes(32).toString('base64url');
    res.locals.csrf = { token, established: false };
    res.append(
      'Set-Cookie',
      stringifySetCookie(CSRF_COOKIE, `${token}.${sign(token, secret)}`, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
      }),
    );
    next();
  };
}

/** For the actions: does this form's token match the session's? */
export function csrfVerifier(csrf) {
  return (formValue) => csrf.established && typeof formValue === 'string' && sameText(formValue, csrf.token);
}

/** Only Steady's own cookie: a visitor with nothing else is as anonymous as one without cookies. */
export function onlyCsrfCookie(cookieHeader) {
  if (!cookieHeader) return true;
  return Object.keys(parseCookie(cookieHeader)).every((name) => name === CSRF_COOKIE);
}
