// The moderators' side of the web server: the session cookie, and GraphQL calls that carry the
// session as `Authorization: Bearer <token>`. The browser never sees the token in a URL or a
// script: it lives in the httpOnly cookie `steady_session` and is forwarded from here.
import { createCookieSessionStorage, redirect, type AppLoadContext, type Session } from '@remix-run/node';
import { ApiError, gql } from './api.server';
import { isHttps } from './author.server';
import { env } from './env.server';

export const SESSION_COOKIE = 'steady_session';

/** Tokens from the API are opaque; accept only a sane shape before forwarding one. */
const TOKEN_SHAPE = /^[A-Za-z0-9._~+/=-]{16,512}$/;

export type ModeratorRole = 'MODERATOR' | 'ADMIN';
export interface SignedInModerator {
  id: string;
  email: string;
  role: ModeratorRole;
}

// ---------------------------------------------------------------------------------------------
// The session cookie. Written by hand (not createCookie) so the value is the token itself, the
// same shape the API uses for its own `steady_session` cookie.

export function getSessionToken(request: Request): string | null {
  const header = request.headers.get('Cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
    return TOKEN_SHAPE.test(value) ? value : null;
  }
  return null;
}

function sessionCookie(request: Request, value: string, maxAgeSeconds: number): string {
  const secure = isHttps(request) ? '; Secure' : '';
  // Strict: a moderator's session never rides along with a request another site starts, not even
  // a link (ADR 009). Arriving from a link, they see the sign-in page first.
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; SameSite=Strict${secure}`;
}

export function setSessionCookie(request: Request, token: string, expiresAt: string | null): string {
  const until = expiresAt ? Date.parse(expiresAt) : Number.NaN;
  // Without a usable expiry from the API, keep it for a working day; the API decides anyway.
  const seconds = Number.isFinite(until) ? Math.max(60, Math.floor((until - Date.now()) / 1000)) : 60 * 60 * 8;
  return sessionCookie(request, token, seconds);
}

export function clearSessionCookie(request: Request): string {
  return sessionCookie(request, '', 0);
}

// ---------------------------------------------------------------------------------------------
// Flash notices for the queue (POST/redirect/GET). Path `/`, not `/moderate`: with JavaScript,
// Remix fetches the queue's data from `/moderate.data`, which a `/moderate` cookie would miss.

export interface ModerateNotice {
  tone: 'done' | 'problem';
  text: string;
  /** A post just not published: offer to publish it after all. */
  undoPostId?: string;
}

const flashStorage = createCookieSessionStorage<Record<string, never>, { notice: ModerateNotice }>({
  cookie: {
    name: 'steady_moderate_flash',
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secrets: [env.SESSION_SECRET],
    maxAge: 60 * 10,
  },
});

type Flash = Session<Record<string, never>, { notice: ModerateNotice }>;

export async function readNotice(request: Request): Promise<{ notice: ModerateNotice | null; headers: HeadersInit }> {
  const session: Flash = await flashStorage.getSession(request.headers.get('Cookie'));
  const notice = session.get('notice') ?? null;
  if (!notice) return { notice: null, headers: {} };
  return { notice, headers: { 'Set-Cookie': await flashStorage.commitSession(session, { secure: isHttps(request) }) } };
}

export async function noticeCookie(request: Request, notice: ModerateNotice): Promise<string> {
  const session: Flash = await flashStorage.getSession(request.headers.get('Cookie'));
  session.flash('notice', notice);
  return flashStorage.commitSession(session, { secure: isHttps(request) });
}

// ---------------------------------------------------------------------------------------------
// GraphQL with the moderator's session.

/**
 * Calls the API as the signed-in moderator (or with `token` when given, e.g. right after login;
 * `null` sends no session). Throws ApiError with the API's calm message on a refusal.
 */
export async function moderatorGql<T>(
  request: Request,
  context: AppLoadContext,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = getSessionToken(request),
): Promise<T> {
  // Never the author key: a moderator's calls must not be linked to a poster's browser.
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (isHttps(request)) headers['X-Forwarded-Proto'] = 'https';
  return gql<T>(request, context, query, variables, { authorKey: null, headers });
}

/** Where to go after signing in: only somewhere under /moderate. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string') return '/moderate';
  return /^\/moderate(?:[/?][^\s\\]*)?$/.test(value) && !value.startsWith('//') ? value : '/moderate';
}

/** Sends someone without a (valid) session to the sign-in page, forgetting a stale cookie. */
export function toSignIn(request: Request): never {
  const url = new URL(request.url);
  // Remix's own parameters (`index`, and `_routes` on data requests) are not part of the address.
  url.searchParams.delete('index');
  url.searchParams.delete('_routes');
  const here = `${url.pathname.replace(/\.data$/, '')}${url.search}`;
  const next = here === '/moderate' ? '' : `?next=${encodeURIComponent(safeNext(here))}`;
  throw redirect(`/moderate/login${next}`, getSessionToken(request) ? { headers: { 'Set-Cookie': clearSessionCookie(request) } } : undefined);
}

/** Runs moderator calls; a missing or expired session leads to the sign-in page. */
export async function asModerator<T>(request: Request, call: () => Promise<T>): Promise<T> {
  if (!getSessionToken(request)) toSignIn(request);
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') toSignIn(request);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Operations.

export interface LoginResult {
  token: string;
  expiresAt: string | null;
  moderator: SignedInModerator;
}

export async function login(request: Request, context: AppLoadContext, email: string, password: string): Promise<LoginResult> {
  const result = await moderatorGql<{ login: LoginResult }>(
    request,
    context,
    `mutation Login($email: String!, $password: String!) {
      login(email: $email, password: $password) { token expiresAt moderator { id email role } }
    }`,
    { email, password },
    null,
  );
  return result.login;
}

export async function logout(request: Request, context: AppLoadContext): Promise<void> {
  const token = getSessionToken(request);
  if (!token) return;
  await moderatorGql<{ logout: boolean }>(request, context, `mutation Logout { logout }`, {}, token);
}

/** The signed-in moderator, or null (no cookie, or a session that ended). */
export async function currentModerator(request: Request, context: AppLoadContext): Promise<SignedInModerator | null> {
  if (!getSessionToken(request)) return null;
  const result = await moderatorGql<{ moderator: SignedInModerator | null }>(
    request,
    context,
    `query Me { moderator { id email role } }`,
  );
  return result.moderator;
}

export interface RuleHitView {
  ruleId: string;
  principle: string;
  message: string;
  start: number;
  end: number;
  /** The model's probability for the hit's category, when it weighed in. */
  score: number | null;
  /** "model" when the model read the meaning (no rule's wording matched). */
  source: string;
  category: string;
}

export interface QueuePost {
  id: string;
  body: string;
  html: string;
  pseudonym: string;
  status: 'PUBLISHED' | 'PENDING' | 'REJECTED' | 'DELETED';
  createdAt: string;
  section: { id: string; slug: string; title: string; article: { slug: string; title: string } };
  parent: { id: string; body: string; pseudonym: string; status: string } | null;
}

export interface QueueItemView {
  id: string;
  priority: number;
  reasons: string[];
  flags: number;
  enqueuedAt: string;
  hits: RuleHitView[];
  post: QueuePost;
}

export interface ModerationStats {
  published: number;
  held: number;
  crisis: number;
  rejected: number;
  flags: number;
  nudgesShown: number;
  nudgesRephrased: number;
  nudgesPostedAnyway: number;
  nudgesAbandoned: number;
  medianMinutesToReview: number | null;
}

export interface RejectReason {
  id: string;
  principle: string;
  title: string;
  text: string;
}

export interface RuleGuide {
  id: string;
  principle: string;
  title: string;
  description: string;
}

export interface QueuePage {
  moderator: SignedInModerator;
  stats: ModerationStats;
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  items: QueueItemView[];
  rejectReasons: RejectReason[];
  rules: RuleGuide[];
}

export const QUEUE_PAGE_SIZE = 20;

export async function queuePage(request: Request, context: AppLoadContext, after: string | null): Promise<QueuePage> {
  const result = await moderatorGql<{
    moderator: SignedInModerator | null;
    moderationStats: ModerationStats;
    moderationQueue: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: QueueItemView }>;
    };
    rejectReasons: RejectReason[];
    guidelines: RuleGuide[];
  }>(
    request,
    context,
    `query Queue($first: Int!, $after: String) {
      moderator { id email role }
      moderationStats {
        published held crisis rejected flags
        nudgesShown nudgesRephrased nudgesPostedAnyway nudgesAbandoned medianMinutesToReview
      }
      moderationQueue(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            id priority reasons flags enqueuedAt
            hits { ruleId principle message start end score source category }
            post {
              id body html pseudonym status createdAt
              section { id slug title article { slug title } }
              parent { id body pseudonym status }
            }
          }
        }
      }
      rejectReasons { id principle title text }
      guidelines { id principle title description }
    }`,
    { first: QUEUE_PAGE_SIZE, after },
  );
  if (!result.moderator) throw new ApiError('UNAUTHENTICATED', 'Please sign in to moderate.');
  return {
    moderator: result.moderator,
    stats: result.moderationStats,
    totalCount: result.moderationQueue.totalCount,
    hasNextPage: result.moderationQueue.pageInfo.hasNextPage,
    endCursor: result.moderationQueue.pageInfo.endCursor,
    items: result.moderationQueue.edges.map((edge) => edge.node),
    rejectReasons: result.rejectReasons,
    rules: result.guidelines,
  };
}

export async function reviewPost(
  request: Request,
  context: AppLoadContext,
  postId: string,
  decision: 'APPROVE' | 'REJECT',
  reason: string | null,
): Promise<{ id: string; status: string }> {
  const result = await moderatorGql<{ reviewPost: { id: string; status: string } }>(
    request,
    context,
    `mutation Review($input: ReviewPostInput!) { reviewPost(input: $input) { id status } }`,
    { input: { postId, decision, reason } },
  );
  return result.reviewPost;
}

export async function banAuthor(request: Request, context: AppLoadContext, postId: string, reason: string): Promise<boolean> {
  const result = await moderatorGql<{ banAuthor: boolean }>(
    request,
    context,
    `mutation Ban($postId: ID!, $reason: String!) { banAuthor(postId: $postId, reason: $reason) }`,
    { postId, reason },
  );
  return result.banAuthor;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  postId: string | null;
  rulesVersion: string | null;
  reason: string | null;
}

export const AUDIT_PAGE_SIZE = 50;

export async function auditLog(
  request: Request,
  context: AppLoadContext,
  before: string | null,
): Promise<{ entries: AuditEntry[]; hasNextPage: boolean; endCursor: string | null }> {
  const result = await moderatorGql<{
    auditLog: { entries: AuditEntry[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  }>(
    request,
    context,
    `query Log($first: Int!, $before: String) {
      auditLog(first: $first, before: $before) {
        entries { id at actor action postId rulesVersion reason }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { first: AUDIT_PAGE_SIZE, before },
  );
  return { entries: result.auditLog.entries, ...result.auditLog.pageInfo };
}
