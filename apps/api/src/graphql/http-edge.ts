import type { FastifyInstance, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { cameOverHttps } from '../common/https';
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

/** What Apollo can answer a (non-incremental) operation with: the same list it negotiates from. */
const ANSWER_TYPES = ['application/json', 'application/graphql-response+json', 'application/json;callbackSpec=1.0'];

/**
 * The HTTP edge, ahead of every route: security headers on every answer; POST bodies nested too
 * deeply for anything recursive downstream refused with 400 before any hook reads them; and an
 * Accept header that allows no JSON refused with 406 BEFORE the operation runs (Apollo checks it
 * only after executing, so a mutation sent with `Accept: application/xml` wrote its row and then
 * answered 406).
 */
export function registerHttpEdge(fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (cameOverHttps(request)) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  fastify.addHook('preValidation', async (request, reply) => {
    if (!request.url.startsWith('/graphql')) return;
    if (!acceptsJson(request)) return reply.code(406).send(refusal(EDGE_MESSAGES.notAcceptable));
    if (request.method !== 'POST' || typeof request.body !== 'object' || request.body === null) return;
    if (inspectJson(request.body, 'body')?.problem !== 'too-deep') return;
    return reply.code(400).send(refusal(EDGE_MESSAGES.tooDeep));
  });
}

function acceptsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  if (!accept) return true;
  return new Negotiator({ headers: { accept } }).mediaType(ANSWER_TYPES) !== undefined;
}

const refusal = (message: string) => ({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
