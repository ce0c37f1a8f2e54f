import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { getSafetyResources, type SafetyResource } from '~/lib/content.server';
import { contactParts } from '~/lib/contact';
import { FALLBACK_RESOURCES } from '~/lib/safety-fallback';
import type { loader as rootLoader } from '~/root';
import { pageHeaders } from '~/lib/headers';

export const headers = pageHeaders;

export const meta: MetaFunction = () => [
  { title: 'If you are in danger · Steady' },
  { name: 'description', content: 'Services that can help you right now, by region.' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  try {
    const { safetyResources, safetyIntroHtml } = await getSafetyResources(request, context);
    if (safetyResources.length > 0) return { resources: safetyResources, introHtml: safetyIntroHtml };
  } catch {
    // Fall through: this page must work even when nothing else does.
  }
  return { resources: FALLBACK_RESOURCES, introHtml: null };
}

function byRegion(resources: SafetyResource[]) {
  const groups = new Map<string, SafetyResource[]>();
  for (const resource of resources) {
    const list = groups.get(resource.region) ?? [];
    list.push(resource);
    groups.set(resource.region, list);
  }
  return [...groups.entries()];
}

/** Phone numbers, text numbers, e-mail and web addresses become links, so one tap reaches help. */
function Contact({ contact }: { contact: string }) {
  return (
    <>
      {contactParts(contact).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href}>
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        )
      )}
    </>
  );
}

export default function Help() {
  const { resources, introHtml } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  // Set right after a post that showed someone may be in danger: a way back, once help is seen.
  const back = root?.notice?.tone === 'care' && root.notice.back?.startsWith('/') && !root.notice.back.startsWith('//')
    ? root.notice.back
    : null;
  return (
    <div className="help">
      <h1>If you are in danger</h1>
      {introHtml ? (
        <div className="prose lede" dangerouslySetInnerHTML={{ __html: introHtml }} />
      ) : (
        <div className="prose lede">
          <p>If you or someone close to you is in immediate danger, please call your local emergency number now.</p>
          <p>
            If you are afraid, overwhelmed or thinking about ending your life, you deserve support today. These services
            are free, confidential, and there for exactly this.
          </p>
        </div>
      )}
      {byRegion(resources).map(([region, list]) => (
        <section key={region} className="resource-region" aria-labelledby={`region-${slugify(region)}`}>
          <h2 id={`region-${slugify(region)}`}>{region}</h2>
          <ul className="resources">
            {list.map((resource) => (
              <li key={`${resource.name}-${resource.contact}`}>
                <h3>{resource.name}</h3>
                <p className="contact">
                  <Contact contact={resource.contact} />
                </p>
                <p>{resource.description}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {back ? (
        <p className="help-back">
          Your post is safe with us, and a moderator will read it soon. When you are ready,{' '}
          <Link to={back}>go back to the conversation</Link>.
        </p>
      ) : null}
    </div>
  );
}

function slugify(text: string) {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/(^-|-$)/g, '') || 'region'
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
