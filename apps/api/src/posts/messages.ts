import { MODERATION_MESSAGES } from '../moderation/messages';

/** Every sentence a poster may read from the posting path: calm, warm, short. */
export const MESSAGES = {
  edited: 'Your changes are saved.',
  bodyEmpty: 'Please write a few words before posting.',
  bodyTooLong: (max: number) =>
    `That is a little longer than one post can be (${max.toLocaleString('en')} characters). Could you share it in two parts?`,
  sectionNotFound: 'We couldn’t find that discussion. It may have moved.',
  postNotFound: 'We couldn’t find that post. It may have been removed.',
  parentOtherSection: 'That post belongs to another discussion, so a reply to it can’t go here.',
  parentRemoved: 'That post was removed by its author, so it can’t take new replies. You’re welcome to start a new post.',
  parentNotOpen: 'That post isn’t open for replies right now.',
  malformedKey: 'That private key doesn’t look quite right. Please check it, or post without one to be given a new key.',
  keyNeeded: 'This needs the private key your browser keeps for your posts. Post once to be given one, then try again.',
  notYours: 'Only the person who wrote this post can change it.',
  editWindowClosed: 'Posts can be changed for 30 minutes after they’re shared. You’re welcome to add a reply instead.',
  alreadyRemoved: 'This post has already been removed.',
  reactToPublished: 'Reactions are open on published posts only.',
  banned: 'Posting from this browser has been paused by the moderators. Thank you for understanding.',
  paused: MODERATION_MESSAGES.paused,
  reactNeedsKey: 'Reacting needs the private key Steady gives your browser. Please use the buttons on the page.',
  ownPost: 'Reactions are how others answer your words, so your own posts don’t take them from you.',
  appealed: 'Thank you. A moderator will read it again, and it will appear once they have. Thank you for your patience.',
  appealNotRejected: 'Only a post a moderator decided not to publish can be sent again for review.',
  appealOnce: 'This post has already been sent again once, and a moderator has read it. You’re welcome to write a new post instead.',
  slowDown: 'There’s no rush here. Please take a short pause, then try again.',
  idempotencyKey: 'That request id is not one we can use. Please try again from the page.',
} as const;
