import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../common/errors';

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
  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<string>() !== 'http') return exception;
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const onGraphql = http.getRequest<FastifyRequest>().url.startsWith('/graphql');
    // Nest turns Fastify's own refusals (body too large, malformed JSON) into HttpExceptions.
    if (exception instanceof HttpException && !onGraphql) return reply.status(exception.getStatus()).send(exception.getResponse());
    const status = exception instanceof HttpException ? exception.getStatus() : ((exception as { statusCode?: number }).statusCode ?? 500);
    if (status === 413) {
      return reply.status(413).send(answer(ErrorCode.PAYLOAD_TOO_LARGE, 'That request is too large. A post can be up to 5,000 characters.'));
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send(answer('BAD_REQUEST', 'That request could not be read. Please send JSON with a GraphQL query.'));
    }
    return reply.status(500).send(answer(ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side. Please try again in a moment.'));
  }
}

function answer(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}
