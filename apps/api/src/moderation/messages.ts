/** Words of the moderation workflow that posters and readers see: calm, warm, short. */
export const MODERATION_MESSAGES = {
  waiting: 'Waiting for a moderator. A moderator will read this soon. Thank you for your patience.',
  publishedAfterReview: 'A moderator read this and published it. Thank you for your patience.',
  notPublished: 'A moderator read this and decided not to publish it. Thank you for understanding.',
  flagThanks: 'Thank you for looking out for this space. A moderator will take a look.',
  flagNeedsKey: 'Flagging needs the private key your browser keeps. Please use the flag button on the page.',
  noteTooLong: (max: number) => `Please keep the note to ${max} characters; a few words are enough.`,
  checkTooLong: 'That is longer than a post can be, so there is nothing to check yet.',
  postNotFound: 'We couldn’t find that post. It may have been removed.',
  removedByAuthor: 'The author removed this post, so there is nothing left to review.',
  pickReason: 'Please pick one of the reasons from the guidelines: the author will read it.',
  banReason: 'Please give a short reason for the ban, for the log.',
  paused: 'Reactions and flags from this browser have been paused by the moderators. Thank you for understanding.',
  slowDown: 'There’s no rush here. Please take a short pause, then try again.',
  seenTooMany: (max: number) => `Please mark at most ${max} items at a time: one page of the queue.`,
  seenUnknown: 'One of those is not a queue item. Please reload the queue and try again.',
} as const;
