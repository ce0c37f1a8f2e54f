import { createCookie, createCookieSessionStorage, type AppLoadContext } from '@remix-run/node';
import { CreateAuthorKeyDocument, ErrorCode } from '~/graphql/generated';
import { ApiError, gql } from './api.server';
import { env } from './env.server';

// Browsers cap cookie lifetimes at 400 days; ask for all of it.
const FOUR_HUNDRED_DAYS = 60 * 60 * 24 * 400;

/** The anonymous author key (contract: cookie `steady_author`). Never put it in a URL. */
export const authorCookie = createCookie('steady_author', {
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  maxAge: FOUR_HUNDRED_DAYS,
});

/** When the person last opened "Your posts": kept in their browser, never on the server. */
const lastVisitCookie = createCookie('steady_seen', {
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  maxAge: FOUR_HUNDRED_DAYS,
});

export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  return request.headers.get('X-Forwarded-Proto')?.split(',')[0]?.trim() === 'https';
}

const KEY_SHAPE = /^[A-Za-z0-9_-]{16,200}$/;

export function looksLikeAuthorKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_SHAPE.test(value);
}

export async function getAuthorKey(request: Request): Promise<string | null> {
  const value: unknown = await authorCookie.parse(request.headers.get('Cookie'));
  return looksLikeAuthorKey(value) ? value : null;
}

export function setAuthorKey(request: Request, key: string): Promise<string> {
  return authorCookie.serialize(key, { secure: isHttps(request) });
}

/**
 * A key the API issued, for a reader who reacts or flags: the cookie's key when the API knows
 * it, else a new one from the API (only keys Steady issued count, ADR 011; a key this browser
 * got before then and never posted with is replaced). A new key comes with the cookie to set;
 * no "your key" panel is shown for it, since nothing the reader wrote depends on it yet.
 * `context` carries the reader's address: the API limits new keys per address.
 */
export async function ensureAuthorKey(request: Request, context: AppLoadContext): Promise<{ key: string; setCookie: string | null }> {
  const existing = await getAuthorKey(request);
  const { createAuthorKey } = await gql(request, context, CreateAuthorKeyDocument, {}, { authorKey: existing });
  const issued = createAuthorKey.authorKey;
  if (!issued) {
    if (existing) return { key: existing, setCookie: null };
    throw new ApiError(ErrorCode.UNAUTHENTICATED, 'Steady could not give this browser a key just now. Please try again in a moment.');
  }
  return { key: issued, setCookie: await setAuthorKey(request, issued) };
}

export function clearAuthorKey(request: Request): Promise<string> {
  return authorCookie.serialize('', { secure: isHttps(request), maxAge: 0 });
}

export async function getLastVisit(request: Request): Promise<Date | null> {
  const value: unknown = await lastVisitCookie.parse(request.headers.get('Cookie'));
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function clearLastVisit(request: Request): Promise<string> {
  return lastVisitCookie.serialize('', { secure: isHttps(request), maxAge: 0 });
}

export function setLastVisit(request: Request, when: Date): Promise<string> {
  return lastVisitCookie.serialize(when.toISOString(), { secure: isHttps(request) });
}

/**
 * Short-lived notices carried across a redirect (POST/redirect/GET): "your key is now in this
 * browser", and the one-time permission to reveal that key.
 */
const flashStorage = createCookieSessionStorage({
  cookie: {
    name: 'steady_flash',
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secrets: [env.SESSION_SECRET],
    // Long enough to come back to the reveal button later the same day.
    maxAge: 60 * 60 * 12,
  },
});

export interface Notice {
  tone: 'info' | 'care';
  text: string;
  /** Shown in place beside this post (e.g. the thanks for a flag) rather than at the top. */
  postId?: string;
  /** After a crisis post: the way back to the conversation, once help has been seen. */
  back?: string;
  /** After a crisis post: whose safety the writer fears for (OTHER: someone else's, so the help page speaks to a helper). */
  concern?: 'SELF' | 'OTHER';
}

type FlashData = { revealKey: boolean };
/**
 * `keyNotice`: a key was just made; true shows the notice at the top of the next page, a post id
 * beside that post (where the person lands). `written`: "Your reply is up." beside the new post.
 */
type FlashOnce = { keyNotice: boolean | string; notice: Notice; written: { postId: string; text: string } };

export function getFlash(request: Request) {
  return flashStorage.getSession(request.headers.get('Cookie')) as Promise<import('@remix-run/node').Session<FlashData, FlashOnce>>;
}

export function commitFlash(request: Request, session: Awaited<ReturnType<typeof getFlash>>) {
  return flashStorage.commitSession(session, { secure: isHttps(request) });
}
