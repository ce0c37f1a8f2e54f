import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule, registerEnumType } from '@nestjs/graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ResourceList } from '@steady/content';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ArticlesModule } from './articles/articles.module';
import { ArticlesService } from './articles/articles.service';
import { AuthorCrypto } from './authors/author-crypto';
import { AuthorsModule } from './authors/authors.module';
import { Caller } from './authors/caller';
import { rateLimitAddress } from './common/client-address';
import { ErrorCode } from './common/errors';
import type { Logger } from './common/logger';
import { CONFIG, LIVE_BUS, LOGGER, SHARED_REDIS } from './common/tokens';
import { liveChannel, memoryLiveBus, type LiveBus } from './common/live-bus';
import type { SharedRedis } from './common/shared-redis';
import { MemoryRateLimitStore, RateLimiter, type RateLimitStore } from './common/rate-limit';
import type { Config } from './config/config';
import { Db } from './database/db';
import { Loaders, RequestContext } from './graphql/context';
import { depthLimit } from './graphql/depth-limit';
import { createFormatError } from './graphql/format-error';
import { PassThroughFilter } from './graphql/pass-through.filter';
import { requestEdgePlugin } from './graphql/request-edge';
import { HealthModule } from './health/health.module';
import { ModeratorsModule } from './moderators/moderators.module';
import { ModerationWithPosts, PostsDataModule, PostsModule } from './posts/posts.module';
import { PostsRepository } from './posts/posts.repository';
import { MemoryThreadVersions, type ThreadVersions } from './common/thread-versions';
import { ThreadCache } from './posts/thread-cache';
import { RESOURCES } from './safety/safety.resolver';
import { SafetyModule } from './safety/safety.module';

// In the schema though no field returns it, so that clients (the web app's generated types) know
// every `extensions.code` Steady answers with (ADR 015).
registerEnumType(ErrorCode, { name: 'ErrorCode', description: 'The stable `extensions.code` of an error Steady answers with.' });

export interface AppDependencies {
  config: Config;
  db: Db;
  crypto: AuthorCrypto;
  logger: Logger;
  resources: ResourceList;
  /** Shared across instances when set (Redis); in memory otherwise. */
  rateLimitStore?: RateLimitStore;
  /** Shared across instances when set (Redis); in memory otherwise. */
  threadVersions?: ThreadVersions;
  /** The Redis link behind the two above, when there is one: `/health` reports its outages. */
  redis?: SharedRedis | null;
  /** Live events (ADR 020): Redis pub/sub with REDIS_URL, in memory without. Built by createApp when absent. */
  liveBus?: LiveBus;
  /** Where to write the schema (SDL, sorted) when it is built; `npm run codegen` sets it (ADR 015). */
  schemaFile?: string;
}

/**
 * The limits every GraphQL document meets, over HTTP and over the WebSocket alike.
 */
export function queryLimits() {
  // Depth and aliases bound the work a query can ask for (every list is paged, at most 100,
  // and batched by DataLoaders); the cost limit is set so that the web app's own pages pass,
  // the costliest being a thread page with its replies five levels down in one request (about
  // 136,000). Depth is counted by depthLimit below, where a level of replies counts apart.
  // See docs/decisions/008-read-path-and-scaling.md and 015-typed-contract.md.
  const armor = new ApolloArmor({
    maxDepth: { enabled: false },
    costLimit: { maxCost: 250_000 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 20 },
    // Counted by graphql's own parser instead (parseOptions below): armor's token plugin parses
    // in a hook where any syntax error becomes an HTTP 500.
    maxTokens: { enabled: false },
  }).protect();
  return { armor, validationRules: [...armor.validationRules, depthLimit({ maxDepth: 10, maxReplyLevels: 5 })] };
}

/** The whole API as one module, built from ready dependencies (database, secret, content) so tests build it the same way. */
@Module({})
export class AppModule {
  static forRoot(deps: AppDependencies): DynamicModule {
    const { armor, validationRules } = queryLimits();

    const shared = {
      module: class SharedModule {},
      global: true,
      providers: [
        { provide: CONFIG, useValue: deps.config },
        { provide: LOGGER, useValue: deps.logger },
        { provide: SHARED_REDIS, useValue: deps.redis ?? null },
        { provide: Db, useValue: deps.db },
        { provide: AuthorCrypto, useValue: deps.crypto },
        { provide: RESOURCES, useValue: deps.resources },
        { provide: RateLimiter, useValue: new RateLimiter(deps.rateLimitStore ?? new MemoryRateLimitStore()) },
        { provide: ThreadCache, useValue: new ThreadCache(deps.threadVersions ?? new MemoryThreadVersions()) },
        { provide: LIVE_BUS, useValue: deps.liveBus ?? memoryLiveBus(liveChannel(deps.config), deps.logger) },
      ],
      exports: [CONFIG, LOGGER, SHARED_REDIS, Db, AuthorCrypto, RESOURCES, RateLimiter, ThreadCache, LIVE_BUS],
    } satisfies DynamicModule;

    return {
      module: AppModule,
      imports: [
        shared,
        // One module per feature (ADR 014); dependencies run one way: posts → moderation →
        // authors → articles, and every feature may use moderators (the guard) and the shared module.
        ArticlesModule,
        AuthorsModule,
        ModeratorsModule,
        ModerationWithPosts,
        PostsModule,
        SafetyModule,
        HealthModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [ArticlesModule, PostsDataModule],
          inject: [ArticlesService, PostsRepository],
          useFactory: (articles: ArticlesService, posts: PostsRepository) => ({
            path: '/graphql',
            autoSchemaFile: deps.schemaFile ?? true,
            sortSchema: true,
            buildSchemaOptions: { orphanedTypes: [ErrorCode] },
            playground: false,
            introspection: true,
            includeStacktraceInErrorResponses: false,
            csrfPrevention: true,
            // Cache-control hints would wrap every field resolver; Steady caches whole answers itself.
            plugins: [...armor.plugins, requestEdgePlugin(), ApolloServerPluginCacheControlDisabled()],
            parseOptions: { maxTokens: 2000 },
            // Nest would set every answer with data back to 200; the request edge decides (429 for RATE_LIMITED).
            preserveHttpStatusForExecutionErrors: false,
            validationRules,
            allowBatchedHttpRequests: false,
            formatError: createFormatError(deps.logger),
            context: (req: FastifyRequest, reply: FastifyReply): RequestContext => {
              const caller = new Caller(deps.crypto, headerOf(req, 'x-author-key'), clientAddress(req));
              return { req, reply, caller, loaders: new Loaders(articles, posts, caller) };
            },
          }),
        }),
      ],
      providers: [{ provide: APP_FILTER, useClass: PassThroughFilter }],
    };
  }
}

function headerOf(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client's address, for rate limits only (memory, never stored or logged): Fastify takes it
 * from X-Forwarded-For only through the proxies in TRUSTED_PROXIES (the web server), else it is
 * the socket's address. IPv6 counts by /64.
 */
function clientAddress(req: FastifyRequest): string {
  return rateLimitAddress(req.ip || req.socket.remoteAddress);
}
