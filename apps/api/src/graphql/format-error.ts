import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/errors';
import type { Logger } from '../common/logger';

/** Codes that carry a message written for people; anything else is our fault and is masked. */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const COMPLEXITY = /(depth|cost|alias|directive|token).*(limit|exceed)|exceeds? .*(depth|cost|alias)/i;

/**
 * One place turns every failure into a stable code and a calm sentence: no stack traces,
 * no SQL, no internals. Unexpected errors are logged (without request data) and masked.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? '');
    const { stacktrace: _s, originalError: _o, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (COMPLEXITY.test(formatted.message) && ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', ''].includes(code)) {
      return {
        message: 'That request asks for more than Steady answers at once. Please ask for less.',
        locations: formatted.locations,
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX },
      };
    }
    if (PUBLIC_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    logger.error({ err: describe(original), path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      message: 'Something went wrong on our side. Nothing was changed; please try again in a moment.',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** Name, message and stack only: never the request, its variables or a post body. */
function describe(error: unknown) {
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}
