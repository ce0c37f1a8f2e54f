// Issue 12, web part, over plain HTTP: forged origins and tokens (finding 1), response headers
// (7), bodies that are not forms (8), bodies over the limit (9) and slow clients (14).
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createModerator, publishedBodies, sectionId, seedPost } from '../browser/support/api';
import { startWeb } from '../browser/support/stack';
import { FORM, session, webUrl } from './support/web';

const SECTION_PATH = '/articles/rebuilding-connection/where-rebuilding-usually-begins';

interface Sent {
  status: number;
  text: string;
  headers: Headers;
  cookies: string[];
}

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}, base = webUrl()): Promise<Sent> {
  const response = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'Content-Type': FORM, ...headers },
    body,
    redirect: 'manual',
  });
  return {
    status: response.status,
    text: await response.text(),
    headers: response.headers,
    cookies: response.headers.getSetCookie().map((c) => c.split('=')[0]),
  };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

let section: string;
let someone: { id: string; authorKey: string };

beforeAll(async () => {
  section = await sectionId('rebuilding-connection', 'where-rebuilding-usually-begins');
  someone = await seedPost({ sectionId: section, body: 'Some evenings we just sit on the step and talk.' });
  await createModerator(`web-requests-${Date.now().toString(36)}@example.org`, 'ADMIN');
});

/** Every action of the web app: its name, address, Remix route id, and fields it would act on. */
const ACTIONS = (): Array<[string, string, string, Record<string, string>]> => [
  ['/me key import', '/me', 'routes/me', { key: someone.authorKey }],
  [
    'a new post',
    SECTION_PATH,
    'routes/articles.$slug.$section',
    { intent: 'create', formId: 'new-post', sectionId: section, body: `Forged words ${Math.random()}` },
  ],
  ['a reaction', SECTION_PATH, 'routes/articles.$slug.$section', { intent: 'react', formId: 'react', postId: someone.id, kind: 'HUG' }],
  ['a flag', SECTION_PATH, 'routes/articles.$slug.$section', { intent: 'flag', formId: 'flag', postId: someone.id, reason: 'SPAM' }],
  ['revealing the key', '/key', 'routes/key', { intent: 'reveal' }],
  ['a review', '/moderate?index', 'routes/moderate._index', { intent: 'approve', postId: someone.id, status: 'PUBLISHED' }],
  ['signing in', '/moderate/login', 'routes/moderate.login', { email: 'nobody@example.org', password: 'not a password' }],
  ['signing out', '/moderate/logout', 'routes/moderate.logout', {}],
];

/** The three shapes of a write to one route: document, single fetch `.data`, legacy `?_data=`. */
function shapes(path: string, routeId: string): string[] {
  const [pathname, search] = path.split('?');
  const query = search ? `?${search}` : '';
  return [path, `${pathname}.data${query}`, `${path}${search ? '&' : '?'}_data=${encodeURIComponent(routeId)}`];
}

describe('a write must come from one of Steady’s pages', () => {
  it('refuses a forged Origin with 403, before the form is read: no key is planted', async () => {
    const { cookie, token } = await session();
    const answer = await post('/me', form({ key: someone.authorKey, csrf: token }), {
      Cookie: cookie,
      Origin: 'http://evil.example',
    });
    expect(answer.status).toBe(403);
    expect(answer.cookies).not.toContain('steady_author');
    expect(answer.text).toContain('Steady only accepts what is sent from its own pages');
  });

  it('refuses every write on Remix’s legacy ?_data= path, even with a good token and no Origin', async () => {
    const { cookie, token } = await session();
    const answer = await post('/me?_data=routes%2Fme', form({ key: someone.authorKey, csrf: token }), { Cookie: cookie });
    expect(answer.status).toBe(403);
    expect(answer.cookies).not.toContain('steady_author');
  });

  it.each(['cross-site', 'same-site', 'none'])('refuses Sec-Fetch-Site: %s, also on ?_data and .data', async (site) => {
    const { cookie, token } = await session();
    for (const path of ['/me', '/me.data', '/me?_data=routes%2Fme']) {
      const answer = await post(path, form({ key: someone.authorKey, csrf: token }), { Cookie: cookie, 'Sec-Fetch-Site': site });
      expect({ path, status: answer.status }).toEqual({ path, status: 403 });
      expect(answer.cookies).not.toContain('steady_author');
    }
  });

  it('accepts its own pages: Sec-Fetch-Site same-origin, its own Origin, or neither header with the token', async () => {
    const own = new URL(webUrl()).origin;
    const variants: Array<Record<string, string>> = [{ 'Sec-Fetch-Site': 'same-origin' }, { Origin: own }, {}];
    for (const headers of variants) {
      const { cookie, token } = await session();
      const answer = await post('/me', form({ key: someone.authorKey, csrf: token }), { Cookie: cookie, ...headers });
      expect({ headers, status: answer.status }).toEqual({ headers, status: 302 });
      expect(answer.cookies).toContain('steady_author');
    }
  });
});

