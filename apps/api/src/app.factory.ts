import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppDependencies, AppModule } from './app.module';
import { registerHttpEdge } from './graphql/http-edge';
import { trustedProxyList } from './config/config';
import { registerResponseCache } from './graphql/response-cache';
import { MemoryThreadVersions } from './common/thread-versions';

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
  // Registered before Nest adds its routes, so the hooks cover /graphql.
  registerHttpEdge(adapter.getInstance());
  registerResponseCache(adapter.getInstance(), threadVersions);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ ...deps, threadVersions }), adapter, {
    logger: ['error', 'warn'],
    bufferLogs: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
