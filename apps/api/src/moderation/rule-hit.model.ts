import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

/** A tone rule's hit as the API shows it (decision.ts `publicHit`). */
@ObjectType('RuleHit')
export class RuleHitModel {
  @Field() ruleId: string;
  @Field() principle: string;
  @Field() message: string;
  @Field(() => String, { nullable: true }) quote: string | null;
  @Field(() => Int) start: number;
  @Field(() => Int) end: number;
  @Field(() => Float, { nullable: true, description: "The model's probability for this hit's category (0..1), when the model weighed in." })
  score: number | null;
  @Field({
    description:
      '"rules" when the wording matched a rule, "model" when the model read the meaning; [start, end) is then the sentence that scored highest.',
  })
  source: string;
  @Field({
    description: 'The engine category behind the hit: self-harm, partner-danger, threat, harassment, personal-info, spam or pressure.',
  })
  category: string;
}
