import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/errors';
import type { Logger } from '../common/logger';

/**
 * Codes whose message was written for people (ours, and Apollo's refusals of a malformed request).
 * INTERNAL_SERVER_ERROR is not one: Apollo gives it to every error it did not expect, and its
 * message is then whatever the failing code said (a PostgreSQL sentence, a file path).
 */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'BAD_REQUEST',
]);

/** Apollo's name for "no operation of that name in the document": a bad request, said in the contract's words. */
const RENAMED: Record<string, string> = { OPERATION_RESOLUTION_FAILURE: 'BAD_REQUEST' };

const COMPLEXITY = /(depth|cost|alias|directive|token).*(limit|exceed)|exceeds? .*(depth|cost|alias)|more th(?:an|at) \d+ tokens/i;

const UNREADABLE_DOCUMENT = 'Steady could not read that request as GraphQL. Please check it, or send a simpler one.';

export const MASKED_MESSAGE = 'Something went wrong on our side. Please try again in a moment.';

/**
 * One place turns every failure into a stable code and a calm sentence: no stack traces,
 * no SQL, no internals. Anything unexpected is masked, given a correlation id, and logged
 * under that id (see `logUnexpected`), so a person can quote the id and we can find the cause.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const given = formatted.extensions?.code;
    const raw = typeof given === 'string' ? given : '';
    const code = RENAMED[raw] ?? raw;
    const { stacktrace: _s, originalError: _o, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (COMPLEXITY.test(formatted.message) && ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', ''].includes(code)) {
      return {
        message: 'That request asks for more than Steady answers at once. Please ask for less.',
        locations: formatted.locations,
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX },
      };
    }
    if (code === 'GRAPHQL_PARSE_FAILED' && !formatted.message.startsWith('Syntax Error')) {
      // The parser itself failed (a literal nested thousands deep overflows its stack): its words are Node's.
      return { message: UNREADABLE_DOCUMENT, extensions: { code } };
    }
    if (PUBLIC_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { ...extensions, code } };
    }
    const correlationId = logUnexpected(logger, (error as { originalError?: unknown })?.originalError ?? error, {
      path: formatted.path?.join('.'),
    });
    return { message: MASKED_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, correlationId } };
  };
}

/**
 * Logs an unexpected error under a new correlation id and returns the id. What is logged says
 * where and what kind of failure it was, never what the request carried: a PostgreSQL message
 * or detail can quote a body, an idempotency key or a whole row, so database errors are logged
 * by SQLSTATE and schema names only, and other messages lose anything quoted.
 */
export function logUnexpected(logger: Logger, error: unknown, context: Record<string, unknown> = {}): string {
  const correlationId = randomUUID();
  logger.error({ correlationId, ...context, err: describe(error) }, 'unexpected error');
  return correlationId;
}

function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  // pg's DatabaseError (also inside TypeORM's QueryFailedError as driverError).
  const db = (error as { driverError?: unknown }).driverError ?? error;
  const sqlState = (db as { code?: unknown }).code;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .map((l) => l.trim());
  if (typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState)) {
    const { table, column, constraint, routine, dataType } = db as Record<string, string | undefined>;
    return { type: error.name, sqlState, table, column, constraint, dataType, routine, frames };
  }
  return { type: error.name, message: withoutQuotes(error.message), frames };
}

/** Keeps the shape of a message and drops what it quotes (values are quoted; our words are not). */
function withoutQuotes(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'|`[^`]*`|“[^”]*”/g, '"…"')
    .replace(/[^\n]{200,}/g, (line) => `${line.slice(0, 200)}…`)
    .slice(0, 400);
}
