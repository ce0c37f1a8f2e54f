// A one-second cache of whole pages for visitors without cookies (nginx-style microcaching).
// Everyone without a cookie sees the same page, so under load a page is rendered about once a
// second instead of once per visitor. Anyone with a cookie (a poster, a moderator, someone who
// reacted) always gets a fresh page, so a person never misses their own action; others may see
// a page up to `ttlMs` old (plus one render while a fresh copy is made: one request renders it,
// the others get the previous copy, so a burst of visitors never renders the page all at once).
// `ttlMs` 0 turns it off (the browser tests do: they check each page fresh).
//
// Two things in a page belong to one response only (ADR 009): the CSP nonce and the visitor's
// form token. `perResponse(res)` names them; a stored page keeps holes where they were, and each
// visitor's copy is filled with their own. Headers the guards set before the page (the CSP, the
// token's cookie) are the visitor's own too, and are never stored. `anonymous(req)` says who may
// share pages (by default: no cookies at all).

const MAX_ENTRIES = 500;
/** A renewal that takes longer than this is given up, and the next visitor renders the page. */
const RENEW_TIMEOUT_MS = 10_000;

/**
 * @param {{
 *   ttlMs: number,
 *   now?: () => number,
 *   anonymous?: (req: import('express').Request) => boolean,
 *   perResponse?: (res: import('express').Response) => Record<string, string | undefined>,
 * }} options
 */
export function microcache({ ttlMs, now = Date.now, anonymous = (req) => !req.headers.cookie, perResponse = () => ({}) }) {
  const pages = new Map();
  return function microcacheMiddleware(req, res, next) {
    if (ttlMs <= 0 || req.method !== 'GET' || !anonymous(req) || req.headers.authorization || req.path.startsWith('/moderate')) {
      return next();
    }
    const key = req.originalUrl;
    const hit = pages.get(key);
    const fresh = hit && hit.expires > now();
    const beingRenewed = hit && hit.renewingSince !== null && now() - hit.renewingSince < RENEW_TIMEOUT_MS;
    const own = perResponse(res);
    if (fresh || beingRenewed) {
      res.status(200).set(hit.headers).set('X-Steady-Cache', 'hit');
      return res.end(fill(hit.template, own));
    }
    if (hit) hit.renewingSince = now();
    const cookiesBefore = String(res.getHeader('set-cookie') ?? '');
    const ownHeaders = Object.keys(res.getHeaders());
    const chunks = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = (chunk, ...rest) => {
      if (chunk) chunks.push(Buffer.from(chunk));
      return write(chunk, ...rest);
    };
    res.end = (chunk, ...rest) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
      if (cacheable(res, cookiesBefore)) {
        if (!pages.has(key) && pages.size >= MAX_ENTRIES) pages.delete(pages.keys().next().value);
        const template = holes(Buffer.concat(chunks), own);
        pages.set(key, { expires: now() + ttlMs, renewingSince: null, headers: headersOf(res, ownHeaders), template });
      } else if (hit) {
        hit.renewingSince = null; // let the next visitor try again
      }
      return end(chunk, ...rest);
    };
    next();
  };
}

function cacheable(res, cookiesBefore) {
  if (res.statusCode !== 200 || String(res.getHeader('set-cookie') ?? '') !== cookiesBefore) return false;
  const type = String(res.getHeader('content-type') ?? '');
  const control = String(res.getHeader('cache-control') ?? '');
  return type.startsWith('text/html') && !/no-store|private/.test(control);
}

/** The page's own headers: not those set for this visitor before it rendered. */
function headersOf(res, ownHeaders) {
  const headers = {};
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (ownHeaders.includes(name) || name === 'set-cookie') continue;
    if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'date'].includes(name)) headers[name] = value;
  }
  return headers;
}

/** The page as pieces of bytes and named holes where this response's own values were. */
function holes(body, own) {
  let template = [body];
  for (const [name, value] of Object.entries(own)) {
    if (!value) continue;
    const needle = Buffer.from(value);
    template = template.flatMap((piece) => {
      if (!Buffer.isBuffer(piece)) return [piece];
      const parts = [];
      let from = 0;
      for (let at = piece.indexOf(needle); at !== -1; at = piece.indexOf(needle, from)) {
        parts.push(piece.subarray(from, at), { hole: name });
        from = at + needle.length;
      }
      parts.push(piece.subarray(from));
      return parts;
    });
  }
  return template;
}

function fill(template, own) {
  if (template.length === 1) return template[0];
  return Buffer.concat(template.map((piece) => (Buffer.isBuffer(piece) ? piece : Buffer.from(own[piece.hole] ?? ''))));
}
