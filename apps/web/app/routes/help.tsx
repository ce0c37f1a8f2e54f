import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation, useRouteLoaderData } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { getSafetyResources, type SafetyResource } from '~/lib/content.server';
import { contactActions, contactParts } from '~/lib/contact';
import { acceptedLanguages, ELSEWHERE, regionFor, regionFromSlug, regionSlug } from '~/lib/region';
import { FALLBACK_RESOURCES } from '~/lib/safety-fallback';
import type { loader as rootLoader } from '~/root';
import { pageHeaders } from '~/lib/headers';

export const headers = pageHeaders;

export const meta: MetaFunction = () => [
  { title: 'If you are in danger · Steady' },
  { name: 'description', content: 'Services that can help you right now, by region.' },
];

/** How many services of the person's region come first, as large buttons. */
const FIRST = 2;

/** The way back to a thread after a crisis post (any page of it): only a thread of Steady's own, never elsewhere. */
const BACK = /^\/articles\/[\w-]+\/[\w-]+(?:\?[^#\s"<>]*)?(?:#post-\d+)?$/;

export async function loader({ request, context }: LoaderFunctionArgs) {
  let resources = FALLBACK_RESOURCES;
  let introHtml: string | null = null;
  try {
    const found = await getSafetyResources(request, context);
    if (found.safetyResources.length > 0) {
      resources = found.safetyResources;
      introHtml = found.safetyIntroHtml;
    }
  } catch {
    // Fall through: this page must work even when nothing else does.
  }
  const url = new URL(request.url);
  const offered = [...new Set(resources.map((resource) => resource.region))];
  const chosen = regionFromSlug(url.searchParams.get('region'), offered);
  const region = chosen ?? regionFor(acceptedLanguages(request.headers.get('Accept-Language')), offered);
  const back = url.searchParams.get('back');
  return data(
    { resources, introHtml, region, back: back && BACK.test(back) ? back : null },
    // Chosen from the browser's languages: a shared cache must not hand one person's region to another.
    { headers: chosen ? {} : { Vary: 'Accept-Language', 'Cache-Control': 'private, no-cache' } },
  );
}

function byRegion(resources: SafetyResource[], first: string | null) {
  const groups = new Map<string, SafetyResource[]>();
  for (const resource of resources) {
    const list = groups.get(resource.region) ?? [];
    list.push(resource);
    groups.set(resource.region, list);
  }
  const entries = [...groups.entries()];
  return [...entries.filter(([region]) => region === first), ...entries.filter(([region]) => region !== first)];
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
        ),
      )}
    </>
  );
}

/** A service as large buttons: call, and text where the service takes texts too. */
function ServiceButtons({ resource }: { resource: SafetyResource }) {
  const actions = contactActions(resource.contact);
  const taps = actions.filter((action) => action.kind === 'call' || action.kind === 'text');
  const shown = taps.length > 0 ? taps : actions.slice(0, 1);
  const also = actions.filter((action) => !shown.includes(action));
  return (
    <li>
      <h3>{resource.name}</h3>
      <p className="help-buttons">
        {shown.map((action) => (
          <a key={action.href} href={action.href} className={`help-button help-${action.kind}`}>
            {action.label}
          </a>
        ))}
      </p>
      {also.length > 0 ? (
        <p className="help-also">
          Or{' '}
          {also.map((action, i) => (
            <span key={action.href}>
              {i > 0 ? ', ' : null}
              <a href={action.href}>{action.label.charAt(0).toLowerCase() + action.label.slice(1)}</a>
            </span>
          ))}
        </p>
      ) : null}
    </li>
  );
}

function regionLink(region: string, back: string | null) {
  const params = new URLSearchParams({ region: regionSlug(region) });
  if (back) params.set('back', back);
  return `/help?${params.toString()}`;
}

function inRegion(region: string) {
  if (region === ELSEWHERE) return 'wherever you are';
  return `in ${region.startsWith('United') || region.startsWith('European') ? 'the ' : ''}${region}`;
}

