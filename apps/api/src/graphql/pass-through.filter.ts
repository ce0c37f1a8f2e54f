import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Hands every error in a resolver to Apollo's formatError (graphql/format-error.ts), the one
 * place that turns failures into codes and calm messages. Without it Nest logs expected
 * errors (a closed edit window) as if they were crashes.
 */
@Catch()
export class PassThroughFilter implements GqlExceptionFilter {
  catch(exception: unknown) {
    return exception;
  }
}
