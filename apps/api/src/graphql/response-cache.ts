import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { ThreadVersions } from '../common/thread-versions';
import { ALL_THREADS } from '../common/thread-versions';

interface Cached {
  type: string;
  body: string;
}

const CACHE_KEY = Symbol('steadyResponseCacheKey');
type Tagged = FastifyRequest & { [CACHE_KEY]?: string };

/**
 * Whole answers to anonymous GraphQL reads, cached per instance and keyed by the request and
 * the global content version: any write anywhere moves the version on (in Redis when shared),
 * so no instance serves an answer older than the last write it could know of. When that version
 * cannot be read (Redis unreachable), nothing is cached or served from the cache.
 *
 * Only requests that cannot depend on who asks are cached: no X-Author-Key, no Authorization,
 * no Cookie, no mutation, and only answers without errors. See docs/decisions/008-read-path-and-scaling.md.
 */
export function registerResponseCache(fastify: FastifyInstance, versions: ThreadVersions, maxBytes = 64 * 1024 * 1024) {
  const answers = new LRUCache<string, Cached>({ maxSize: maxBytes, sizeCalculation: (c) => c.body.length + 64 });

  fastify.addHook('preHandler', async (request: Tagged, reply) => {
    const body = cacheableBody(request);
    if (!body) return;
    const version = await versions.get(ALL_THREADS);
    if (version === null) return; // the shared version cannot be read: answer from PostgreSQL
    // The answer's content type follows the request's Accept (GraphQL over HTTP), so Accept is part of the key.
    const accept = String(request.headers.accept ?? '');
    const key = `${version}:${createHash('sha1').update(accept).update('\n').update(body).digest('base64')}`;
    const hit = answers.get(key);
    if (hit) {
      reply.header('content-type', hit.type).header('x-steady-cache', 'hit');
      return reply.send(hit.body);
    }
    request[CACHE_KEY] = key;
  });

  fastify.addHook('onSend', async (request: Tagged, reply, payload) => {
    const key = request[CACHE_KEY];
    if (key && reply.statusCode === 200 && typeof payload === 'string' && !payload.includes('"errors"')) {
      answers.set(key, { type: String(reply.getHeader('content-type') ?? 'application/json'), body: payload });
    }
    return payload;
  });
}

function cacheableBody(request: FastifyRequest): string | null {
  if (request.method !== 'POST' || !request.url.startsWith('/graphql')) return null;
  const h = request.headers;
  if (h['x-author-key'] || h.authorization || h.cookie) return null;
  const body = request.body as { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown } | undefined;
  if (!body || typeof body.query !== 'string' || /\b(mutation|subscription)\b/.test(body.query)) return null;
  // Extensions (persisted queries, or a malformed value Apollo must refuse) are Apollo's to judge.
  if (body.extensions !== undefined) return null;
  return JSON.stringify([body.query, body.variables ?? null, body.operationName ?? null]);
}
