// Helpers for attacking the web app from outside: a browser session's cookie and form token as
// a real page gives them, and an attacker's own site on another port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export function webUrl(path = '/'): string {
  const base = process.env.STEADY_WEB_URL;
  if (!base) throw new Error('The web app was not started (STEADY_WEB_URL is not set).');
  return new URL(path, base).toString();
}

/** A browser session as Steady's pages make it: the token cookie, and the token its forms carry. */
export async function session(path = '/me'): Promise<{ cookie: string; token: string }> {
  const response = await fetch(webUrl(path));
  const html = await response.text();
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('steady_csrf='));
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!cookie || !token) throw new Error(`No form token on ${path} (status ${response.status}).`);
  return { cookie, token };
}

export const FORM = 'application/x-www-form-urlencoded';

/** A page on another origin that posts a form as soon as it loads, as a hostile site would. */
export interface AttackerSite {
  /** The page's address on `host` (e.g. `localhost` for another site, `127.0.0.1` for the same site). */
  url(host: string, target: string, fields: Record<string, string>, enctype?: string): string;
  stop(): Promise<void>;
}

export async function startAttackerSite(): Promise<AttackerSite> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://attacker');
    const target = url.searchParams.get('target') ?? '';
    const enctype = url.searchParams.get('enctype') ?? FORM;
    const fields = JSON.parse(url.searchParams.get('fields') ?? '{}') as Record<string, string>;
    const inputs = Object.entries(fields)
      .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
      .join('');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>Win a prize</title><form method="post" action="${escape(target)}" enctype="${escape(enctype)}">${inputs}</form>` +
        `<script>document.forms[0].submit()</script>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (host, target, fields, enctype = FORM) =>
      `http://${host}:${port}/?${new URLSearchParams({ target, fields: JSON.stringify(fields), enctype })}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
