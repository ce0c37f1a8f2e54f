// A small GraphQL client for talking to the API, server to server. The browser never needs
// the API's origin: loaders and actions call it and pass on the author key from the cookie.
import { data, type AppLoadContext } from '@remix-run/node';
import { ErrorCode, type TypedDocumentString } from '~/graphql/generated';
import { getAuthorKey } from './author.server';
import { env } from './env.server';

declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    /** The reader's address, forwarded to the API for rate limits only (never stored). */
    clientAddress?: string;
  }
}

/** The API's stable `extensions.code`s (from its schema), or one it added since this was generated. */
export type ApiErrorCode = ErrorCode | (string & {});

/** A refusal from the API, with the calm sentence it wrote for people. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field?: string;
  readonly retryAfterSeconds?: number;

  constructor(code: ApiErrorCode, message: string, field?: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const UNREACHABLE_MESSAGE =
  "Steady can't reach its discussions right now. Nothing you did caused this. Please try again in a few minutes.";

/** Thrown from loaders and actions: the route's ErrorBoundary shows a calm 503 page. */
function unreachable(): never {
  throw data({ message: UNREACHABLE_MESSAGE }, { status: 503 });
}

interface GraphQLErrorShape {
  message?: string;
  extensions?: { code?: string; field?: string; retryAfterSeconds?: number };
}

export interface CallOptions {
  /** Use this key instead of the cookie's (e.g. checking a pasted key); null sends none. */
  authorKey?: string | null;
  /** Extra headers for this call (e.g. a moderator's `Authorization`). */
  headers?: Record<string, string>;
}

/** Variables are required when the operation has some that are. */
export type VariablesOf<V> =
  Record<string, never> extends V ? [variables?: V, options?: CallOptions] : [variables: V, options?: CallOptions];

/** Runs one of the generated operations (app/graphql/*.graphql): typed variables in, typed data out. */
export async function gql<T, V>(
  request: Request,
  context: AppLoadContext,
  document: TypedDocumentString<T, V>,
  ...[variables, options = {}]: VariablesOf<V>
): Promise<T> {
  const authorKey = options.authorKey !== undefined ? options.authorKey : await getAuthorKey(request);
  const headers: Record<string, string> = {
    ...options.headers,
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json',
  };
  if (authorKey) headers['X-Author-Key'] = authorKey;
  if (context.clientAddress) headers['X-Forwarded-For'] = context.clientAddress;

  let response: Response;
  try {
    response = await fetch(env.API_URL, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document.toString().trim(), variables: variables ?? {} }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    unreachable();
  }

  if (response.status === 413) {
    throw new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, 'That is longer than Steady can take in one go. Please shorten it a little.', 'body');
  }

  let payload: { data?: T | null; errors?: GraphQLErrorShape[] };
  try {
    payload = (await response.json()) as typeof payload;
  } catch {
    unreachable();
  }

  const first = payload.errors?.[0];
  if (first) {
    const ext = first.extensions ?? {};
    const code = ext.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
    // Apollo's own codes for a document it could not read: a bug of ours, never the reader's.
    if (code === ErrorCode.INTERNAL_SERVER_ERROR || code === 'GRAPHQL_PARSE_FAILED' || code === 'GRAPHQL_VALIDATION_FAILED') {
      // Not something a reader can act on: log the code (never variables: they may hold a body,
      // a password or a reason).
      console.error(`API answered ${code} to a web request.`);
      throw data({ message: 'Something went wrong on our side. Please try again in a moment.' }, { status: 500 });
    }
    throw new ApiError(code, first.message ?? 'Something did not work.', ext.field, ext.retryAfterSeconds);
  }
  if (!payload.data) unreachable();
  return payload.data;
}

/** Whether `error` is the API's refusal (with this code): the codes are the schema's ErrorCode. */
export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
