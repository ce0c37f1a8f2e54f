// What an author reads about their own post that is not (yet) in the thread. A crisis post a
// moderator marked handled is no longer "waiting": it was read and looked after (ADR 018).

/** The line under an author's own waiting post in the thread. */
export function pendingWords(reviewState: string | null | undefined): string {
  return reviewState === 'HANDLED'
    ? 'A moderator read this and is looking out for you. Only you and the moderators can see it.'
    : 'Waiting for a moderator. Only you can see this for now.';
}

/** The short status beside a post on "Your posts"; null when there is nothing to say. */
export function statusNote(post: { status: string; reviewState?: string | null }): string | null {
  if (post.reviewState === 'HANDLED') return 'Read by a moderator';
  if (post.reviewState === 'WAITING' || post.status === 'PENDING') return 'Waiting for a moderator';
  if (post.reviewState === 'NOT_PUBLISHED' || post.status === 'REJECTED') return 'Not published';
  if (post.reviewState === 'PUBLISHED') return 'Published';
  if (post.status === 'DELETED') return 'Removed by you';
  return null;
}
