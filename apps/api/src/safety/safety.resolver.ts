import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import type { ResourceList } from '@steady/content';
import { SafetyResourceModel } from './safety-resource.model';

export const RESOURCES = Symbol('ResourceList');

/** The services listed in content/resources.md, for the /help page and the crisis response. */
@Resolver()
export class SafetyResolver {
  constructor(@Inject(RESOURCES) private readonly resources: ResourceList) {}

  @Query(() => [SafetyResourceModel], { description: 'Safety resources by region, from content/resources.md.' })
  safetyResources(): SafetyResourceModel[] {
    return this.resources.resources;
  }

  @Query(() => String, { description: 'Sanitized HTML introducing the safety resources.' })
  safetyIntroHtml(): string {
    return this.resources.introHtml;
  }
}
