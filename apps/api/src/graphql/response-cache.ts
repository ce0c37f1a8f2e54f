import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { ThreadVersions } from '../common/thread-versions';
import { ALL_THREADS } from '../common/thread-versions';

/** An anonymous answer as cached: its content type and body (the same object while it stays cached). */
export interface CachedAnswer {
  readonly type: string;
  readonly body: string;
}

/** A GraphQL read as posted. */
export interface ReadRequest {
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
}

/**
 * A reader's own view laid over the answer everyone without a key gets (posts/reader-overlay.ts
 * implements it; infrastructure knows only this shape, ADR 014). See docs/decisions/024-….
 */
export interface AnswerOverlay<Plan = unknown> {
  /** How this read's answer differs by reader, when it is only by what the overlay knows; null: execute it for the reader. */
  plan(read: ReadRequest): Plan | null;
  /** The reader's answer: `answer` with their overlay; null when it must be executed for them after all. */
  apply(plan: Plan, read: ReadRequest, answer: CachedAnswer, authorKey: string): Promise<string | null>;
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
 *
 * A reader with an author key (and nothing else: no session, no cookie) whose read the overlay
 * can plan gets the anonymous answer (cached, or executed anonymously once and cached) with their
 * overlay laid over it by `overlay().apply`: one statement, no GraphQL execution. Their answer is
 * never cached. Anything the overlay cannot do is executed for the reader as before. See ADR 024.
 */
export function registerResponseCache(
  fastify: FastifyInstance,
  versions: ThreadVersions,
  maxBytes = 64 * 1024 * 1024,
  overlay: () => AnswerOverlay | null = () => null,
) {
  const answers = new LRUCache<string, CachedAnswer>({ maxSize: maxBytes, sizeCalculation: (c) => c.body.length + 64 });
  // Concurrent readers with a key waiting for the same anonymous answer: it is executed once.
  const executing = new Map<string, Promise<CachedAnswer | null>>();

  /** The anonymous answer to `request`'s read, executed through this server (and so cached) when it is not cached yet. */
  function anonymousAnswer(request: FastifyRequest, key: string): Promise<CachedAnswer | null> {
    const cached = answers.get(key);
    if (cached) return Promise.resolve(cached);
    let running = executing.get(key);
    if (!running) {
      running = fastify
        .inject({
          method: 'POST',
          url: request.url,
          headers: { 'content-type': 'application/json', accept: String(request.headers.accept ?? 'application/json') },
          payload: request.body as object,
        })
        .then((res) => {
          if (res.statusCode !== 200 || res.body.includes('"errors"')) return null;
          return answers.get(key) ?? { type: String(res.headers['content-type'] ?? 'application/json'), body: res.body };
        })
        .catch(() => null)
        .finally(() => executing.delete(key));
      executing.set(key, running);
    }
    return running;
  }

  fastify.addHook('preHandler', async (request: Tagged, reply) => {
    const read = cacheableRead(request);
    if (!read) return;
    const authorKey = request.headers['x-author-key'];
    const reader = authorKey === undefined ? null : overlay();
    if (authorKey !== undefined && (typeof authorKey !== 'string' || !reader)) return;
    const plan = reader ? reader.plan(read) : null;
    if (reader && plan === null) return; // depends on the reader in ways the overlay does not know: executed for them
    const version = await versions.get(ALL_THREADS);
    if (version === null) return; // the shared version cannot be read: answer from PostgreSQL
    // The answer's content type follows the request's Accept (GraphQL over HTTP), so Accept is part of the key.
    const accept = String(request.headers.accept ?? '');
    const body = JSON.stringify([read.query, read.variables, read.operationName]);
    const key = `${version}:${createHash('sha1').update(accept).update('\n').update(body).digest('base64')}`;
    if (reader) {
      const answer = await anonymousAnswer(request, key);
      const mine = answer && (await reader.apply(plan, read, answer, authorKey as string));
      if (!mine) return; // executed for the reader
      reply.header('content-type', answer.type).header('x-steady-cache', 'overlay');
      return reply.send(mine);
    }
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

/** The read when its answer cannot depend on who asks, an author key aside (no session, no cookie, no mutation). */
function cacheableRead(request: FastifyRequest): ReadRequest | null {
  if (request.method !== 'POST' || !request.url.startsWith('/graphql')) return null;
  const h = request.headers;
  if (h.authorization || h.cookie) return null;
  const body = request.body as { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown } | undefined;
  if (!body || typeof body.query !== 'string' || /\b(mutation|subscription)\b/.test(body.query)) return null;
  // Extensions (persisted queries, or a malformed value Apollo must refuse) are Apollo's to judge.
  if (body.extensions !== undefined) return null;
  return {
    query: body.query,
    variables: (body.variables ?? null) as Record<string, unknown> | null,
    operationName: (body.operationName ?? null) as string | null,
  };
}