describe('the per-session form token', () => {
  const cases = () =>
    ACTIONS().flatMap(([name, path, routeId, fields]) => [
      [name, shapes(path, routeId), fields, 'missing'] as const,
      [name, shapes(path, routeId), fields, 'wrong'] as const,
      [name, shapes(path, routeId), fields, "another session's"] as const,
    ]);

  const names = ['/me key import', 'a new post', 'a reaction', 'a flag', 'revealing the key', 'a review', 'signing in', 'signing out'];
  it.each(names)('is required for %s: missing, wrong or another session’s, nothing happens', async (name) => {
    for (const [, targets, fields, kind] of cases().filter(([n]) => n === name)) {
      const mine = await session();
      const other = await session();
      const token = kind === 'missing' ? undefined : kind === 'wrong' ? 'A'.repeat(43) : other.token;
      const body = form(token === undefined ? fields : { ...fields, csrf: token });
      for (const target of targets) {
        const answer = await post(target, body, { Cookie: mine.cookie, Accept: 'text/html' });
        expect({ name, kind, target, status: answer.status }).toEqual({ name, kind, target, status: 403 });
        expect(answer.cookies.filter((c) => c === 'steady_author' || c === 'steady_session')).toEqual([]);
      }
      if (fields.body) expect(await publishedBodies(section)).not.toContain(fields.body);
    }
  });

  it('keeps what the person typed when it refuses their post', async () => {
    const { cookie } = await session(SECTION_PATH);
    const body = 'Words I took a long time to find, kept for me.';
    const answer = await post(SECTION_PATH, form({ intent: 'create', formId: 'new-post', sectionId: section, body, csrf: 'stale' }), {
      Cookie: cookie,
      Accept: 'text/html',
    });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain(body);
    expect(answer.text).toContain('please send it again');
  });

  it('a first visit has a token to send at once: the cookie comes with the page', async () => {
    const response = await fetch(webUrl('/me'));
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('steady_csrf='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});

describe('bodies that are not forms', () => {
  const bodies: Array<[string, string, string]> = [
    ['JSON', 'application/json', JSON.stringify({ key: 'x', intent: 'create' })],
    ['text/plain', 'text/plain', 'key=x&intent=create'],
    ['multipart without a boundary', 'multipart/form-data', 'key=x'],
    ['broken multipart', 'multipart/form-data; boundary=XYZ', '--XYZ\r\nContent-Disposition: form-data\r\n\r\nno end'],
  ];

  it.each(bodies)('%s gets a clear 4xx on every action, never a 500', async (_name, type, body) => {
    for (const [name, path, routeId] of ACTIONS()) {
      for (const target of shapes(path, routeId)) {
        const answer = await post(target, body, { 'Content-Type': type });
        // 403 on the legacy `?_data=` path, which no write may take; 415 or 400 on the others.
        const expected = target.includes('_data=') ? [403] : [400, 415];
        expect({ name, target, ok: expected.includes(answer.status) }).toEqual({ name, target, ok: true });
      }
    }
  });

  it('a document request gets the page’s own calm error', async () => {
    const answer = await post('/me', '{"key":"x"}', { 'Content-Type': 'application/json', Accept: 'text/html' });
    expect(answer.status).toBe(415);
    expect(answer.text).toContain('That could not be sent');
    expect(answer.text).toContain('Steady');
    expect(answer.text).not.toMatch(/at .*\.js:\d+/);
  });
});

/** Sends raw bytes; resolves with what came back by the time the server answered or closed. */
function rawExchange(
  request: string,
  { then }: { then?: (socket: net.Socket) => void } = {},
): Promise<{ response: string; closed: boolean; ms: number }> {
  const { hostname, port } = new URL(webUrl());
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname);
    let response = '';
    const finish = (closed: boolean) => {
      socket.destroy();
      resolve({ response, closed, ms: Date.now() - started });
    };
    socket.on('error', () => finish(true));
    socket.on('data', (chunk) => {
      response += chunk.toString();
      if (response.includes('\r\n\r\n')) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.setTimeout(10_000, () => reject(new Error(`No answer in 10 s; got: ${response.slice(0, 200)}`)));
    socket.write(request, () => then?.(socket));
  });
}

describe('bodies over the limit (BODY_LIMIT_BYTES)', () => {
  it('a declared 20 MB body is refused with 413 before any of it is sent', async () => {
    const { response, ms } = await rawExchange(`POST /me HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: 20000000\r\n\r\n`);
    expect(response).toMatch(/^HTTP\/1\.1 413/);
    expect(response.toLowerCase()).toContain('connection: close');
    expect(ms).toBeLessThan(2000);
  });

  it('a chunked body is refused as soon as it passes the limit, while more is still to come', async () => {
    const chunk = 'a'.repeat(32 * 1024);
    const chunks = Array.from({ length: 3 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    // Three chunks (96 KiB, over 64 KiB) and no final chunk: the body never ends.
    const { response } = await rawExchange(
      `POST /me.data HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 413/);
  });

  it('a body within the limit is read as usual', async () => {
    const { cookie, token } = await session();
    const answer = await post('/me', form({ key: 'x'.repeat(30_000), csrf: token }), { Cookie: cookie });
    expect(answer.status).toBe(400);
  });
});

describe('headers', () => {
  const PAGES = [
    '/',
    '/articles/rebuilding-connection',
    SECTION_PATH,
    '/guidelines',
    '/help',
    '/me',
    '/key',
    '/moderate/login',
    '/no-such-page',
  ];

  it.each(PAGES)('%s: a CSP with this response’s nonce on every script, no inline scripts otherwise, no framing', async (path) => {
    const response = await fetch(webUrl(path));
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /script-src [^;]*'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toMatch(/style-src[^;]*unsafe-inline/);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/\sstyle="/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('permissions-policy')).toContain('camera=()');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('a new nonce for every response', async () => {
    const nonces = await Promise.all([1, 2, 3].map(async () => (await fetch(webUrl('/help'))).headers.get('content-security-policy')));
    expect(new Set(nonces).size).toBe(3);
  });

  it('HSTS over HTTPS, behind the trusted proxy', async () => {
    const response = await fetch(webUrl('/help'), { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });

  it.each(['/me', '/key', '/me.data', '/key.data'])('%s is never stored', async (path) => {
    const response = await fetch(webUrl(path), { headers: { Cookie: `steady_author=x` } });
    expect(response.headers.get('cache-control')).toContain('no-store');
  });

  it('the answer of /key’s action (where the key is shown) is never stored', async () => {
    const { cookie, token } = await session();
    const answer = await post('/key', form({ intent: 'reveal', csrf: token }), { Cookie: cookie, Accept: 'text/html' });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('cache-control')).toContain('no-store');
  });

  it('the moderators’ pages and refusals are never stored either', async () => {
    expect((await fetch(webUrl('/moderate/login'))).headers.get('cache-control')).toContain('no-store');
    expect((await post('/me', 'x', { 'Sec-Fetch-Site': 'cross-site' })).headers.get('cache-control')).toContain('no-store');
  });
});

describe('429 says when to come back', () => {
  it('signing in too often: Retry-After from the API', async () => {
    const email = `slow-down-${Date.now().toString(36)}@example.org`;
    let answer: Sent | undefined;
    for (let attempt = 0; attempt < 10; attempt++) {
      const { cookie, token } = await session('/moderate/login');
      answer = await post('/moderate/login', form({ email, password: 'wrong password', csrf: token }), {
        Cookie: cookie,
        Accept: 'text/html',
      });
      if (answer.status === 429) break;
    }
    expect(answer!.status).toBe(429);
    expect(Number(answer!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  describe('posting too often', () => {
    let proxy: http.Server;
    let web: { webUrl: string; stop(): Promise<void> };

    // In front of the real API: every write is answered as the API answers a rate-limited one.
    beforeAll(async () => {
      proxy = http.createServer(
        (req, res) =>
          void (async () => {
            const chunks: Buffer[] = [];
            for await (const chunk of req) chunks.push(chunk as Buffer);
            const body = Buffer.concat(chunks).toString();
            if (/^\s*\{"query":"mutation/.test(body)) {
              res.writeHead(200, { 'Content-Type': 'application/json' });
              res.end(
                JSON.stringify({
                  errors: [{ message: 'Please slow down a little.', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 42 } }],
                }),
              );
              return;
            }
            const answer = await fetch(process.env.STEADY_API_URL!, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body,
            });
            res.writeHead(answer.status, { 'Content-Type': 'application/json' });
            res.end(await answer.text());
          })(),
      );
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      web = await startWeb(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`);
    });
    afterAll(async () => {
      await web?.stop();
      await new Promise((resolve) => proxy?.close(resolve));
    });

    it.each([SECTION_PATH, `${SECTION_PATH}.data`])('%s: 429 with Retry-After, the words kept', async (path) => {
      const page = await fetch(new URL(SECTION_PATH, web.webUrl));
      const cookie = page.headers
        .getSetCookie()
        .find((c) => c.startsWith('steady_csrf='))!
        .split(';')[0];
      const token = /name="csrf" value="([^"]+)"/.exec(await page.text())![1];
      const body = 'Words sent a little too quickly.';
      const answer = await post(
        path,
        form({ intent: 'create', formId: 'new-post', sectionId: section, body, csrf: token }),
        { Cookie: cookie },
        web.webUrl,
      );
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('42');
      expect(answer.text).toContain(body);
    });
  });
});

