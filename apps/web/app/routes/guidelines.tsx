import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-page';
import { getGuidelines, type Guideline } from '~/lib/content.server';
import { pageHeaders } from '~/lib/headers';

export const headers = pageHeaders;

export const meta: MetaFunction = () => [
  { title: 'Guidelines · Steady' },
  { name: 'description', content: 'How we talk with each other on Steady: safety, predictability and respect.' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { guidelines: await getGuidelines(request, context) };
}

function byPrinciple(guidelines: Guideline[]) {
  const groups = new Map<string, Guideline[]>();
  for (const guideline of guidelines) {
    const list = groups.get(guideline.principle) ?? [];
    list.push(guideline);
    groups.set(guideline.principle, list);
  }
  return [...groups.entries()];
}

/** The three conditions, each in a line: what the article asks of everyone here. */
const CONDITIONS: Array<[string, string]> = [
  ['Safety', 'Write so that no one feels attacked, cornered or overwhelmed, and keep anything that could identify a person out.'],
  ['Predictability', 'Be steady: a calm reply, even a short one, helps more than an intense one. There is no rush here.'],
  ['Respect', 'Treat each person, and each absent spouse, as a whole human being. Offer what helped you; never press it on anyone.'],
];

export default function Guidelines() {
  const { guidelines } = useLoaderData<typeof loader>();
  return (
    <div className="guidelines">
      <h1>Guidelines</h1>
      <section className="in-short" aria-labelledby="in-short-title">
        <h2 id="in-short-title">In short</h2>
        <p>Steady rests on the three conditions the article describes. They are how we hope you feel here, and how we ask you to write:</p>
        <ul className="conditions">
          {CONDITIONS.map(([name, line]) => (
            <li key={name}>
              <strong>{name}.</strong> {line}
            </li>
          ))}
        </ul>
        <p className="warnings-title">
          <strong>What Steady does when a post leans away from them:</strong>
        </p>
        <ul className="warnings">
          <li>
            It tells you gently, before anything is shared. You can change your words, or post as it is and a moderator reads it first.
          </li>
          <li>
            Posts that attack, threaten or identify someone are not published, and a key that keeps doing harm can be stopped from posting.
          </li>
          <li>
            If you write that you or someone else is in danger, Steady shows you <Link to="/help">services that can help right now</Link>,
            and a moderator reads it first.
          </li>
        </ul>
      </section>
      {guidelines.length > 0 ? (
        <>
          <h2 className="detail-title">In detail</h2>
          <p>Each guideline, with the article’s own words and what Steady says when a post leans that way. Open the ones you want.</p>
          {byPrinciple(guidelines).map(([principle, list]) => (
            <section key={principle} className="principle" aria-labelledby={`principle-${slug(principle)}`}>
              <h2 id={`principle-${slug(principle)}`}>{titleCase(principle)}</h2>
              <details>
                <summary>
                  {list.length === 1 ? 'The guideline' : `The ${list.length} guidelines`} on {titleCase(principle).toLowerCase()}
                </summary>
                <ul className="guideline-list prose">
                  {list.map((guideline) => (
                    <li key={guideline.id}>
                      <h3>{guideline.title}</h3>
                      {guideline.quote ? (
                        <blockquote>
                          <p>{guideline.quote}</p>
                        </blockquote>
                      ) : null}
                      {guideline.message ? (
                        <p className="guideline-message">
                          <span className="label">What Steady says when a post leans this way:</span> {guideline.message}
                        </p>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </details>
            </section>
          ))}
        </>
      ) : (
        <FromTheArticle />
      )}
      <p>
        If you are ever in danger, <Link to="/help">these services can help right now</Link>.
      </p>
    </div>
  );
}

function slug(text: string) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');
}

/** Said honestly when the detailed guidelines cannot be loaded: the three conditions above still stand. */
function FromTheArticle() {
  return (
    <p>
      The detailed guidelines could not be shown just now. The three conditions above ask the most of all of us; please come back later for
      the rest.
    </p>
  );
}

function titleCase(text: string) {
  const lower = text.toLowerCase().replace(/_/g, ' ');
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
