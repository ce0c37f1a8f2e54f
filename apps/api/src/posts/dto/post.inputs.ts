import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RuleHitModel } from '../../moderation/rule-hit.model';
import { SafetyResourceModel } from '../../safety/safety-resource.model';
import { PostModel } from '../post.model';
import { CrisisConcern, PostOutcome } from '../../moderation/decision';
import type { PostRecord } from '../post.model';

/** Defined by the features they belong to; exported here too, where they were first. */
export { RuleHitModel, SafetyResourceModel };

registerEnumType(PostOutcome, { name: 'PostOutcome' });
registerEnumType(CrisisConcern, {
  name: 'CrisisConcern',
  description:
    'On a crisis, whose safety is at stake: SELF, the writer; OTHER, someone the writer fears for (show the resources for helping another person).',
});

@InputType()
export class CreatePostInput {
  @Field(() => ID) sectionId: string;
  @Field(() => ID, { nullable: true, description: 'A reply when set.' }) parentId?: string | null;
  @Field() body: string;
  @Field(() => Boolean, { nullable: true, description: '"Post anyway" after a nudge: the post is then held for review.' })
  acknowledgeNudge?: boolean | null;
  @Field(() => String, { nullable: true, description: 'The same key twice (from the same author) creates one post.' })
  idempotencyKey?: string | null;
  @Field(() => ID, { nullable: true, description: 'The nudgeId of an earlier NUDGED answer, so its outcome is counted (no text is kept).' })
  nudgeId?: string | null;
}

@InputType()
export class EditPostInput {
  @Field(() => ID) postId: string;
  @Field() body: string;
  @Field(() => Boolean, { nullable: true }) acknowledgeNudge?: boolean | null;
}

@InputType()
export class AppealPostInput {
  @Field(() => ID) postId: string;
  @Field({ description: 'The words to send again: changed, or as they were.' }) body: string;
}

@ObjectType('CreatePostPayload')
export class CreatePostPayload {
  @Field(() => PostOutcome) outcome: PostOutcome;
  @Field(() => PostModel, { nullable: true, description: 'Absent when outcome is NUDGED: a nudged post is not stored.' })
  post: PostRecord | null;
  @Field(() => String, { nullable: true, description: 'Set only when this call created a new author key.' })
  authorKey: string | null;
  @Field(() => [RuleHitModel]) hits: RuleHitModel[];
  @Field({ description: "A calm sentence for the author, in the article's voice." }) message: string;
  @Field(() => [SafetyResourceModel], { nullable: true, description: 'Set when outcome is CRISIS.' })
  resources: SafetyResourceModel[] | null;
  @Field(() => CrisisConcern, { nullable: true, description: 'Set when outcome is CRISIS: OTHER when the writer fears for someone else.' })
  concern?: CrisisConcern | null;
  @Field(() => ID, { nullable: true, description: 'Set when outcome is NUDGED: send it back with the next attempt.' })
  nudgeId: string | null;
}