/** For a person who fears for someone else: what helps, in the words crisis services publish, kept short. */
function HelpingSomeone() {
  return (
    <section className="help-someone" aria-labelledby="help-someone-title">
      <h2 id="help-someone-title">Helping someone through this</h2>
      <ul>
        <li>If they might act on it now, call your local emergency number, and stay with them if it is safe for you.</li>
        <li>You can call or text the services above about someone else. They will help you know what to say and what to do next.</li>
        <li>Ask them gently and directly how they are, and listen. You do not have to fix it, and you do not have to carry it alone.</li>
      </ul>
    </section>
  );
}

export default function Help() {
  const { resources, introHtml, region, back: backFromLink } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  // Set right after a post that showed someone may be in danger: a warm word and a way back.
  const care = root?.notice?.tone === 'care' ? root.notice : null;
  // The writer fears for someone else: the page speaks to a helper first.
  const forSomeoneElse = care?.concern === 'OTHER';
  const backFromPost = care?.back && BACK.test(care.back) ? care.back : null;
  const back = backFromPost ?? backFromLink;
  const regions = byRegion(resources, region);
  const heading = useRef<HTMLHeadingElement>(null);
  const { hash } = useLocation();
  // Arriving here from the post box far down a thread (with JavaScript), the numbers must be in
  // view at once, and a screen reader starts from the top of the help, not from a vanished button.
  useEffect(() => {
    if (!care) return;
    if (!hash) window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, [care, hash]);
  const [firstRegion, firstList] = regions[0] ?? [null, []];
  const first = firstList.slice(0, FIRST);
  const intro = introHtml ? (
    <div className="prose lede" dangerouslySetInnerHTML={{ __html: introHtml }} />
  ) : (
    <div className="prose lede">
      <p>If you or someone close to you is in immediate danger, please call your local emergency number now.</p>
      <p>
        If you are afraid, overwhelmed or thinking about ending your life, you deserve support today. These services are free, confidential,
        and there for exactly this.
      </p>
    </div>
  );

  return (
    <div className="help">
      <h1 ref={heading} tabIndex={-1}>
        {forSomeoneElse ? 'If someone you care about is in danger' : 'If you are in danger'}
      </h1>
      {firstRegion ? (
        <section className="help-now" aria-labelledby="help-now-title">
          <h2 id="help-now-title">Help {inRegion(firstRegion)}, right now</h2>
          <ul className="help-now-list">
            {first.map((resource) => (
              <ServiceButtons key={`${resource.name}-${resource.contact}`} resource={resource} />
            ))}
          </ul>
          <p className="region-switch">
            {firstRegion === ELSEWHERE ? 'Somewhere listed below?' : `Not ${inRegion(firstRegion)}?`}{' '}
            <a href="#regions">Choose where you are</a>
          </p>
        </section>
      ) : null}
      {care ? (
        <div className="notice notice-care" role="status">
          <p>{care.text}</p>
        </div>
      ) : null}
      {back ? (
        <p className="help-back">
          Your post is safe with us, and a moderator will read it soon. When you are ready,{' '}
          <Link to={back}>go back to the conversation</Link>.
        </p>
      ) : null}
      {forSomeoneElse ? <HelpingSomeone /> : null}
      {care ? null : intro}
      <nav className="regions" id="regions" aria-labelledby="regions-title" tabIndex={-1}>
        <h2 id="regions-title">Where are you?</h2>
        <ul>
          {regions.map(([name]) => (
            <li key={name}>
              <Link to={regionLink(name, back)} aria-current={name === firstRegion ? 'true' : undefined}>
                {name === ELSEWHERE ? 'Somewhere else' : name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {care ? intro : null}
      {regions.map(([name, all]) => {
        // The first services of the person's region are the buttons above; the others follow here.
        const list = name === firstRegion ? all.slice(FIRST) : all;
        if (list.length === 0) return null;
        return (
          <section key={name} className="resource-region" aria-labelledby={`region-${regionSlug(name)}`}>
            <h2 id={`region-${regionSlug(name)}`}>{name === firstRegion ? `More help ${inRegion(name)}` : name}</h2>
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
        );
      })}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
