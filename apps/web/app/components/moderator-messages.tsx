// A moderator's private word on one of the person's posts ("Your posts"), with the services that
// can help right now shown again beside it. Only the post's author ever receives these.
import { Link } from '@remix-run/react';
import { contactActions } from '~/lib/contact';
import type { SupportNearby } from '~/lib/moderator-messages.server';
import { When } from './when';

interface Message {
  id: string;
  body: string;
  sentAt: string;
}

export function MessagesFromModerators({
  postId,
  messages,
  support,
}: {
  postId: string;
  messages: ReadonlyArray<Message> | null | undefined;
  support: SupportNearby | null;
}) {
  if (!messages?.length) return null;
  const titleId = `moderator-message-${postId}`;
  return (
    <section className="moderator-message" aria-labelledby={titleId}>
      <h3 id={titleId}>A message for you from the moderators</h3>
      {messages.map((message) => (
        <div key={message.id} className="moderator-message-body">
          <p className="post-meta">
            <When iso={message.sentAt} />
          </p>
          {message.body.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
      ))}
      <p className="moderator-message-private">Only you can read this. The moderators do not know who you are.</p>
      <div className="moderator-message-help">
        <h4>If you need someone right now</h4>
        {support?.resources.length ? (
          <ul>
            {support.resources.map((resource) => (
              <li key={`${resource.name}-${resource.contact}`}>
                <span className="help-name">{resource.name}</span>{' '}
                {contactActions(resource.contact)
                  .slice(0, 2)
                  .map((action) => (
                    <a key={action.href} href={action.href} className="help-button">
                      {action.label}
                    </a>
                  ))}
              </li>
            ))}
          </ul>
        ) : null}
        <p>
          <Link to="/help">See every service that can help, wherever you are</Link>
        </p>
      </div>
    </section>
  );
}
