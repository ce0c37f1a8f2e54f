import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Article')
export class ArticleModel {
  @Field(() => ID) id: string;
  @Field() slug: string;
  @Field() title: string;
  @Field() summary: string;
  @Field(() => GraphQLISODateTime) published: Date;
}

@ObjectType('Section')
export class SectionModel {
  @Field(() => ID) id: string;
  @Field({ description: 'Stable across edits of the article.' }) slug: string;
  @Field({ description: 'The intro section has an empty title.' }) title: string;
  @Field(() => Int, { description: 'Starts at 0 for the intro section.' }) position: number;
  @Field({ description: 'Sanitized HTML of the section text.' }) html: string;
  articleId: string;
  hidden: boolean;
  /**
   * The counters, when the row was read with them (an article's sections); a section from the
   * directory has none, and `postCount` / `Section.posts.totalCount` read them through a loader.
   */
  postCount?: number;
  threadCount?: number;
}
