import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('SafetyResource')
export class SafetyResourceModel {
  @Field() name: string;
  @Field() contact: string;
  @Field() region: string;
  @Field() description: string;
}
