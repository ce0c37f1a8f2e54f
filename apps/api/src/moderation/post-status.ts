/**
 * Where a post stands. Moderation decides PUBLISHED, PENDING and REJECTED (the tone engine's
 * verdict, a reader's flags, a moderator's review); its author decides DELETED. Defined here,
 * beside the decisions, because posts depend on moderation and never the other way round
 * (docs/decisions/014-feature-modules.md); posts re-export it from post.entity.ts.
 */
export enum PostStatus {
  PUBLISHED = 'PUBLISHED',
  PENDING = 'PENDING',
  REJECTED = 'REJECTED',
  DELETED = 'DELETED',
}
