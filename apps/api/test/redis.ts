import { Redis } from 'ioredis';

/** The Redis the multi-instance specs use (REDIS_URL, default 127.0.0.1:6379). */
export const REDIS_TEST_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * Whether Redis answers, for specs that need it: when none does they are skipped, saying so
 * (`what` names them), unless STEADY_REQUIRE_REDIS=1 (CI), where that is a failure.
 */
export async function redisForSpecs(what: string): Promise<boolean> {
  if (await answers(REDIS_TEST_URL)) return true;
  if (process.env.STEADY_REQUIRE_REDIS === '1')
    throw new Error(`Redis is required (STEADY_REQUIRE_REDIS=1) but none answers at ${REDIS_TEST_URL}.`);
  console.warn(`Skipped: ${what} need Redis at ${REDIS_TEST_URL}, and none answers.`);
  return false;
}
