import { FLAG_NOTE_MAX } from '@steady/rules';
import { useId } from 'react';
import type { FlagReasonInfo } from '~/lib/posts.server';
import { FormError } from './form-error';

/**
 * What the flag form asks (ADR 027): the reasons with their descriptions, an optional note, and the
 * button. The same words in place on a thread page (with JavaScript) and on the flag page.
 */
export function FlagFields({
  pseudonym,
  reasons,
  failed,
  busy,
}: {
  pseudonym: string;
  reasons: FlagReasonInfo[];
  failed: string | null | undefined;
  busy: boolean;
}) {
  const uid = useId();
  return (
    <>
      <fieldset aria-describedby={failed ? `${uid}-error` : undefined}>
        <legend>What worries you about this post?</legend>
        <p className="hint">A moderator will read it. {pseudonym} will not know who flagged it.</p>
        {reasons.map((reason) => (
          <div className="choice" key={reason.reason}>
            <input
              type="radio"
              name="reason"
              value={reason.reason}
              id={`${uid}-${reason.reason}`}
              aria-describedby={`${uid}-${reason.reason}-about`}
              required
            />
            <label htmlFor={`${uid}-${reason.reason}`}>{reason.title}</label>
            <p className="hint" id={`${uid}-${reason.reason}-about`}>
              {reason.description}
            </p>
          </div>
        ))}
      </fieldset>
      <label htmlFor={`${uid}-note`}>A note for the moderator (optional)</label>
      <textarea id={`${uid}-note`} name="note" rows={2} maxLength={FLAG_NOTE_MAX} aria-describedby={`${uid}-note-hint`} />
      <p className="hint" id={`${uid}-note-hint`}>
        Up to {FLAG_NOTE_MAX} characters.
      </p>
      <FormError id={`${uid}-error`}>{failed}</FormError>
      <div className="actions">
        <button type="submit" aria-disabled={busy || undefined}>
          {busy ? 'Sending…' : 'Send to a moderator'}
        </button>
      </div>
    </>
  );
}
