// The moderators' side of the web server: the session cookie, and GraphQL calls that carry the
// session as `Authorization: Bearer <token>`. The browser never sees the token in a URL or a
// script: it lives in the httpOnly cookie `steady_session` and is forwarded from here.
import { createCookieSessionStorage, redirect, type AppLoadContext, type Session } from '@remix-run/node';
import { parseCookie, stringifySetCookie } from 'cookie';
import {
  AddQueueNoteDocument,
  BanDocument,
  ClaimQueueItemDocument,
  CurrentModeratorDocument,
  ErrorCode,
  LogDocument,
  LoginDocument,
  LogoutDocument,
  MarkQueueItemsSeenDocument,
  MarkHandledDocument,
  MessageAuthorDocument,
  QueueDocument,
  ReleaseQueueItemDocument,
  ReviewDecision,
  ReviewDocument,
  type LogQuery,
  type LoginMutation,
  type QueueItemViewFragment,
  type QueueQuery,
  type SignedInModeratorFragment,
  type TypedDocumentString,
} from '~/graphql/generated';
import { ApiError, gql, type VariablesOf } from './api.server';
import { isHttps } from './author.server';
import { env } from './env.server';

export const SESSION_COOKIE = 'steady_session';

/** Tokens from the API are opaque; accept only a sane shape before forwarding one. */
const TOKEN_SHAPE = /^[A-Za-z0-9._~+/=-]{16,512}$/;

export { ModeratorRole } from '~/graphql/generated';
export type SignedInModerator = SignedInModeratorFragment;

// ---------------------------------------------------------------------------------------------
// The session cookie. Not createCookie (which signs and encodes): the value is the token itself,
// the same shape the API uses for its own `steady_session` cookie.

export function getSessionToken(request: Request): string | null {
  const header = request.headers.get('Cookie');
  let value = header ? parseCookie(header)[SESSION_COOKIE] : undefined;
  if (value === undefined) return null;
  if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return TOKEN_SHAPE.test(value) ? value : null;
}

