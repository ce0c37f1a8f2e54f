import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PostModel } from '../posts/post.model';
import type { PostRecord } from '../posts/post.model';
import { RuleHitModel } from '../posts/dto/post.inputs';
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
registerEnumType(FlagReason, {
  name: 'FlagReason',
  valuesMap: {
    UNSAFE: { description: 'Makes this space feel unsafe: Both people need to feel that they won’t be attacked, cornered, or emotionally overwhelmed.' },
    ATTACK: { description: 'Attacks or belittles someone, instead of treating them as a whole human being.' },
    PRESSURE: { description: 'Pushes with urgency, ultimatums or demands: connection doesn’t grow under pressure.' },
    PERSONAL_INFO: { description: 'Shares details that could identify someone.' },
    SPAM: { description: 'Sells or advertises something.' },
    DANGER: { description: 'Someone may be in danger: a moderator looks first, at once.' },
    OTHER: { description: 'Something else a moderator should see.' },
  },
});

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

export enum ReviewState {
  WAITING = 'WAITING',
  PUBLISHED = 'PUBLISHED',
  NOT_PUBLISHED = 'NOT_PUBLISHED',
}
registerEnumType(ReviewState, { name: 'ReviewState', description: 'Where a post stands with the moderators, for its author.' });

@ObjectType('ToneCheck')
export class ToneCheckModel {
  @Field(() => ModerationAction) action: ModerationAction;
  @Field(() => [RuleHitModel]) hits: RuleHitModel[];
  @Field(() => String, { nullable: true }) message: string | null;
  @Field({ description: 'The rule set that produced this answer.' }) rulesVersion: string;
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

@ObjectType('QueueItem')
export class QueueItemModel {
  @Field(() => ID) id: string;
  @Field(() => PostModel) post: PostRecord;
  @Field(() => Int) priority: number;
  @Field(() => [String]) reasons: string[];
  @Field(() => [RuleHitModel]) hits: RuleHitModel[];
  @Field(() => Int) flags: number;
  @Field(() => GraphQLISODateTime) enqueuedAt: Date;
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
  @Field(() => Number, { nullable: true }) medianMinutesToReview: number | null;
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
