// Beside a moderator's private message on "Your posts": the services that can help right now,
// for the person's region (the same choice as /help), fetched only when a message is there.
import type { AppLoadContext } from '@remix-run/node';
import { getSafetyResources, type SafetyResource } from './content.server';
import { acceptedLanguages, regionFor } from './region';
import { FALLBACK_RESOURCES } from './safety-fallback';

export interface SupportNearby {
  region: string | null;
  resources: SafetyResource[];
}

/** How many services of the person's region are shown beside a message (the rest are on /help). */
const SHOWN = 2;

export async function supportBeside(
  request: Request,
  context: AppLoadContext,
  posts: ReadonlyArray<{ messagesFromModerators?: ReadonlyArray<unknown> | null }>,
): Promise<SupportNearby | null> {
  if (!posts.some((post) => post.messagesFromModerators?.length)) return null;
  let all = FALLBACK_RESOURCES;
  try {
    const found = await getSafetyResources(request, context);
    if (found.safetyResources.length > 0) all = found.safetyResources;
  } catch {
    // The fallback list: the message must never come without a way to get help.
  }
  const offered = [...new Set(all.map((resource) => resource.region))];
  const region = regionFor(acceptedLanguages(request.headers.get('Accept-Language')), offered) ?? offered[0] ?? null;
  return { region, resources: all.filter((resource) => resource.region === region).slice(0, SHOWN) };
}
