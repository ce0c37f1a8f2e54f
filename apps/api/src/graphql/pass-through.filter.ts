import { ArgumentsHost, Catch, HttpException, Inject } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { POST_BODY_MAX, spelled } from '@steady/rules';
import { ErrorCode } from '../common/errors';
import type { Logger } from '../common/logger';
import { LOGGER } from '../common/tokens';
import { logUnexpected, MASKED_MESSAGE } from './format-error';

/**
 * One filter for every error:
 * - in a resolver, it hands the error to Apollo's formatError (graphql/format-error.ts), the one
 *   place that turns failures into codes and calm messages (without it Nest logs expected errors,
 *   a closed edit window, as if they were crashes);
 * - on plain HTTP (a body too large or not JSON, refused before GraphQL runs; /health), it
 *   answers in GraphQL's error shape with a stable code, never Fastify's internals.
 */
@Catch()
export class PassThroughFilter implements GqlExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<string>() !== 'http') return exception;
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const onGraphql = http.getRequest<FastifyRequest>().url.startsWith('/graphql');
    // Nest turns Fastify's own refusals (body too large, malformed JSON) into HttpExceptions.
    if (exception instanceof HttpException && !onGraphql) return reply.status(exception.getStatus()).send(exception.getResponse());
    const status = exception instanceof HttpException ? exception.getStatus() : ((exception as { statusCode?: number }).statusCode ?? 500);
    if (status === 413) {
      return reply
        .status(413)
        .send(answer(ErrorCode.PAYLOAD_TOO_LARGE, `That request is too large. A post can be up to ${spelled(POST_BODY_MAX)} characters.`));
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send(answer('BAD_REQUEST', 'That request could not be read. Please send JSON with a GraphQL query.'));
    }
    const correlationId = logUnexpected(this.logger, exception, { route: onGraphql ? '/graphql' : 'http' });
    return reply.status(500).send(answer(ErrorCode.INTERNAL_SERVER_ERROR, MASKED_MESSAGE, { correlationId }));
  }
}

function answer(code: string, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { ...extensions, code } }] };
}
