import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AppError, ErrorCode } from '../common/errors';
import type { RequestContext } from '../graphql/context';
import { MESSAGES } from './messages';
import { ModeratorRole } from './moderator.entity';
import type { SignedInModerator } from './moderator.model';
import { hasRole, ModeratorsService } from './moderators.service';

const REQUIRED_ROLE = 'steady:moderator-role';

/**
 * Marks a query or mutation (or a whole resolver class) as moderator-only. The guard checks the
 * session before the resolver runs: UNAUTHENTICATED without a valid one, FORBIDDEN when the
 * role is not enough. `@ModeratorOnly()` lets any moderator in; `@ModeratorOnly('ADMIN')` only
 * administrators. A method's decorator wins over its class's.
 *
 *   @ModeratorOnly()
 *   @Query(() => QueueConnection)
 *   moderationQueue(@CurrentModerator() moderator: SignedInModerator) { … }
 *
 * For queries and mutations only: Nest runs no guards on `@ResolveField()` methods unless the
 * GraphQL module sets `fieldResolverEnhancers: ['guards']`, so a field decorated with this would
 * NOT be protected. Guard the root operation that reaches the data instead.
 */
export function ModeratorOnly(role: ModeratorRole | `${ModeratorRole}` = ModeratorRole.MODERATOR) {
  return applyDecorators(SetMetadata(REQUIRED_ROLE, role as ModeratorRole), UseGuards(ModeratorGuard));
}

@Injectable()
export class ModeratorGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ModeratorsService) private readonly moderators: ModeratorsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required =
      this.reflector.getAllAndOverride<ModeratorRole | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]) ??
      ModeratorRole.MODERATOR;
    const ctx = requestContext(context);
    const moderator = await this.moderators.signedIn(ctx);
    ctx.moderator = moderator;
    if (!moderator) throw new AppError(ErrorCode.UNAUTHENTICATED, MESSAGES.signIn);
    if (!hasRole(moderator.role, required)) throw new AppError(ErrorCode.FORBIDDEN, MESSAGES.needsAdmin);
    return true;
  }
}

/**
 * The signed-in moderator, in a resolver guarded by `@ModeratorOnly()`; never null there.
 * (Outside a guarded resolver, use `ModeratorsService.signedIn(ctx)`, which may be null.)
 */
export const CurrentModerator = createParamDecorator((_data: unknown, context: ExecutionContext): SignedInModerator => {
  const moderator = requestContext(context).moderator;
  if (!moderator) throw new AppError(ErrorCode.UNAUTHENTICATED, MESSAGES.signIn);
  return moderator;
});

function requestContext(context: ExecutionContext): RequestContext {
  if (context.getType<string>() !== 'graphql') throw new Error('@ModeratorOnly() guards GraphQL resolvers only');
  return GqlExecutionContext.create(context).getContext<RequestContext>();
}
