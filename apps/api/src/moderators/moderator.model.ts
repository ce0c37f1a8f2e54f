import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ModeratorRole } from './moderator.entity';

registerEnumType(ModeratorRole, { name: 'ModeratorRole', description: 'ADMIN may do everything a MODERATOR may, and more.' });

/** A signed-in moderator, as resolvers see it (`@CurrentModerator()`). */
export interface SignedInModerator {
  id: string;
  email: string;
  role: ModeratorRole;
  /** The session this request came with (for logout and audit entries). */
  sessionId: string;
}

@ObjectType('Moderator')
export class ModeratorModel {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field(() => ModeratorRole) role: ModeratorRole;
}

@ObjectType('LoginPayload')
export class LoginPayload {
  @Field({ description: 'The session token, for API clients: send it as `Authorization: Bearer <token>`. Browsers get it as a cookie.' })
  token: string;
  @Field(() => ModeratorModel) moderator: ModeratorModel;
  @Field(() => GraphQLISODateTime, { description: 'When the session ends unless signed out sooner.' })
  expiresAt: Date;
}
