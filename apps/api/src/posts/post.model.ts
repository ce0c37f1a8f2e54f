import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '../common/pagination';
import { PostStatus, type PostEntity } from './post.entity';

export enum ReactionKind {
  SUPPORT = 'SUPPORT',
  HUG = 'HUG',
  RELATE = 'RELATE',
  HELPFUL = 'HELPFUL',
}
/**
 * A post's fields whose value is the same whoever asks: what the reader overlay (HTTP, ADR 024)
 * and the live overlay (subscriptions, ADR 020) may take from everyone's answer. A field that
 * depends on the reader (`mine`, `reactedByMe`, `reviewState`…) must never be listed here.
 */
export const SAME_FOR_EVERY_READER = ['body', 'createdAt', 'depth', 'editedAt', 'html', 'id', 'pseudonym', 'replyCount', 'status'] as const;

export const REACTION_KINDS = Object.values(ReactionKind);

registerEnumType(PostStatus, { name: 'PostStatus' });
registerEnumType(ReactionKind, { name: 'ReactionKind', description: 'Supportive only: there is no downvote.' });

@ObjectType('ReactionCount')
export class ReactionCountModel {
  @Field(() => ReactionKind) kind: ReactionKind;
  @Field(() => Int) count: number;
  @Field() reactedByMe: boolean;
}

export type { StoredHit } from '../moderation/stored-hit';

/**
 * What resolvers work with: a post row without anything that points to its author (the
 * entity's columns but the sealed reference and the idempotency key, see post.sql.ts), and
 * the reaction counts by kind. Derived from the entity: a new column needs no edit here.
 * `authorToken` is compared with the caller's token for `mine`; never exposed.
 */
export type PostRecord = Omit<PostEntity, 'authorRef' | 'idempotencyKey'> & { counts: Record<ReactionKind, number> };

@ObjectType('Post')
export class PostModel {
  @Field(() => ID) id: string;
  @Field({ description: 'What the author wrote (light Markdown source).' }) body: string;
  @Field({ description: 'Sanitized rendering.' }) html: string;
  @Field({ description: 'Per thread: the same author gets a different one in another section.' }) pseudonym: string;
  @Field(() => PostStatus) status: PostStatus;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) editedAt: Date | null;
  @Field(() => Int) replyCount: number;
  @Field(() => Int, { description: 'Nesting depth: 0 for a top-level post.' }) depth: number;
}

@ObjectType('PostEdge')
export class PostEdge {
  @Field() cursor: string;
  @Field(() => PostModel) node: PostRecord;
}

@ObjectType('PostConnection')
export class PostConnection {
  @Field(() => [PostEdge]) edges: PostEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'Published items of this connection.' }) totalCount: number;
}
