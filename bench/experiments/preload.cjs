// A/B experiments on the built API without touching its source: `node -r ./bench/experiments/preload.cjs
// apps/api/dist/main.js` with STEADY_EXP set to a comma list of:
//   apollo  – Apollo Server without the default cache-control plugin (per-field willResolveField
//             hook) and with compact JSON (stringifyResult: JSON.stringify instead of the pretty-printed default);
//   cache   – an in-process response cache for keyless POST /graphql reads (exact request body as the
//             key, no invalidation: an upper bound of what a thread-page cache gives on hits).
// Only for measuring what a change would bring; the real changes belong in apps/api.
const path = require('node:path');
const { createRequire } = require('node:module');

const exp = new Set((process.env.STEADY_EXP ?? '').split(',').filter(Boolean));
const apiRequire = createRequire(path.join(__dirname, '../../apps/api/dist/main.js'));

if (exp.has('apollo')) {
  const entry = apiRequire.resolve('@apollo/server');
  const dir = path.dirname(entry); // …/@apollo/server/dist/cjs
  const serverModule = require(path.join(dir, 'ApolloServer.js'));
  const { ApolloServerPluginCacheControlDisabled } = require(path.join(dir, 'plugin/disabled/index.js'));
  const Original = serverModule.ApolloServer;
  serverModule.ApolloServer = class extends Original {
    constructor(config) {
      super({
        ...config,
        stringifyResult: (value) => JSON.stringify(value),
        plugins: [...(config.plugins ?? []), ApolloServerPluginCacheControlDisabled()],
      });
    }
  };
}

if (exp.has('cache')) {
  const platformRequire = createRequire(apiRequire.resolve('@nestjs/platform-fastify'));
  const fastifyModule = platformRequire('fastify');
  const original = fastifyModule.fastify;
  const cache = new Map();
  const wrapped = function (...args) {
    const app = original(...args);
    app.addHook('preHandler', async (req, reply) => {
      if (req.method !== 'POST' || !req.url.startsWith('/graphql') || req.headers['x-author-key']) return;
      const body = req.body;
      if (!body || typeof body.query !== 'string' || /^\s*mutation/.test(body.query)) return;
      const key = JSON.stringify(body);
      const hit = cache.get(key);
      if (hit) {
        reply.header('content-type', 'application/json; charset=utf-8');
        reply.send(hit);
        return reply;
      }
      req.expCacheKey = key;
    });
    app.addHook('onSend', async (req, reply, payload) => {
      if (req.expCacheKey && reply.statusCode === 200 && typeof payload === 'string' && !payload.includes('"errors"')) {
        cache.set(req.expCacheKey, payload);
      }
      return payload;
    });
    return app;
  };
  Object.assign(wrapped, original);
  wrapped.fastify = wrapped;
  wrapped.default = wrapped;
  fastifyModule.fastify = wrapped;
}
