import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RuleHitModel } from './rule-hit.model';
import type { ModeratedPost } from './moderated-posts.port';
import { CrisisConcern } from './decision';
import { PageInfo } from '../common/pagination';

export enum ModerationAction {
  PUBLISH = 'PUBLISH',
  NUDGE = 'NUDGE',
  HOLD = 'HOLD',
  CRISIS = 'CRISIS',
}
registerEnumType(ModerationAction, { name: 'ModerationAction' });

export enum FlagReason {
  UNSAFE = 'UNSAFE',
  ATTACK = 'ATTACK',
  PRESSURE = 'PRESSURE',
  PERSONAL_INFO = 'PERSONAL_INFO',
  SPAM = 'SPAM',
  DANGER = 'DANGER',
  OTHER = 'OTHER',
}
/** Why a reader may flag a post, in the article's terms: the flag form and the API describe them alike. */
export const FLAG_REASONS: ReadonlyArray<{ reason: FlagReason; title: string; description: string }> = [
  {
    reason: FlagReason.DANGER,
    title: 'Someone may be in danger',
    description: 'A moderator looks first, at once. If someone is in danger right now, please call your local emergency number.',
  },
  {
    reason: FlagReason.ATTACK,
    title: 'It attacks or belittles someone',
    description: 'Connection depends on treating the other person as a whole human being.',
  },
  {
    reason: FlagReason.UNSAFE,
    title: 'It makes this space feel unsafe',
    description: 'Both people need to feel that they won’t be attacked, cornered, or emotionally overwhelmed.',
  },
  { reason: FlagReason.PRESSURE, title: 'It pushes with urgency or demands', description: 'Connection doesn’t grow under pressure.' },
  {
    reason: FlagReason.PERSONAL_INFO,
    title: 'It shares details that could identify someone',
    description: 'Everyone here stays anonymous; names, places and contact details put people at risk.',
  },
  { reason: FlagReason.SPAM, title: 'It sells or advertises something', description: 'This is a place to talk, not to be sold to.' },
  { reason: FlagReason.OTHER, title: 'Something else', description: 'Tell the moderators in a few words, if you like.' },
];

registerEnumType(FlagReason, {
  name: 'FlagReason',
  valuesMap: Object.fromEntries(FLAG_REASONS.map((r) => [r.reason, { description: `${r.title}. ${r.description}` }])),
});

@ObjectType('FlagReasonInfo')
export class FlagReasonInfoModel {
  @Field(() => FlagReason) reason: FlagReason;
  @Field() title: string;
  @Field() description: string;
}

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

export enum ReviewState {
  WAITING = 'WAITING',
  PUBLISHED = 'PUBLISHED',
  NOT_PUBLISHED = 'NOT_PUBLISHED',
  /** A crisis post a moderator read and looked after (markHandled): no longer waiting, still unseen by readers. */
  HANDLED = 'HANDLED',
}
registerEnumType(ReviewState, {
  name: 'ReviewState',
  description:
    'Where a post stands with the moderators, for its author. HANDLED: a post where someone may be in danger that a moderator read and looked after; it stays between its author and the moderators.',
});

@ObjectType('ToneCheck')
export class ToneCheckModel {
  @Field(() => ModerationAction) action: ModerationAction;
  @Field(() => [RuleHitModel]) hits: RuleHitModel[];
  @Field(() => String, { nullable: true }) message: string | null;
  @Field({
    deprecationReason: 'The engine is rules and a model: use engineVersion (same value).',
    description: 'The engine that produced this answer.',
  })
  rulesVersion: string;
  @Field({ description: 'The engine (rules and model) that produced this answer; stored with every verdict.' }) engineVersion: string;
  @Field(() => CrisisConcern, { nullable: true, description: 'Set when action is CRISIS: OTHER when the writer fears for someone else.' })
  concern?: CrisisConcern | null;
}

@ObjectType('Guideline')
export class GuidelineModel {
  @Field() id: string;
  @Field() principle: string;
  @Field() title: string;
  @Field() description: string;
  @Field() quote: string;
  @Field({ description: 'What the author reads when a post is nudged or held for this reason.' }) message: string;
}

@ObjectType('RejectReason')
export class RejectReasonModel {
  @Field() id: string;
  @Field() principle: string;
  @Field() title: string;
  @Field({ description: 'What the author reads.' }) text: string;
}

