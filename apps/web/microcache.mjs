// A one-second cache of whole pages for visitors without cookies (nginx-style microcaching).
// Everyone without a cookie sees the same page, so under load a page is rendered about once a
// second instead of once per visitor. Anyone with a cookie (a poster, a moderator, someone who
// reacted) always gets a fresh page, so a person never misses their own action; others may see
// a page up to `ttlMs` old (plus one render while a fresh copy is made: one request renders it,
// the others get the previous copy, so a burst of visitors never renders the page all at once).
// `ttlMs` 0 turns it off (the browser tests do: they check each page fresh).

const MAX_ENTRIES = 500;
/** A renewal that takes longer than this is given up, and the next visitor renders the page. */
const RENEW_TIMEOUT_MS = 10_000;

/** @param {{ ttlMs: number, now?: () => number }} options */
export function microcache({ ttlMs, now = Date.now }) {
  const pages = new Map();
  return function microcacheMiddleware(req, res, next) {
    if (ttlMs <= 0 || req.method !== 'GET' || req.headers.cookie || req.headers.authorization || req.path.startsWith('/moderate')) {
      return next();
    }
    const key = req.originalUrl;
    const hit = pages.get(key);
    const fresh = hit && hit.expires > now();
    const beingRenewed = hit && hit.renewingSince !== null && now() - hit.renewingSince < RENEW_TIMEOUT_MS;
    if (fresh || beingRenewed) {
      res.status(200).set(hit.headers).set('X-Steady-Cache', 'hit');
      return res.end(hit.body);
    }
    if (hit) hit.renewingSince = now();
    const chunks = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = (chunk, ...rest) => {
      if (chunk) chunks.push(Buffer.from(chunk));
      return write(chunk, ...rest);
    };
    res.end = (chunk, ...rest) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
      if (cacheable(res)) {
        if (!pages.has(key) && pages.size >= MAX_ENTRIES) pages.delete(pages.keys().next().value);
        pages.set(key, { expires: now() + ttlMs, renewingSince: null, headers: headersOf(res), body: Buffer.concat(chunks) });
      } else if (hit) {
        hit.renewingSince = null; // let the next visitor try again
      }
      return end(chunk, ...rest);
    };
    next();
  };
}

function cacheable(res) {
  if (res.statusCode !== 200 || res.getHeader('set-cookie')) return false;
  const type = String(res.getHeader('content-type') ?? '');
  const control = String(res.getHeader('cache-control') ?? '');
  return type.startsWith('text/html') && !/no-store|private/.test(control);
}

function headersOf(res) {
  const headers = {};
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'date'].includes(name)) headers[name] = value;
  }
  return headers;
}
