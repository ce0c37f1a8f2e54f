import { Inject } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../graphql/context';
import { ModeratorModel, LoginPayload, type SignedInModerator } from './moderator.model';
import { CurrentModerator, ModeratorOnly } from './moderator-only';
import { ModeratorsService } from './moderators.service';

@Resolver()
export class ModeratorsResolver {
  constructor(@Inject(ModeratorsService) private readonly service: ModeratorsService) {}

  @Mutation(() => LoginPayload, {
    description: 'Signs a moderator in. The token comes back here and in the httpOnly cookie `steady_session`.',
  })
  async login(@Args('email') email: string, @Args('password') password: string, @Context() ctx: RequestContext): Promise<LoginPayload> {
    return this.service.loginRequest(ctx, email, password);
  }

  @Mutation(() => Boolean, { description: 'Ends the current session (if any) and clears the cookie. Always true.' })
  async logout(@Context() ctx: RequestContext): Promise<boolean> {
    await this.service.logoutRequest(ctx);
    return true;
  }

  @Query(() => ModeratorModel, { nullable: true, description: 'The signed-in moderator, or null without a valid session.' })
  async moderator(@Context() ctx: RequestContext): Promise<ModeratorModel | null> {
    const moderator = await this.service.signedIn(ctx);
    return moderator ? { id: moderator.id, email: moderator.email, role: moderator.role } : null;
  }

  @ModeratorOnly()
  @Mutation(() => Int, { description: 'Moderator only. Ends every session of the signed-in moderator (this one too); returns how many.' })
  async logoutEverywhere(@CurrentModerator() moderator: SignedInModerator, @Context() ctx: RequestContext): Promise<number> {
    const count = await this.service.revokeAllSessions(moderator.id);
    await this.service.logoutRequest(ctx);
    return count;
  }

  @ModeratorOnly('ADMIN')
  @Query(() => [ModeratorModel], { description: 'Admin only. Every moderator account that is not disabled.' })
  moderators(): Promise<ModeratorModel[]> {
    return this.service.list();
  }
}
