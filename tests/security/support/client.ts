// A plain HTTP client for the security specs: every answer as the attacker sees it (status,
// headers, body), nothing thrown for a refusal.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export function apiUrl(): string {
  const url = process.env.STEADY_API_URL;
  if (!url) throw new Error('The API was not started (STEADY_API_URL is not set).');
  return url;
}

export interface GqlError {
  message: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: T | null; errors?: GqlError[] } | null;
}

export async function send(init: { method?: string; body?: string; headers?: Record<string, string>; search?: string }): Promise<Answer> {
  const response = await fetch(apiUrl() + (init.search ?? ''), {
    method: init.method ?? 'POST',
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export function gql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  return send({ body: JSON.stringify({ query, variables }), headers: { 'Content-Type': 'application/json', ...headers } });
}

/** The data of a call that must succeed. */
export async function ok<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const answer = await gql<T>(query, variables, headers);
  if (answer.body?.errors?.length || !answer.body?.data) throw new Error(`API refused (${answer.status}): ${answer.text.slice(0, 500)}`);
  return answer.body.data;
}

export const asAuthor = (key: string) => ({ 'X-Author-Key': key });
export const asModerator = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * A moderator made the way an operator makes one, with the CLI against the stack's database,
 * then signed in over the API. Returns the headers to send.
 */
export async function moderatorSession(role: 'MODERATOR' | 'ADMIN' = 'MODERATOR'): Promise<Record<string, string>> {
  const email = `sec-${randomBytes(6).toString('hex')}@example.org`;
  const out = execFileSync(
    process.execPath,
    [path.join(ROOT, 'scripts/run-api-cli.mjs'), 'moderator', 'create', '--email', email, '--role', role],
    {
      cwd: ROOT,
      env: { ...process.env, STEADY_SKIP_BUILD: '1' },
      encoding: 'utf8',
    },
  );
  const { password } = JSON.parse(out.trim().split('\n').at(-1)!) as { password: string };
  const data = await ok<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
    e: email,
    p: password,
  });
  return asModerator(data.login.token);
}

export async function sectionIds(): Promise<Record<string, string>> {
  const data = await ok<{ article: { sections: { id: string; slug: string }[] } }>(
    `{ article(slug: "rebuilding-connection") { sections { id slug } } }`,
  );
  return Object.fromEntries(data.article.sections.map((s) => [s.slug, s.id]));
}