describe('slow clients give their sockets back (WEB_*_TIMEOUT_MS)', () => {
  let web: { webUrl: string; stop(): Promise<void> };
  beforeAll(async () => {
    web = await startWeb(process.env.STEADY_API_URL!, {
      WEB_HEADERS_TIMEOUT_MS: '1000',
      WEB_REQUEST_TIMEOUT_MS: '2000',
      WEB_KEEP_ALIVE_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    await web?.stop();
  });

  /** Opens a socket that sends `first`, then a byte of `drip` every 200 ms; resolves with how long until the server closed it. */
  function slowClient(first: string, drip: string): Promise<number> {
    const { port } = new URL(web.webUrl);
    return new Promise((resolve) => {
      const started = Date.now();
      const socket = net.connect(Number(port), '127.0.0.1');
      const done = () => {
        clearInterval(timer);
        socket.destroy();
        resolve(Date.now() - started);
      };
      socket.on('close', done);
      socket.on('end', done);
      socket.on('error', done);
      socket.write(first);
      const timer = setInterval(() => {
        if (!socket.destroyed) socket.write(drip);
      }, 200);
      setTimeout(done, 15_000);
    });
  }

  it('200 connections that never finish their headers are all closed within the headers timeout', async () => {
    const times = await Promise.all(Array.from({ length: 200 }, () => slowClient('GET / HTTP/1.1\r\nHost: x\r\n', 'X-a: b\r\n')));
    expect(Math.max(...times)).toBeLessThan(3000);
  });

  it('a body sent a byte at a time is cut off at the request timeout', async () => {
    const ms = await slowClient(`POST /me HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: 1000\r\n\r\n`, 'a');
    expect(ms).toBeGreaterThanOrEqual(1500);
    expect(ms).toBeLessThan(4500);
  });

  it('an idle kept-alive connection is closed after the keep-alive timeout', async () => {
    const { port } = new URL(web.webUrl);
    const ms = await new Promise<number>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let answeredAt = 0;
      socket.on('data', () => (answeredAt ||= Date.now()));
      socket.on('close', () => resolve(Date.now() - answeredAt));
      socket.write('GET /help HTTP/1.1\r\nHost: x\r\n\r\n');
      setTimeout(() => socket.destroy(), 15_000);
    });
    expect(ms).toBeLessThan(3000);
  });
});
