import type { FastifyInstance } from 'fastify';
import { cameOverHttps } from '../moderators/session-transport';
import { EDGE_MESSAGES } from './request-edge';
import { inspectJson } from './input-checks';

/**
 * The API answers JSON only, to the web server and to API clients: nothing of it is meant to be
 * framed, sniffed as HTML, sent on as a referrer or kept in a shared cache (answers to `me` and
 * to moderators are personal).
 */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

/**
 * The HTTP edge, ahead of every route: security headers on every answer, and POST bodies nested
 * too deeply for anything recursive downstream refused with 400 before any hook reads them.
 */
export function registerHttpEdge(fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (cameOverHttps(request)) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  fastify.addHook('preValidation', async (request, reply) => {
    if (request.method !== 'POST' || typeof request.body !== 'object' || request.body === null) return;
    if (inspectJson(request.body, 'body')?.problem !== 'too-deep') return;
    return reply.code(400).send({ errors: [{ message: EDGE_MESSAGES.tooDeep, extensions: { code: 'BAD_REQUEST' } }] });
  });
}
