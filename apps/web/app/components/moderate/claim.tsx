import { Form } from '@remix-run/react';
import { CsrfField } from '../csrf-field';

export interface ClaimView {
  /** The holder's e-mail while the hold stands (the API drops it once the hold ends), else null. */
  claimedBy: string | null;
  /** Minutes left on the hold, rounded up (worked out when the page was read). */
  heldMinutes: number | null;
}

/**
 * Who is on this item (ADR 020, claims): nobody ("Take this"), you ("Let it go"), or another
 * moderator, named by e-mail as the notes and the log already name moderators; never anything
 * about the author. Plain forms: they work without JavaScript; with it, the live queue shows
 * another moderator's hold as it happens. A decision ends the hold (the item leaves the queue).
 */
export function ClaimLine({ base, postId, claim, viewerEmail }: { base: string; postId: string; claim: ClaimView; viewerEmail: string }) {
  const minutes = claim.heldMinutes ?? 1;
  const left = `for about ${minutes} more ${minutes === 1 ? 'minute' : 'minutes'}`;
  if (claim.claimedBy === null) {
    return (
      <Form method="post" className="claim claim-free" data-claim="free">
        <CsrfField />
        <input type="hidden" name="postId" value={postId} />
        <input type="hidden" name="intent" value="claim" />
        <p id={`${base}-claim`}>No one is on this yet.</p>
        <button type="submit" className="quiet small" aria-describedby={`${base}-claim`}>
          Take this
        </button>
      </Form>
    );
  }
  if (claim.claimedBy === viewerEmail) {
    return (
      <Form method="post" className="claim claim-mine" data-claim="mine">
        <CsrfField />
        <input type="hidden" name="postId" value={postId} />
        <input type="hidden" name="intent" value="release" />
        <p id={`${base}-claim`}>Taken by you, {left}. Other moderators see that someone is on it.</p>
        <button type="submit" className="quiet small" aria-describedby={`${base}-claim`}>
          Let it go
        </button>
      </Form>
    );
  }
  return (
    <p className="claim claim-other" data-claim="other">
      Another moderator is on this ({claim.claimedBy}), {left}.
    </p>
  );
}
