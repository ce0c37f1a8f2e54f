// Steady live in the browser (ADR 020): the page opens a WebSocket to this site's own `/live`;
// this server checks that the page is one of Steady's (Origin), opens its own WebSocket to the
// API's /graphql, and relays the graphql-ws messages both ways, putting the author key and the
// moderator's session into connection_init from the httpOnly cookies. The page's script never
// sees either, and neither ever appears in a URL. Nothing relayed is logged.
import proxyaddr from 'proxy-addr';
import { WebSocket, WebSocketServer } from 'ws';

const PROTOCOL = 'graphql-transport-ws';
const KEY_SHAPE = /^[A-Za-z0-9_-]{16,200}$/;
const TOKEN_SHAPE = /^[A-Za-z0-9._~+/=-]{16,512}$/;

/** Cookie values by name, as the browser sent them (undecoded). */
function cookies(header) {
  const found = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in found)) found[name] = part.slice(eq + 1).trim();
  }
  return found;
}

/** `steady_author` is written by Remix's createCookie: base64 of the JSON string. */
function authorKeyOf(raw) {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(Buffer.from(decodeURIComponent(raw), 'base64').toString('utf8'));
    return typeof value === 'string' && KEY_SHAPE.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function sessionTokenOf(raw) {
  if (!raw) return undefined;
  let value = raw;
  try {
    value = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return TOKEN_SHAPE.test(value) ? value : undefined;
}

function refuse(socket, status, text) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Close codes a browser may be given as they are (the API's calm reasons included). */
function relayable(code) {
  return code === 1000 || code === 1001 || code === 1008 || code === 1009 || code === 1011 || (code >= 4000 && code < 5000);
}

/**
 * @param {import('node:http').Server} server
 * @param {{ apiUrl: string, publicOrigin?: string | null, trustProxy?: string, maxMessageBytes?: number }} options
 */
export function attachLiveProxy(server, { apiUrl, publicOrigin = null, trustProxy = 'loopback', maxMessageBytes = 16 * 1024 }) {
  const upstreamUrl = new URL(apiUrl);
  upstreamUrl.protocol = upstreamUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  const trust = proxyaddr.compile(
    trustProxy
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxMessageBytes,
    handleProtocols: (set) => (set.has(PROTOCOL) ? PROTOCOL : false),
  });

  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== '/live') return refuse(socket, 404, 'Not Found');
    // A page of another site could open this socket with the reader's cookies: only our own pages may.
    const origin = req.headers.origin;
    const own = req.headers.host ? [`http://${req.headers.host}`, `https://${req.headers.host}`] : [];
    if (!origin || !(origin === publicOrigin || own.includes(origin))) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (browser) => relay(browser, req));
  });

  function relay(browser, req) {
    const jar = cookies(req.headers.cookie);
    const payload = {};
    const authorKey = authorKeyOf(jar.steady_author);
    const token = sessionTokenOf(jar.steady_session);
    if (authorKey) payload.authorKey = authorKey;
    if (token) payload.token = token;
    let address;
    try {
      address = proxyaddr(req, trust);
    } catch {
      address = req.socket.remoteAddress ?? '';
    }
    const api = new WebSocket(upstreamUrl, PROTOCOL, {
      // The reader's address, for the API's connections-per-address limit only (never stored).
      headers: address ? { 'X-Forwarded-For': address } : {},
      maxPayload: 4 * 1024 * 1024,
    });
    const pending = [];
    const close = (code, reason) => {
      const safe = relayable(code) ? code : 1011;
      if (browser.readyState === WebSocket.OPEN)
        browser.close(safe, relayable(code) ? reason : 'Live updates paused. They will come back.');
      if (api.readyState === WebSocket.OPEN || api.readyState === WebSocket.CONNECTING) api.terminate();
    };

    browser.on('message', (data, isBinary) => {
      if (isBinary) return close(4400, 'Only text messages.');
      let text = data.toString();
      let message;
      try {
        message = JSON.parse(text);
      } catch {
        return close(4400, 'A message could not be read.');
      }
      // Whatever the page put in connection_init, the cookies decide who this is.
      if (message && message.type === 'connection_init') text = JSON.stringify({ type: 'connection_init', payload });
      if (api.readyState === WebSocket.OPEN) api.send(text);
      else pending.push(text);
    });
    api.on('open', () => {
      for (const text of pending.splice(0)) api.send(text);
    });
    // Backpressure: a browser that stops reading is the API's slow subscriber (it drops it).
    api.on('message', (data) => {
      if (browser.readyState === WebSocket.OPEN) browser.send(data.toString());
    });
    api.on('close', (code, reason) => close(code, reason.toString()));
    api.on('unexpected-response', (_req, res) =>
      close(res.statusCode === 429 ? 4429 : 1011, res.statusCode === 429 ? 'Too many live connections from one place.' : ''),
    );
    api.on('error', () => close(1011, ''));
    browser.on('close', () => api.terminate());
    browser.on('error', () => api.terminate());
  }

  return {
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
