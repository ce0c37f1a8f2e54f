import { Form, useNavigation } from '@remix-run/react';
import { useId } from 'react';
import { CsrfField } from './csrf-field';

interface AppealFormProps {
  postId: string;
  /** The words as the moderator read them. */
  body: string;
  /** A refusal from the last try, with the words as they were typed then. */
  refused?: { body: string; error: string } | null;
}

/**
 * On "Your posts", under a post a moderator did not publish: change it and send it again, once,
 * for a moderator to read (an appeal). A plain form: it works without JavaScript (ADR 018).
 */
export function AppealForm({ postId, body, refused }: AppealFormProps) {
  const uid = useId();
  const navigation = useNavigation();
  const sending = navigation.state !== 'idle' && navigation.formData?.get('postId') === postId;
  return (
    <details className="post-tool appeal" open={refused ? true : undefined}>
      <summary>Edit it and send it again for review</summary>
      <Form method="post" action={`/me#my-post-${postId}`} className="post-form appeal-form">
        <CsrfField />
        <input type="hidden" name="intent" value="appeal" />
        <input type="hidden" name="postId" value={postId} />
        <p className="hint" id={`${uid}-hint`}>
          If you see it differently, or would like to change a few words, a moderator will read it again. You can send it again once.
        </p>
        <label htmlFor={`${uid}-body`}>Your words</label>
        <textarea
          id={`${uid}-body`}
          name="body"
          rows={6}
          defaultValue={refused?.body ?? body}
          aria-describedby={refused ? `${uid}-error ${uid}-hint` : `${uid}-hint`}
          aria-invalid={refused ? true : undefined}
        />
        {refused ? (
          <p className="field-error" id={`${uid}-error`}>
            {refused.error}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" aria-disabled={sending || undefined}>
            {sending ? 'Sending…' : 'Send it again for review'}
          </button>
        </div>
      </Form>
    </details>
  );
}
