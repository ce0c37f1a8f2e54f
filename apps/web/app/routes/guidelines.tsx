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

export default function Guidelines() {
  const { guidelines } = useLoaderData<typeof loader>();
  return (
    <div className="guidelines">
      <h1>Guidelines</h1>
      <p className="lede">
        Steady is built on the same three conditions the article describes: safety, predictability and respect. They are
        how we hope you will feel here, and how we ask you to write.
      </p>
      {guidelines.length > 0 ? (
        byPrinciple(guidelines).map(([principle, list]) => (
          <section key={principle} className="principle" aria-labelledby={`principle-${principle}`}>
            <h2 id={`principle-${principle}`}>{titleCase(principle)}</h2>
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
          </section>
        ))
      ) : (
        <FromTheArticle />
      )}
      <p>
        If you are ever in danger, <Link to="/help">these services can help right now</Link>.
      </p>
    </div>
  );
}

/** Said honestly when the detailed guidelines cannot be loaded: the article's three conditions. */
function FromTheArticle() {
  return (
    <>
      <p>The detailed guidelines could not be shown just now. These three ask the most of all of us:</p>
      <section className="principle" aria-labelledby="principle-safety">
        <h2 id="principle-safety">Safety</h2>
        <p>
          Write so that no one here feels attacked, cornered or overwhelmed. Share your own experience rather than
          judging someone else's, and keep anything that could identify a person out of your posts.
        </p>
      </section>
      <section className="principle" aria-labelledby="principle-predictability">
        <h2 id="principle-predictability">Predictability</h2>
        <p>Be steady. A calm reply, even a short one, helps more than an intense one. There is no rush here.</p>
      </section>
      <section className="principle" aria-labelledby="principle-respect">
        <h2 id="principle-respect">Respect</h2>
        <p>
          Treat each person, and each absent spouse, as a whole human being, not a problem to solve. Offer what helped
          you; never pressure anyone to take it.
        </p>
      </section>
    </>
  );
}

function titleCase(text: string) {
  const lower = text.toLowerCase().replace(/_/g, ' ');
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
