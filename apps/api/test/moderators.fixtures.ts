import { createHash } from 'node:crypto';
import request from 'supertest';
import type { TestApp } from './app';
import { ModeratorsService } from '../src/moderators/moderators.service';

/** Helpers for specs that need moderator accounts and sessions. */

export const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt moderator { id email role } }
}`;

export const PASSWORD = 'correct horse battery staple';

/** Creates an account straight through the service (the CLI is tested on its own). */
export async function createModerator(t: TestApp, email: string, role: 'MODERATOR' | 'ADMIN' = 'MODERATOR', password = PASSWORD) {
  const { moderator } = await t.app.get(ModeratorsService).createAccount({ email, role, password });
  return moderator;
}

/** A made-up client address, so that sign-ins in tests do not share one per-address budget. */
export const someAddress = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** Signs in over GraphQL and returns the session token (from a random X-Forwarded-For unless `headers` say otherwise). */
export async function login(
  t: TestApp,
  email: string,
  password = PASSWORD,
  headers: Record<string, string> = { 'x-forwarded-for': someAddress() },
): Promise<string> {
  const res = await t.gql(LOGIN, { email, password }, headers);
  if (res.errors) throw new Error(`login failed: ${JSON.stringify(res.errors)}`);
  return res.data.login.token;
}

/** A fresh account of that role, signed in: the headers to send. */
export async function signedIn(
  t: TestApp,
  role: 'MODERATOR' | 'ADMIN',
  email = `${role.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.org`,
) {
  await createModerator(t, email, role);
  const token = await login(t, email);
  return { email, token, headers: bearer(token) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Ends a session by SQL as if its time had run out. */
export async function expire(t: TestApp, token: string) {
  const hash = createHash('sha256').update(token).digest();
  await t.dataSource.query(`update moderator_session set expires_at = now() - interval '1 minute' where token_hash = $1`, [hash]);
}

/** A raw GraphQL call, for response headers (Set-Cookie). */
export function rawGql(t: TestApp, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').set(headers).send({ query, variables });
}