@InputType()
export class FlagPostInput {
  @Field(() => ID) postId: string;
  @Field(() => FlagReason) reason: FlagReason;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType('FlagPostPayload')
export class FlagPostPayload {
  @Field() ok: boolean;
  @Field() message: string;
}

@InputType()
export class ReviewPostInput {
  @Field(() => ID) postId: string;
  @Field(() => ReviewDecision) decision: ReviewDecision;
  @Field(() => String, { nullable: true, description: 'Required to reject: the id of a reject reason (see rejectReasons).' })
  reason?: string | null;
}

@ObjectType('ReaderFlag', { description: 'A reader’s flag as moderators read it: the reason and the note. Never who flagged.' })
export class ReaderFlagModel {
  @Field(() => FlagReason) reason: FlagReason;
  @Field({ description: 'The reason in words, as the reader chose it.' }) title: string;
  @Field(() => String, { nullable: true, description: 'What the reader wrote for the moderators, if anything.' }) note: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Null for flags stored before this was kept.' })
  createdAt: Date | null;
}

@ObjectType('QueueNote', { description: 'A moderator’s internal note on a post in the queue. Only moderators read it.' })
export class QueueNoteModel {
  @Field(() => ID) id: string;
  @Field() body: string;
  @Field({ description: 'The e-mail of the moderator who wrote it.' }) author: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('ModeratorMessage', {
  description: 'A private, supportive word from the moderators to the author of a post. Only that author reads it; it names no one.',
})
export class ModeratorMessageModel {
  @Field(() => ID) id: string;
  @Field() body: string;
  @Field(() => GraphQLISODateTime) sentAt: Date;
}

@ObjectType('QueueItem')
export class QueueItemModel {
  @Field(() => ID) id: string;
  /** Shown as the field `post`, resolved by the posts module (posts/moderation-posts.resolver.ts). */
  post: ModeratedPost;
  @Field(() => Int) priority: number;
  @Field(() => [String]) reasons: string[];
  @Field(() => [RuleHitModel]) hits: RuleHitModel[];
  @Field(() => Int) flags: number;
  @Field(() => GraphQLISODateTime) enqueuedAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When a moderator first opened it; null while nobody has.' })
  firstViewedAt: Date | null;
  @Field(() => [ReaderFlagModel], { description: 'Every reader’s flag on the post, oldest first: reason and note, never who.' })
  readerFlags: ReaderFlagModel[];
  @Field(() => [QueueNoteModel], { description: 'Moderators’ internal notes on the post, oldest first.' })
  notes: QueueNoteModel[];
  @Field(() => String, {
    nullable: true,
    description: 'The e-mail of the moderator who opened it in the last few minutes (never anything about the author).',
  })
  claimedBy: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Until when that claim holds.' })
  claimedUntil: Date | null;
}

@ObjectType('QueueEdge')
export class QueueEdge {
  @Field() cursor: string;
  @Field(() => QueueItemModel) node: QueueItemModel;
}

@ObjectType('QueueConnection')
export class QueueConnection {
  @Field(() => [QueueEdge]) edges: QueueEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType('ModerationStats')
export class ModerationStatsModel {
  @Field(() => Int) published: number;
  @Field(() => Int) held: number;
  @Field(() => Int) crisis: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int) flags: number;
  @Field(() => Int) nudgesShown: number;
  @Field(() => Int) nudgesRephrased: number;
  @Field(() => Int) nudgesPostedAnyway: number;
  @Field(() => Int) nudgesAbandoned: number;
  @Field(() => Int, { description: 'Rejected posts their authors changed and sent again for review.' }) appeals: number;
  @Field(() => Number, { nullable: true }) medianMinutesToReview: number | null;
  @Field(() => Number, {
    nullable: true,
    description: 'Crisis items: median minutes from entering the queue (when the post was written) to a moderator first opening it.',
  })
  crisisMedianMinutesToFirstView: number | null;
  @Field(() => Number, { nullable: true, description: 'Crisis items: 90th percentile of the minutes to a moderator first opening one.' })
  crisisP90MinutesToFirstView: number | null;
  @Field(() => Int, { description: 'Crisis items waiting that no moderator has opened yet.' }) crisisUnseen: number;
}

@ObjectType('AuditEntry')
export class AuditEntryModel {
  @Field(() => ID) id: string;
  @Field(() => GraphQLISODateTime) at: Date;
  @Field({ description: '"system", or the acting moderator\'s e-mail.' }) actor: string;
  @Field() action: string;
  @Field(() => ID, { nullable: true }) postId: string | null;
  @Field(() => String, { nullable: true }) rulesVersion: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
}

@ObjectType('AuditConnection')
export class AuditConnection {
  @Field(() => [AuditEntryModel]) entries: AuditEntryModel[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
