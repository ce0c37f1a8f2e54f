import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppDependencies, AppModule, queryLimits } from './app.module';
import { registerHttpEdge } from './graphql/http-edge';
import { trustedProxyList } from './config/config';
import { registerResponseCache } from './graphql/response-cache';
import { ReaderOverlay } from './posts/reader-overlay';
import { threadOverlay } from './posts/live-overlay';
import { MemoryThreadVersions } from './common/thread-versions';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ArticlesService } from './articles/articles.service';
import { AuthorCrypto } from './authors/author-crypto';
import { Caller } from './authors/caller';
import { liveChannel, memoryLiveBus } from './common/live-bus';
import { Loaders, type LiveControls, type RequestContext } from './graphql/context';
import { LiveServer, type LiveCredentials } from './graphql/live-server';
import { ModeratorsService } from './moderators/moderators.service';
import { PostsRepository } from './posts/posts.repository';

/** Builds the API without listening, so tests drive it with supertest. */
export async function createApp(deps: AppDependencies): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false, // Fastify's request log would carry client addresses.
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    // request.ip is then the right-most X-Forwarded-For hop that is not a trusted proxy, and a
    // client talking to the API directly cannot choose its own address (ADR 011).
    trustProxy: trustedProxyList(deps.config.TRUSTED_PROXIES).join(',') || false,
    // Slow clients: a request must arrive whole within the timeout, an idle keep-alive socket
    // closes after a few seconds, and Node checks for both every second (its default: 30 s).
    requestTimeout: deps.config.API_REQUEST_TIMEOUT_MS,
    connectionTimeout: deps.config.API_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: deps.config.API_KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout: deps.config.API_REQUEST_TIMEOUT_MS,
      requestTimeout: deps.config.API_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: Math.min(1000, Math.ceil(deps.config.API_REQUEST_TIMEOUT_MS / 4)),
    },
  });
  const threadVersions = deps.threadVersions ?? new MemoryThreadVersions();
  // A bus of our own when none was given (tests, one process): closed with the app.
  const ownBus = deps.liveBus ? null : memoryLiveBus(liveChannel(deps.config), deps.logger);
  const liveBus = deps.liveBus ?? ownBus!;
  await liveBus.start();
  // Registered before Nest adds its routes, so the hooks cover /graphql.
  registerHttpEdge(adapter.getInstance());
  // Readers with a key get the cached anonymous answer with their own overlay (ADR 024): built once the schema exists.
  let overlay: ReaderOverlay | null = null;
  registerResponseCache(adapter.getInstance(), threadVersions, undefined, () => overlay);
  let live: LiveServer | null = null;
  // Before the HTTP server closes (it would wait for the upgraded sockets): WebSockets first.
  adapter.getInstance().addHook('preClose', async () => {
    await live?.close();
    await ownBus?.close();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ ...deps, threadVersions, liveBus }), adapter, {
    logger: ['error', 'warn'],
    bufferLogs: false,
  });
  await app.init();
  if (deps.config.READER_OVERLAY === 'on')
    overlay = new ReaderOverlay(app.get(GraphQLSchemaHost).schema, deps.crypto, app.get(PostsRepository));
  await app.getHttpAdapter().getInstance().ready();
  live = attachLiveServer(app, deps);
  return app;
}

/**
 * GraphQL subscriptions on the same port and path (graphql/live-server.ts). Each subscription
 * gets the context a request with the same credentials would: a Caller for the author key, and
 * the session token where the moderator guard looks for it (an Authorization header).
 */
function attachLiveServer(app: NestFastifyApplication, deps: AppDependencies): LiveServer {
  const articles = app.get(ArticlesService);
  const posts = app.get(PostsRepository);
  const moderators = app.get(ModeratorsService);
  return new LiveServer({
    server: app.getHttpServer(),
    schema: app.get(GraphQLSchemaHost).schema,
    config: deps.config,
    logger: deps.logger,
    validationRules: queryLimits().validationRules,
    wellFormedKey: (key) => AuthorCrypto.isWellFormed(key),
    personal: (document, operationName, ctx, alone) => threadOverlay(document, operationName, ctx.caller, alone),
    sessionHolds: async (token) => (await moderators.authenticate(token)) !== null,
    context: (credentials: LiveCredentials, address: string, live: LiveControls): RequestContext => {
      const caller = new Caller(deps.crypto, credentials.authorKey, address);
      const headers: Record<string, string> = credentials.token ? { authorization: `Bearer ${credentials.token}` } : {};
      // One object per subscription: the guardian and the moderator lookup remember their answers by it.
      const req = { headers, ip: address, socket: {} } as unknown as FastifyRequest;
      const ctx: RequestContext = {
        req,
        reply: undefined as unknown as FastifyReply,
        caller,
        loaders: new Loaders(articles, posts, caller),
      };
      ctx.live = {
        maxQueued: live.maxQueued,
        overflow: () => live.overflow(),
        slow: () => live.slow(),
        renew: () => {
          live.renew();
          ctx.loaders = new Loaders(articles, posts, caller);
        },
      };
      return ctx;
    },
  });
}