function sessionCookie(request: Request, value: string, maxAgeSeconds: number): string {
  // Strict: a moderator's session never rides along with a request another site starts, not even
  // a link (ADR 009). Arriving from a link, they see the sign-in page first.
  return stringifySetCookie(SESSION_COOKIE, value, {
    maxAge: maxAgeSeconds,
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isHttps(request),
  });
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
export async function moderatorGql<T, V>(
  request: Request,
  context: AppLoadContext,
  document: TypedDocumentString<T, V>,
  variables: V,
  token: string | null = getSessionToken(request),
): Promise<T> {
  // Never the author key: a moderator's calls must not be linked to a poster's browser.
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (isHttps(request)) headers['X-Forwarded-Proto'] = 'https';
  return gql(request, context, document, ...([variables, { authorKey: null, headers }] as unknown as VariablesOf<V>));
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
  throw redirect(
    `/moderate/login${next}`,
    getSessionToken(request) ? { headers: { 'Set-Cookie': clearSessionCookie(request) } } : undefined,
  );
}

/** Runs moderator calls; a missing or expired session leads to the sign-in page. */
export async function asModerator<T>(request: Request, call: () => Promise<T>): Promise<T> {
  if (!getSessionToken(request)) toSignIn(request);
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.code === ErrorCode.UNAUTHENTICATED) toSignIn(request);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Operations.

export type LoginResult = LoginMutation['login'];

export async function login(request: Request, context: AppLoadContext, email: string, password: string): Promise<LoginResult> {
  const result = await moderatorGql(request, context, LoginDocument, { email, password }, null);
  return result.login;
}

export async function logout(request: Request, context: AppLoadContext): Promise<void> {
  const token = getSessionToken(request);
  if (!token) return;
  await moderatorGql(request, context, LogoutDocument, {}, token);
}

/** The signed-in moderator, or null (no cookie, or a session that ended). */
export async function currentModerator(request: Request, context: AppLoadContext): Promise<SignedInModerator | null> {
  if (!getSessionToken(request)) return null;
  const result = await moderatorGql(request, context, CurrentModeratorDocument, {});
  return result.moderator;
}

export type QueueItemView = QueueItemViewFragment;
export type RuleHitView = QueueItemView['hits'][number];
export type QueuePost = QueueItemView['post'];
export type ModerationStats = QueueQuery['moderationStats'];
export type RejectReason = QueueQuery['rejectReasons'][number];
export type RuleGuide = QueueQuery['guidelines'][number];

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
  const result = await moderatorGql(request, context, QueueDocument, { first: QUEUE_PAGE_SIZE, after });
  if (!result.moderator) throw new ApiError(ErrorCode.UNAUTHENTICATED, 'Please sign in to moderate.');
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

/**
 * Records that the signed-in moderator was shown these queue items, whole, on the queue page:
 * the first time a crisis item is shown stops its alerts (ADR 021). Only items nobody had
 * opened are sent. A failure here must not hide the queue, so it is swallowed (the item then
 * keeps alerting, the safe side) unless the session ended.
 */
export async function markShown(
  request: Request,
  context: AppLoadContext,
  items: Pick<QueueItemView, 'id' | 'firstViewedAt'>[],
): Promise<string[]> {
  const itemIds = items.filter((item) => !item.firstViewedAt).map((item) => item.id);
  if (!itemIds.length) return [];
  try {
    await moderatorGql(request, context, MarkQueueItemsSeenDocument, { itemIds });
    return itemIds;
  } catch (error) {
    if (error instanceof ApiError && error.code === ErrorCode.UNAUTHENTICATED) throw error;
    return [];
  }
}

/** Queue item ids as the API writes them; at most a page's worth in one call. */
const ITEM_ID = /^\d{1,19}$/;
export const MAX_SEEN_IDS = 100;

/** The ids of a posted "seen" form (comma-separated), or null when they are not queue item ids. */
export function seenIds(value: string): string[] | null {
  const ids = [...new Set(value.split(',').filter(Boolean))];
  return ids.length > 0 && ids.length <= MAX_SEEN_IDS && ids.every((id) => ITEM_ID.test(id)) ? ids : null;
}

/** The live queue put these cards on an open page that a moderator is looking at (ADR 021): their first view. */
export async function markSeen(request: Request, context: AppLoadContext, itemIds: string[]): Promise<number> {
  const result = await moderatorGql(request, context, MarkQueueItemsSeenDocument, { itemIds });
  return result.markQueueItemsSeen;
}

export type Claim = { claimedBy: string | null; claimedUntil: string | null };

/** "Take this": the item is this moderator's for a few minutes, unless another's hold still stands (the answer says). */
export async function claimItem(request: Request, context: AppLoadContext, postId: string): Promise<Claim> {
  const result = await moderatorGql(request, context, ClaimQueueItemDocument, { postId });
  return { claimedBy: result.claimQueueItem.claimedBy ?? null, claimedUntil: result.claimQueueItem.claimedUntil ?? null };
}

export async function releaseItem(request: Request, context: AppLoadContext, postId: string): Promise<boolean> {
  const result = await moderatorGql(request, context, ReleaseQueueItemDocument, { postId });
  return result.releaseQueueItem;
}

export async function reviewPost(
  request: Request,
  context: AppLoadContext,
  postId: string,
  decision: ReviewDecision,
  reason: string | null,
): Promise<{ id: string; status: string }> {
  const result = await moderatorGql(request, context, ReviewDocument, { input: { postId, decision, reason } });
  return result.reviewPost;
}

export async function banAuthor(request: Request, context: AppLoadContext, postId: string, reason: string): Promise<boolean> {
  const result = await moderatorGql(request, context, BanDocument, { postId, reason });
  return result.banAuthor;
}

export async function addQueueNote(request: Request, context: AppLoadContext, postId: string, body: string): Promise<void> {
  await moderatorGql(request, context, AddQueueNoteDocument, { postId, body });
}

export async function messageAuthor(request: Request, context: AppLoadContext, postId: string, body: string): Promise<void> {
  await moderatorGql(request, context, MessageAuthorDocument, { postId, body });
}

export async function markHandled(request: Request, context: AppLoadContext, postId: string, note: string): Promise<void> {
  await moderatorGql(request, context, MarkHandledDocument, { postId, note });
}

export type AuditEntry = LogQuery['auditLog']['entries'][number];

export const AUDIT_PAGE_SIZE = 50;

/** What the log page may be narrowed to (already checked by the route). */
export interface AuditLogFilter {
  actor: string | null;
  actions: string[] | null;
  /** ISO times; `until` exclusive. */
  since: string | null;
  until: string | null;
}

export async function auditLog(
  request: Request,
  context: AppLoadContext,
  before: string | null,
  filter: AuditLogFilter = { actor: null, actions: null, since: null, until: null },
): Promise<{
  entries: AuditEntry[];
  hasNextPage: boolean;
  endCursor: string | null;
  moderators: LogQuery['moderators'];
  rejectReasons: LogQuery['rejectReasons'];
  rules: LogQuery['guidelines'];
}> {
  const result = await moderatorGql(request, context, LogDocument, { first: AUDIT_PAGE_SIZE, before, ...filter });
  return {
    entries: result.auditLog.entries,
    ...result.auditLog.pageInfo,
    moderators: result.moderators,
    rejectReasons: result.rejectReasons,
    rules: result.guidelines,
  };
}
