import { GraphQLError } from 'graphql';

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  RATE_LIMITED = 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  EDIT_WINDOW_CLOSED = 'EDIT_WINDOW_CLOSED',
  AUTHOR_BANNED = 'AUTHOR_BANNED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** A reaction to one's own post: reactions are how others answer a post. */
  OWN_POST = 'OWN_POST',
  /** A post that may not be sent again for review (not rejected, or already appealed once). */
  APPEAL_NOT_OPEN = 'APPEAL_NOT_OPEN',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** A failure the person can understand: a stable code and a calm sentence. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const badInput = (field: string, message: string) => new AppError(ErrorCode.BAD_USER_INPUT, message, { field });

export const notFound = (message: string) => new AppError(ErrorCode.NOT_FOUND, message);
