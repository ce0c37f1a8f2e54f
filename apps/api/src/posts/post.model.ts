import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '../common/pagination';
import { PostStatus } from './post.entity';

export enum ReactionKind {
  SUPPORT = 'SUPPORT',
  HUG = 'HUG',
  RELATE = 'RELATE',
  HELPFUL = 'HELPFUL',
}
export const REACTION_KINDS = Object.values(ReactionKind);

registerEnumType(PostStatus, { name: 'PostStatus' });
registerEnumType(ReactionKind, { name: 'ReactionKind', description: 'Supportive only: there is no downvote.' });

@ObjectType('ReactionCount')
export class ReactionCountModel {
  @Field(() => ReactionKind) kind: ReactionKind;
  @Field(() => Int) count: number;
  @Field() reactedByMe: boolean;
}

/** A rule hit as stored with a post: offsets into its body, never the text itself. */
export interface StoredHit {
  ruleId: string;
  principle: string;
  start: number;
  end: number;
  quote: string;
  message: string;
  /** The model's probability behind the hit (absent on posts stored before the model). */
  score?: number;
  /** Who raised it: a rule's wording, or the model's reading of the meaning. */
  source?: 'rules' | 'model';
}

/** What resolvers work with: a post row without anything that points to its author. */
export interface PostRecord {
  id: string;
  sectionId: string;
  parentId: string | null;
  depth: number;
  pseudonym: string;
  body: string;
  html: string;
  status: PostStatus;
  replyCount: number;
  counts: Record<ReactionKind, number>;
  createdAt: Date;
  editedAt: Date | null;
  /** Compared with the caller's token for `mine`; never exposed. */
  authorToken: Buffer;
  crisis: boolean;
  hits: StoredHit[];
  rulesVersion: string | null;
  flagCount: number;
  /** The reject reason id a moderator chose, shown to the author in kind words. */
  reviewReason: string | null;
  reviewedAt: Date | null;
}

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
