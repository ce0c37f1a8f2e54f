import { Inject } from '@nestjs/common';
import { Context, Field, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../graphql/context';
import { AuthorKeys } from './author-keys';
import { AUTHOR_KEY_MESSAGES } from './messages';

@ObjectType('AuthorKeyPayload')
export class AuthorKeyPayload {
  @Field(() => String, {
    nullable: true,
    description: 'The new key, returned once and never again. Null when the caller already holds a key Steady issued.',
  })
  authorKey: string | null;
  @Field({ description: 'A calm sentence for the reader.' }) message: string;
}

@Resolver()
export class AuthorKeysResolver {
  constructor(@Inject(AuthorKeys) private readonly keys: AuthorKeys) {}

  @Mutation(() => AuthorKeyPayload, {
    description:
      'Gives a reader who has not posted an author key for reacting and flagging (a first post gets one from createPost). ' +
      'A missing, malformed or unknown X-Author-Key gets a new key; a key Steady issued is kept (authorKey: null). ' +
      'New keys are limited per client address.',
  })
  async createAuthorKey(@Context() ctx: RequestContext): Promise<AuthorKeyPayload> {
    if (await this.keys.known(ctx.caller)) return { authorKey: null, message: AUTHOR_KEY_MESSAGES.alreadyHeld };
    const { key } = await this.keys.issue(ctx.caller.address);
    return { authorKey: key, message: AUTHOR_KEY_MESSAGES.issued };
  }
}
