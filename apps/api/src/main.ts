import 'reflect-metadata';
import { createApp } from './app.factory';
import { createLogger } from './common/logger';
import { ConfigError, loadConfig } from './config/config';
import { EmbeddedDatabaseError } from './database/embedded';
import { openRuntime, RedisUnreachableError } from './runtime';

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
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await app.close().catch(() => undefined);
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

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
  if (error instanceof ConfigError || error instanceof EmbeddedDatabaseError || error instanceof RedisUnreachableError) {
    console.error(error.message);
  } else if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    console.error(`The API port is already in use. Set API_PORT to a free port, or stop the program using it.`);
  } else if ((error as NodeJS.ErrnoException)?.code === 'ECONNREFUSED') {
    console.error('Steady could not reach the database at DATABASE_URL. Is PostgreSQL running there?');
  } else {
    console.error('Steady\'s API could not start:', error);
  }
  process.exit(1);
});
