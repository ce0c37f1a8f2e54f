import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** Repository root, the same from `src/` (tests) and `dist/` (built). */
export const repoRoot = path.resolve(__dirname, '../../../..');

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const positiveNumber = z.coerce.number().positive();
/** An optional URL of that scheme; empty counts as unset (a blank line in an .env file). */
const optionalUrl = (scheme: RegExp, message: string) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .regex(scheme, message)
      .refine((value) => URL.canParse(value), 'must be a URL')
      .optional(),
  );

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  API_PORT: port.default(4000),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  EMBEDDED_PG_PORT: port.default(54329),
  /** With it, rate limits and cache invalidation are shared by every API instance. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.data')),
  CONTENT_DIR: z.string().min(1).default(path.join(repoRoot, 'content')),
  STEADY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: positiveInt.default(10),
  /** Writes per author key (or per address for keyless calls) per window. */
  RATE_LIMIT_WRITES: positiveInt.default(30),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(60),
  /**
   * Readers with an author key get the cached anonymous answer plus their own overlay (ADR 024).
   * `off` executes every read of theirs (the path before ADR 024): a switch for operators and for
   * before/after measurements in the bench.
   */
  READER_OVERLAY: z.enum(['on', 'off']).default('on'),
  /** Request body limit for /graphql, in bytes. */
  BODY_LIMIT_BYTES: positiveInt.default(64 * 1024),
  /**
   * Longest wait for a client to send a whole request (headers and body), and longest silence
   * on a connection mid-request: slow clients cannot hold sockets for long.
   */
  API_REQUEST_TIMEOUT_MS: positiveInt.default(10_000),
  /** How long an idle keep-alive connection stays open (more than the web server's 4 s, so it closes first). */
  API_KEEP_ALIVE_TIMEOUT_MS: positiveInt.default(5_000),
  /** On SIGTERM/SIGINT: how long requests in flight may take to finish before their connections are closed. */
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  /** Prefix of every Redis key and channel Steady uses, so deployments (or test runs) sharing a Redis stay apart. */
  REDIS_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only')
    .default('steady'),
  /** Live (GraphQL subscriptions over WebSocket at /graphql, ADR 020): the channel every instance listens on (default: REDIS_NAMESPACE:live). */
  LIVE_CHANNEL: z.string().min(1).optional(),
  /** Subscriptions one WebSocket may hold at once. */
  LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt.default(10),
  /** Open WebSockets per client address (IPv6 by /64); past it the upgrade is answered 429. */
  LIVE_MAX_CONNECTIONS_PER_ADDRESS: positiveInt.default(20),
  /** Largest message a client may send on the WebSocket (larger: closed with 1009). */
  LIVE_MAX_MESSAGE_BYTES: positiveInt.default(16 * 1024),
  /** Ping every so often; a client that has not answered the last ping by the next is dropped. */
  LIVE_KEEPALIVE_MS: positiveInt.default(12_000),
  /** How long a WebSocket may stay open without any subscription. */
  LIVE_IDLE_TIMEOUT_MS: positiveInt.default(60_000),
  /** Longest wait for connection_init after the upgrade. */
  LIVE_CONNECTION_INIT_TIMEOUT_MS: positiveInt.default(3_000),
  /** Events one subscription may have waiting to be sent; past it the subscriber is too slow and is dropped. */
  LIVE_MAX_QUEUED_EVENTS: positiveInt.default(64),
  /** Bytes a WebSocket may have waiting in its send buffer before it counts as too slow. */
  LIVE_MAX_BUFFERED_BYTES: positiveInt.default(1024 * 1024),
  /**
   * Live frames leave in one write per socket at most this often (milliseconds; 0: every turn of
   * the event loop). A busy thread's events wait up to this long and share a write; a quiet one's
   * leave at once (graphql/live-server.ts).
   */
  LIVE_WRITE_BATCH_MS: z.coerce.number().int().min(0).max(1000).default(20),
  /** How often a moderator's WebSocket checks that their session still holds. */
  LIVE_REAUTH_MS: positiveInt.default(60_000),
  /**
   * `frames` (default): subscribers on the same document and variables share one execution per
   * event, and its message is serialised once and written to every socket; readers with a key join
   * when an overlay answers their `mine` (graphql/live-share.ts, posts/live-overlay.ts). `shared`:
   * only keyless subscribers share the execution, each message goes through graphql-ws (the
   * previous path); `each`: one execution per subscriber. The last two are for comparing in the bench.
   */
  LIVE_EXECUTION: z.enum(['frames', 'shared', 'each']).default('frames'),
  /** How long a moderator session lasts, in hours. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /**
   * Failed moderator sign-ins in 15 minutes: per e-mail, before only addresses that have not
   * failed it may still try it; per client address, at most; and per address before each next
   * attempt must wait (1 s, doubling up to 15 min). A successful sign-in clears them.
   */
  LOGIN_ATTEMPTS_PER_15_MIN: positiveInt.default(5),
  LOGIN_ATTEMPTS_PER_ADDRESS_PER_15_MIN: positiveInt.default(30),
  LOGIN_BACKOFF_AFTER_FAILURES: positiveInt.default(5),
  /** New author keys Steady issues to one client address per hour (a first post, or a reader's first reaction or flag). */
  AUTHOR_KEYS_PER_ADDRESS_PER_HOUR: positiveInt.default(20),
  /**
   * Crisis alerts (ADR 021): a crisis item no moderator has opened after CRISIS_ALERT_MINUTES
   * alerts every configured channel, again after as long, then twice as long each time, at most
   * CRISIS_ALERT_MAX_REPEAT_MINUTES apart, until someone opens it. Checked every
   * CRISIS_ALERT_SWEEP_SECONDS; each webhook call or e-mail gives up after ALERT_TIMEOUT_MS.
   */
  CRISIS_ALERT_MINUTES: positiveNumber.default(5),
  CRISIS_ALERT_MAX_REPEAT_MINUTES: positiveNumber.default(60),
  CRISIS_ALERT_SWEEP_SECONDS: positiveNumber.default(30),
  ALERT_TIMEOUT_MS: positiveInt.default(10_000),
  /** A Slack, Mattermost or Matrix (hookshot) incoming webhook, or anything that takes `{"text": ...}`. */
  MODERATOR_ALERT_WEBHOOK_URL: optionalUrl(/^https?:\/\//, 'must be an http:// or https:// URL'),
  /** smtp:// or smtps:// (user and password in the URL): every active moderator gets the alert by e-mail. */
  SMTP_URL: optionalUrl(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL'),
  ALERT_EMAIL_FROM: z.string().min(3).default('Steady <steady@localhost>'),
  /** The address people open the site at: the alerts link to its queue (`/moderate`). */
  PUBLIC_URL: optionalUrl(/^https?:\/\//, 'must be an http:// or https:// URL'),
  /**
   * Who may tell the API a client's address in X-Forwarded-For: a comma-separated list of
   * addresses, CIDR ranges or the names `loopback`, `linklocal`, `uniquelocal`; empty: nobody.
   * The client is the right-most address in the chain that is not one of these.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('loopback')
    .refine((value) => trustedProxyList(value).every(isTrustedProxyEntry), {
      message: 'must be a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal',
    }),
});

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUSTED_PROXIES as a list (empty when nobody is trusted). */
export function trustedProxyList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function isTrustedProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  // A prefix length, or (IPv4 only) a dotted netmask, as proxy-addr reads them.
  if (/^\d{1,3}$/.test(bits)) return Number(bits) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(bits) === 4;
}

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Parses the environment once; an invalid value stops the start with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Steady's API cannot start: some settings are not valid.\n${lines.join('\n')}`);
  }
  return parsed.data;
}
