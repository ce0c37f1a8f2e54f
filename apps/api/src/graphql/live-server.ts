import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import proxyaddr from 'proxy-addr';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  getOperationAST,
  createSourceEventStream,
  execute,
  parse,
  specifiedRules,
  subscribe as graphqlSubscribe,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode, type Context as WsContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { rateLimitAddress } from '../common/client-address';
import { ErrorCode } from '../common/errors';
import type { Logger } from '../common/logger';
import type { Config } from '../config/config';
import { trustedProxyList } from '../config/config';
import type { LiveControls, RequestContext } from './context';
import { SharedSubscriptions, type Personal, type ShareMember } from './live-share';

/** What connection_init may carry. Credentials travel here, never in the URL (CONTRACT, ADR 020). */
export interface LiveCredentials {
  authorKey?: string;
  token?: string;
}

export interface LiveServerOptions {
  server: Server;
  schema: GraphQLSchema;
  config: Config;
  logger: Pick<Logger, 'warn' | 'debug'>;
  /** The same validation rules as over HTTP (depth, cost, aliases). */
  validationRules: readonly ValidationRule[];
  /** Is this a well-formed author key? (A malformed one is refused at connect.) */
  wellFormedKey(key: string): boolean;
  /** Does this session token belong to a live session of an active moderator? */
  sessionHolds(token: string): Promise<boolean>;
  /** A fresh per-subscription context, as a request over HTTP would get with the same credentials; its `live.renew` must call the given one. */
  context(credentials: LiveCredentials, address: string, live: LiveControls): RequestContext;
  /**
   * For a reader with a key: how their answer differs from everyone's, when an overlay can say so
   * without executing (then they share the group's execution and frames); null: they execute alone.
   * `alone` executes one event for them only.
   */
  personal?(
    document: DocumentNode,
    operationName: string | undefined,
    context: RequestContext,
    alone: (source: unknown) => Promise<ExecutionResult>,
  ): Personal | null;
}

/** Words a person may read when their live connection closes: short and calm. */
export const LIVE_CLOSE = {
  sessionEnded: { code: CloseCode.Unauthorized, reason: 'Your sign-in has ended. Please sign in again.' },
  badKey: { code: CloseCode.Forbidden, reason: 'This author key is not one Steady can read.' },
  badInit: { code: CloseCode.BadRequest, reason: 'The connection details could not be read.' },
  tooSlow: { code: 1008, reason: 'The connection fell behind. Reconnecting will catch up.' },
  idle: { code: 1000, reason: 'Closed after a quiet while. It reconnects when needed.' },
} as const;

type Extra = { socket: WebSocket; request: IncomingMessage } & Record<PropertyKey, unknown>;

/** Per connection: who connected, from where, and the timers that watch it. */
interface ConnectionState {
  credentials: LiveCredentials;
  address: string;
  active: number;
  idle: NodeJS.Timeout | null;
  reauth: NodeJS.Timeout | null;
}

/**
 * GraphQL subscriptions over WebSocket (graphql-ws, "graphql-transport-ws") on the API's port at
 * /graphql. Built on graphql-ws's own `useServer` with a WebSocketServer of Steady's, rather than
 * Nest's `subscriptions` option, because the limits need the upgrade itself (connections per
 * address before a socket is accepted, the largest message) which Nest's server does not expose.
 * Only subscriptions travel here: queries and mutations keep the HTTP path, its rate limits and
 * its cost checks. See docs/decisions/020-live-layer.md.
 */
