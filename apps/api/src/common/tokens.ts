/** Injection tokens for values that are not classes. */
export const CONFIG = Symbol('Config');
export const LOGGER = Symbol('Logger');
/** The Redis link when REDIS_URL is set, else null (read by /health). */
export const SHARED_REDIS = Symbol('SharedRedis');
/** The live events' bus (common/live-bus.ts): Redis pub/sub with REDIS_URL, in memory without. */
export const LIVE_BUS = Symbol('LiveBus');
