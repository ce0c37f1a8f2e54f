import { Form } from '@remix-run/react';
import { plural } from '~/lib/format';
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
  const left = `for about ${plural(minutes, 'more minute', 'more minutes')}`;
  if (claim.claimedBy === null) {
    return <ClaimForm base={base} postId={postId} intent="claim" state="free" text="No one is on this yet." button="Take this" />;
  }
  if (claim.claimedBy === viewerEmail) {
    return (
      <ClaimForm
        base={base}
        postId={postId}
        intent="release"
        state="mine"
        text={`Taken by you, ${left}. Other moderators see that someone is on it.`}
        button="Let it go"
      />
    );
  }
  return (
    <p className="claim claim-other" data-claim="other">
      Another moderator is on this ({claim.claimedBy}), {left}.
    </p>
  );
}

/** Taking or letting go of an item: one plain form, the line that says where it stands, one button. */
function ClaimForm(props: {
  base: string;
  postId: string;
  intent: 'claim' | 'release';
  state: 'free' | 'mine';
  text: string;
  button: string;
}) {
  const { base, postId, intent, state, text, button } = props;
  return (
    <Form method="post" className={`claim claim-${state}`} data-claim={state}>
      <CsrfField />
      <input type="hidden" name="postId" value={postId} />
      <input type="hidden" name="intent" value={intent} />
      <p id={`${base}-claim`}>{text}</p>
      <button type="submit" className="quiet small" aria-describedby={`${base}-claim`}>
        {button}
      </button>
    </Form>
  );
}
