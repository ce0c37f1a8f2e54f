import { Form, NavLink } from '@remix-run/react';
import { CsrfField } from '../csrf-field';

interface Props {
  moderator: { email: string; role: 'MODERATOR' | 'ADMIN' } | null;
}

/** The moderators' own navigation: the queue, the log (for administrators) and signing out. */
export function ModeratorBar({ moderator }: Props) {
  if (!moderator) return null;
  return (
    <nav className="moderator-bar" aria-label="Moderation">
      <ul>
        <li>
          <NavLink to="/moderate" end>
            Queue
          </NavLink>
        </li>
        {moderator.role === 'ADMIN' ? (
          <li>
            <NavLink to="/moderate/log">Audit log</NavLink>
          </li>
        ) : null}
      </ul>
      <div className="who">
        <span className="signed-in">
          Signed in as <strong>{moderator.email}</strong>
        </span>
        <Form method="post" action="/moderate/logout">
          <CsrfField />
          <button type="submit" className="quiet small">
            Sign out
          </button>
        </Form>
      </div>
    </nav>
  );
}
