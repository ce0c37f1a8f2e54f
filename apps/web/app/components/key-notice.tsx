import { Form } from '@remix-run/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useHydrated } from '~/lib/hydrated';
import { CsrfField } from './csrf-field';

/** Where a redirect lands when a reaction or a flag made the key (without JavaScript): on the notice itself. */
export const KEY_NOTICE_ANCHOR = 'key-notice';

/**
 * The one moment to save a new private key, shown where the person is: under the post form after
 * a first post, or beside the post they reacted to or flagged (ADR 018). Calm, not alarming, and
 * hard to miss: it takes focus when it appears with JavaScript (`focusOnMount`), and it stays
 * until the person chooses "Show my key" or "Not now".
 */
export function KeyNotice({ focusOnMount = false, level = 2, id }: { focusOnMount?: boolean; level?: 2 | 3 | 4; id?: string }) {
  const Heading = `h${level}` as const;
  const [open, setOpen] = useState(true);
  const hydrated = useHydrated();
  const ref = useRef<HTMLElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (!focusOnMount || !ref.current) return;
    ref.current.focus({ preventScroll: true });
    ref.current.scrollIntoView({ block: 'nearest' });
  }, [focusOnMount]);

  if (!open) return null;
  return (
    <section className="notice notice-key" aria-labelledby={titleId} ref={ref} tabIndex={-1} data-key-notice="" id={id}>
      <Heading id={titleId}>This browser now holds your private key</Heading>
      <p>
        It lets you edit or remove what you wrote and find your posts again, with no account and no name. If you'd like to use Steady on
        another device too, you can see the key now: keep it like a password, because anyone who has it can post as you.
      </p>
      <div className="actions">
        <Form method="post" action="/key">
          <CsrfField />
          <button type="submit" name="intent" value="reveal">
            Show my key
          </button>
        </Form>
        {hydrated ? (
          <button type="button" className="quiet" onClick={() => setOpen(false)}>
            Not now
          </button>
        ) : null}
      </div>
      <p className="hint">You can also find it later under “Your posts”, on this device.</p>
    </section>
  );
}

/** "Your reply is up.": said where the person is looking, with the key notice when this write made a key. */
export function WrittenNote({ text, postId, keyNotice, focusOnMount = false }: WrittenNoteProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The key notice takes the focus itself when there is one.
    if (!focusOnMount || keyNotice || !ref.current) return;
    ref.current.focus({ preventScroll: true });
    ref.current.scrollIntoView({ block: 'nearest' });
  }, [focusOnMount, keyNotice]);
  return (
    <div className="written-note" ref={ref} tabIndex={-1} data-written-for={postId ?? ''}>
      <p className="notice notice-done" role="status">
        {text}
      </p>
      {keyNotice ? <KeyNotice focusOnMount={focusOnMount} level={4} /> : null}
    </div>
  );
}

interface WrittenNoteProps {
  text: string;
  postId?: string | null;
  keyNotice?: boolean;
  focusOnMount?: boolean;
}