export class LiveServer {
  private readonly wss: WebSocketServer;
  private readonly perAddress = new Map<string, number>();
  private readonly states = new WeakMap<WebSocket, ConnectionState>();
  private readonly trust: ReturnType<typeof proxyaddr.compile>;
  private readonly disposable: { dispose(): void | Promise<void> };
  /** One execution per (document, variables) for the public class: see live-share.ts. */
  private readonly shared: SharedSubscriptions;
  private readonly shares = new WeakMap<object, { key: string; member: ShareMember }>();
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head);

  constructor(private readonly options: LiveServerOptions) {
    const { config } = options;
    this.trust = proxyaddr.compile(trustedProxyList(config.TRUSTED_PROXIES));
    this.wss = new WebSocketServer({ noServer: true, maxPayload: config.LIVE_MAX_MESSAGE_BYTES });
    this.shared = new SharedSubscriptions({ createSourceEventStream, execute }, (args, onOverflow) => ({
      ...args,
      // The group's own context: no key, no session (the public class), loaders renewed per event.
      contextValue: options.context({}, 'shared', {
        maxQueued: config.LIVE_MAX_QUEUED_EVENTS * 4,
        renew: () => undefined,
        slow: () => false,
        overflow: onOverflow,
      }),
    }));
    this.disposable = useServer<Record<string, unknown> | undefined, Extra>(
      {
        schema: options.schema,
        subscribe: (args) => {
          const share = this.shares.get(args.contextValue as object);
          return share ? this.shared.join(share.key, args, share.member) : graphqlSubscribe(args);
        },
        connectionInitWaitTimeout: config.LIVE_CONNECTION_INIT_TIMEOUT_MS,
        onConnect: (ctx) => this.connect(ctx),
        onSubscribe: (ctx, id, payload) => this.subscribe(ctx, id, payload),
        onComplete: (ctx) => this.completed(ctx),
        onClose: (ctx) => this.closed(ctx),
      },
      this.wss,
      config.LIVE_KEEPALIVE_MS,
    );
    options.server.on('upgrade', this.onUpgrade);
  }

  /** Open WebSockets on this instance. */
  get connections(): number {
    return this.wss.clients.size;
  }

  async close(): Promise<void> {
    this.options.server.off('upgrade', this.onUpgrade);
    for (const socket of this.wss.clients) socket.close(1001, 'The server is restarting. It reconnects by itself.');
    await this.disposable.dispose();
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/graphql') {
      refuse(socket, 404, 'Not Found', 'Live updates are at /graphql.');
      return;
    }
    // The same address the HTTP rate limits count: X-Forwarded-For only through TRUSTED_PROXIES.
    const address = rateLimitAddress(proxyaddr(req, this.trust));
    const open = this.perAddress.get(address) ?? 0;
    if (open >= this.options.config.LIVE_MAX_CONNECTIONS_PER_ADDRESS) {
      refuse(socket, 429, 'Too Many Requests', 'Too many live connections from one place. Close a tab or two, and it will connect.');
      return;
    }
    this.perAddress.set(address, open + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    };
    socket.once('close', release);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.states.set(ws, { credentials: {}, address, active: 0, idle: null, reauth: null });
      ws.once('close', release);
      this.wss.emit('connection', ws, req);
    });
  }

  private state(ctx: WsContext<Record<string, unknown> | undefined, Extra>): ConnectionState | undefined {
    return this.states.get(ctx.extra.socket);
  }

  private async connect(ctx: WsContext<Record<string, unknown> | undefined, Extra>): Promise<boolean | void> {
    const state = this.state(ctx);
    if (!state) return false;
    const params = ctx.connectionParams ?? {};
    const { authorKey, token } = params;
    if ((authorKey !== undefined && typeof authorKey !== 'string') || (token !== undefined && typeof token !== 'string')) {
      return this.closeWith(ctx.extra.socket, LIVE_CLOSE.badInit);
    }
    if (authorKey && !this.options.wellFormedKey(authorKey)) return this.closeWith(ctx.extra.socket, LIVE_CLOSE.badKey);
    if (token) {
      if (!(await this.options.sessionHolds(token))) return this.closeWith(ctx.extra.socket, LIVE_CLOSE.sessionEnded);
      // A session can end while the socket stays open: it is checked again every so often.
      state.reauth = setInterval(() => {
        void this.options.sessionHolds(token).then(
          (holds) => !holds && this.closeWith(ctx.extra.socket, LIVE_CLOSE.sessionEnded),
          () => undefined,
        );
      }, this.options.config.LIVE_REAUTH_MS);
      state.reauth.unref();
    }
    state.credentials = { authorKey: authorKey || undefined, token: token || undefined };
    this.armIdle(ctx.extra.socket, state);
    return true;
  }

  private async subscribe(
    ctx: WsContext<Record<string, unknown> | undefined, Extra>,
    id: string,
    payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  ) {
    const state = this.state(ctx);
    if (!state) return [new GraphQLError('The connection is closing.', { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
    const { config } = this.options;
    if (state.active >= config.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      return [
        new GraphQLError(`At most ${config.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION} live subscriptions fit on one connection.`, {
          extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: 1 },
        }),
      ];
    }
    // Every subscribe checks the session again (it may have been signed out since connect).
    if (state.credentials.token && !(await this.options.sessionHolds(state.credentials.token))) {
      this.closeWith(ctx.extra.socket, LIVE_CLOSE.sessionEnded);
      return [new GraphQLError(LIVE_CLOSE.sessionEnded.reason, { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
    }
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: 2000 });
    } catch {
      return [new GraphQLError('Steady could not read that request as GraphQL.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION || operation.kind !== Kind.OPERATION_DEFINITION) {
      return [
        new GraphQLError('Only subscriptions travel over the WebSocket; send queries and mutations to /graphql over HTTP.', {
          extensions: { code: ErrorCode.BAD_USER_INPUT },
        }),
      ];
    }
    const errors = validate(this.options.schema, document, [...specifiedRules, ...this.options.validationRules]);
    if (errors.length) return errors.map((e) => new GraphQLError(e.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));

    const socket = ctx.extra.socket;
    const controls: LiveControls = {
      maxQueued: config.LIVE_MAX_QUEUED_EVENTS,
      renew: () => undefined,
      // A socket whose send buffer is past the bound is as slow as one whose queue is full.
      slow: () => this.unsent(socket) > config.LIVE_MAX_BUFFERED_BYTES,
      overflow: () => this.closeWith(socket, LIVE_CLOSE.tooSlow),
    };
    const contextValue = this.options.context(state.credentials, state.address, controls);
    const share = this.shareOf(state.credentials, id, socket, document, payload, controls, contextValue);
    if (share) this.shares.set(contextValue, share);
    state.active++;
    this.disarmIdle(state);
    return { schema: this.options.schema, document, variableValues: payload.variables ?? undefined, contextValue };
  }

  /**
   * Which shared execution this subscription joins, if any (ADR 020, "Speed"). No key, no session:
   * the answer is everyone's. A key: when the document's only per-reader fields are ones the
   * overlay answers (`mine`), the reader joins the same group. With `frames` (the default) each
   * event's message is serialised once and written to every member's socket; `shared` hands each
   * member the result through graphql-ws (the previous path); `each` shares nothing.
   */
  private shareOf(
    credentials: LiveCredentials,
    id: string,
    socket: WebSocket,
    document: DocumentNode,
    payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
    controls: LiveControls,
    contextValue: RequestContext,
  ): { key: string; member: ShareMember } | null {
    const mode = this.options.config.LIVE_EXECUTION;
    if (mode === 'each' || credentials.token) return null;
    const key = JSON.stringify([payload.operationName ?? null, payload.query, payload.variables ?? null]);
    const direct = mode === 'frames' ? { id, send: (frame: Buffer) => this.send(socket, frame) } : undefined;
    if (!credentials.authorKey) return { key, member: { ...controls, direct } };
    if (!direct || !this.options.personal) return null;
    const { schema } = this.options;
    const variableValues = payload.variables ?? undefined;
    const operationName = payload.operationName ?? undefined;
    const alone = async (source: unknown) => execute({ schema, document, variableValues, operationName, contextValue, rootValue: source });
    const personal = this.options.personal(document, operationName, contextValue, alone);
    return personal ? { key, member: { ...controls, direct, personal } } : null;
  }

  /**
   * Writes one whole graphql-ws message. A socket written to is corked until the next flush (or
   * until it holds a buffer's worth), so the frames of several events leave in one write per
   * socket rather than one each: the write (a system call per socket) is most of what an event
   * costs per subscriber. A flush comes on the next turn of the event loop, but at most one every
   * LIVE_WRITE_BATCH_MS: a quiet thread's event leaves at once, a busy one's wait that long at most.
   */
  private send(socket: WebSocket, frame: Buffer) {
    if (socket.readyState !== socket.OPEN) return;
    const raw = rawSocket(socket);
    if (raw) {
      const held = this.corked.get(raw);
      if (held === undefined) {
        if (this.corked.size === 0) this.scheduleFlush();
        raw.cork();
        this.corked.set(raw, frame.length);
      } else if (held + frame.length > this.options.config.LIVE_MAX_BUFFERED_BYTES) {
        raw.uncork();
        raw.cork();
        this.corked.set(raw, frame.length);
      } else {
        this.corked.set(raw, held + frame.length);
      }
    }
    socket.send(frame, { binary: false });
  }

  /** Bytes the socket has not sent, leaving out those it holds back for this turn's batch (those are not the reader's slowness). */
  private unsent(socket: WebSocket): number {
    const raw = rawSocket(socket);
    return socket.bufferedAmount - ((raw && this.corked.get(raw)) || 0);
  }

  /** Sockets corked in this turn, with the bytes each holds back. */
  private readonly corked = new Map<Duplex, number>();
  private lastFlush = 0;
  private readonly uncork = () => {
    this.lastFlush = performance.now();
    for (const raw of this.corked.keys()) raw.uncork();
    this.corked.clear();
  };

  private scheduleFlush() {
    const wait = this.lastFlush + this.options.config.LIVE_WRITE_BATCH_MS - performance.now();
    if (wait <= 0) setImmediate(this.uncork);
    else setTimeout(this.uncork, wait);
  }

  private completed(ctx: WsContext<Record<string, unknown> | undefined, Extra>) {
    const state = this.state(ctx);
    if (!state) return;
    state.active = Math.max(0, state.active - 1);
    if (state.active === 0) this.armIdle(ctx.extra.socket, state);
  }

  private closed(ctx: WsContext<Record<string, unknown> | undefined, Extra>) {
    const state = this.state(ctx);
    if (!state) return;
    this.disarmIdle(state);
    if (state.reauth) clearInterval(state.reauth);
    state.reauth = null;
  }

  private armIdle(socket: WebSocket, state: ConnectionState) {
    this.disarmIdle(state);
    state.idle = setTimeout(() => this.closeWith(socket, LIVE_CLOSE.idle), this.options.config.LIVE_IDLE_TIMEOUT_MS);
    state.idle.unref();
  }

  private disarmIdle(state: ConnectionState) {
    if (state.idle) clearTimeout(state.idle);
    state.idle = null;
  }

  /** Closes with a code and a calm reason; graphql-ws's own close after this is a no-op. Returns false for onConnect. */
  private closeWith(socket: WebSocket, { code, reason }: { code: number; reason: string }): false {
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
    // A socket that does not answer the close handshake goes anyway.
    setTimeout(() => socket.terminate(), 2000).unref();
    return false;
  }
}

/** ws keeps the TCP socket it writes to here; corking it batches the frames of one turn. */
function rawSocket(socket: WebSocket): Duplex | undefined {
  return (socket as unknown as { _socket?: Duplex })._socket;
}

function refuse(socket: Duplex, status: number, text: string, body: string) {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
