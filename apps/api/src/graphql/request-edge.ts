import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { AppError, ErrorCode } from '../common/errors';
import { inspectJson, inspectLiterals } from './input-checks';

export const EDGE_MESSAGES = {
  unreadable: 'Some of that text has characters Steady can’t keep (such as a null character). Please remove them and try again.',
  tooDeep: 'That request is nested more deeply than Steady reads. Please send simpler values.',
  subscriptionOverHttp: 'Live updates come over a WebSocket (graphql-ws) at /graphql, not over plain HTTP.',
  notAcceptable: 'Steady answers in JSON. Please accept application/json or application/graphql-response+json.',
} as const;

/** Refused before any resolver runs: nothing is read or written, and the answer is a 4xx. */
const refusal = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  new AppError(code as ErrorCode, message, { ...extensions, http: { status: 400 } });

/**
 * The GraphQL edge: what every operation must pass before a resolver sees it, and how refusals
 * map to HTTP.
 * - Text that PostgreSQL cannot store (NUL, lone surrogates), in variables or in the document,
 *   is BAD_USER_INPUT naming the field, never a database error later.
 * - Variables nested past MAX_INPUT_DEPTH are refused (POST bodies already are, at the HTTP
 *   edge; this covers GET's query-string variables).
 * - A subscription over HTTP is a BAD_REQUEST: they go over the WebSocket.
 * - An answer whose every error is RATE_LIMITED is an HTTP 429 with Retry-After (the largest
 *   retryAfterSeconds), so HTTP clients and proxies back off too; the GraphQL body is unchanged.
 */
export function requestEdgePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) throw refusal('BAD_REQUEST', EDGE_MESSAGES.subscriptionOverHttp);
          const finding = inspectJson(request.variables ?? null, 'variables') ?? inspectLiterals(document);
          if (finding?.problem === 'too-deep') throw refusal('BAD_REQUEST', EDGE_MESSAGES.tooDeep);
          if (finding) throw refusal(ErrorCode.BAD_USER_INPUT, EDGE_MESSAGES.unreadable, { field: finding.field });
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.length || !errors.every((e) => e.extensions?.code === ErrorCode.RATE_LIMITED)) return;
          const seconds = Math.max(1, ...errors.map((e) => Math.ceil(Number(e.extensions?.retryAfterSeconds) || 1)));
          response.http.status = 429;
          response.http.headers.set('retry-after', String(seconds));
        },
      };
    },
  };
}
