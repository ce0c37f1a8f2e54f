// What a queue card adds for people: the readers' flags in their own words, the moderators'
// internal notes, and, on a crisis card, a private word to the author and "handled".
import { Form, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { AUTHOR_MESSAGE_MAX, MODERATOR_NOTE_MAX, spelled } from '@steady/rules';
import { formatDateTime } from '~/lib/format';
import type { QueueItemView } from '~/lib/moderator.server';
import { CsrfField } from '../csrf-field';

/** A form on a card that came back with a problem: what was typed is kept, the words say what to do. */
export interface CardProblem {
  postId: string;
  intent: 'note' | 'message' | 'handled';
  error: string;
  text: string;
}

/** Every reader's flag: the reason in words and the note they wrote. Never who flagged. */
export function ReaderFlags({ flags, base }: { flags: QueueItemView['readerFlags']; base: string }) {
  if (flags.length === 0) return null;
  return (
    <section className="reader-flags" aria-labelledby={`${base}-flags`}>
      <h4 id={`${base}-flags`}>What readers said ({flags.length})</h4>
      <ul>
        {flags.map((flag, index) => (
          <li key={index}>
            <strong>{flag.title}</strong>
            {flag.createdAt ? (
              <>
                {' '}
                <time className="flag-time" dateTime={flag.createdAt}>
                  {formatDateTime(flag.createdAt)}
                </time>
              </>
            ) : null}
            {flag.note ? (
              <blockquote className="flag-note">
                <p>{flag.note}</p>
              </blockquote>
            ) : (
              <span className="flag-no-note"> No note.</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * An appeal, laid out as the readers' flags are (a small heading, then what there is to know): a
 * moderator did not publish this before, and its author sent it again, perhaps changed (ADR 018).
 */
export function AppealNote({ base }: { base: string }) {
  return (
    <section className="reader-flags appeal" aria-labelledby={`${base}-appeal`}>
      <h4 id={`${base}-appeal`}>An appeal</h4>
      <ul>
        <li>A moderator did not publish this before. Its author sent it again for review (perhaps changed), once.</li>
      </ul>
    </section>
  );
}

function ProblemText({ id, problem }: { id: string; problem: CardProblem | null }) {
  return problem ? (
    <p className="field-error" id={id}>
      {problem.error}
    </p>
  ) : null;
}

interface TextFormProps {
  base: string;
  postId: string;
  intent: CardProblem['intent'];
  label: string;
  hint: string;
  max: number;
  submit: string;
  problem: CardProblem | null;
  rows?: number;
}

/** One textarea and a button, posted as a plain form: works before JavaScript, keeps what was typed. */
function TextForm({ base, postId, intent, label, hint, max, submit, problem, rows = 3 }: TextFormProps) {
  const id = `${base}-${intent}`;
  const mine = problem?.intent === intent ? problem : null;
  const form = useRef<HTMLFormElement>(null);
  const sent = useRef(false);
  const navigation = useNavigation();
  // With JavaScript the form stays on the page: once its words were taken, empty it.
  useEffect(() => {
    const ours = navigation.formData?.get('intent') === intent && navigation.formData?.get('postId') === postId;
    if (navigation.state === 'submitting' && ours) sent.current = true;
    else if (navigation.state === 'idle' && sent.current) {
      sent.current = false;
      if (!mine) form.current?.reset();
    }
  }, [navigation.state, navigation.formData, intent, postId, mine]);
  return (
    <Form method="post" className={`card-text-form ${intent}-form`} ref={form}>
      <CsrfField />
      <input type="hidden" name="postId" value={postId} />
      <input type="hidden" name="intent" value={intent} />
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint} Up to {spelled(max)} characters.
      </p>
      <textarea
        id={id}
        name="text"
        rows={rows}
        maxLength={max}
        required
        defaultValue={mine?.text ?? ''}
        aria-invalid={mine ? true : undefined}
        aria-describedby={`${id}-hint${mine ? ` ${id}-error` : ''}`}
      />
      <ProblemText id={`${id}-error`} problem={mine} />
      <button type="submit" className="quiet">
        {submit}
      </button>
    </Form>
  );
}

/** Moderators' internal notes on the post, and a way to add one. */
export function QueueNotes({
  notes,
  base,
  postId,
  problem,
}: {
  notes: QueueItemView['notes'];
  base: string;
  postId: string;
  problem: CardProblem | null;
}) {
  return (
    <section className="queue-notes" aria-labelledby={`${base}-notes`}>
      <h4 id={`${base}-notes`}>Notes for moderators{notes.length ? ` (${notes.length})` : ''}</h4>
      {notes.length ? (
        <ul>
          {notes.map((note) => (
            <li key={note.id}>
              <p className="note-meta">
                {note.author}, <time dateTime={note.createdAt}>{formatDateTime(note.createdAt)}</time>
              </p>
              <p className="note-body">{note.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      <details className="add-note" open={problem?.intent === 'note' ? true : undefined}>
        <summary>Add a note…</summary>
        <TextForm
          base={base}
          postId={postId}
          intent="note"
          label="Note for the other moderators"
          hint="Only moderators read it; it is kept in the audit log."
          max={MODERATOR_NOTE_MAX}
          submit="Add the note"
          problem={problem}
        />
      </details>
    </section>
  );
}

/** A crisis card's own choices: a private, supportive word to the author, and "handled". */
export function CrisisCare({ base, postId, problem }: { base: string; postId: string; problem: CardProblem | null }) {
  return (
    <>
      <details className="message-author" open={problem?.intent === 'message' ? true : undefined}>
        <summary>Write to the author…</summary>
        <TextForm
          base={base}
          postId={postId}
          intent="message"
          label="A private message to the author"
          hint="Only the author reads it, on “Your posts”, beside the services that can help right now. Neither of you learns who the other is."
          max={AUTHOR_MESSAGE_MAX}
          submit="Send the message"
          problem={problem}
          rows={4}
        />
      </details>
      <details className="handled" open={problem?.intent === 'handled' ? true : undefined}>
        <summary>Mark handled…</summary>
        <TextForm
          base={base}
          postId={postId}
          intent="handled"
          label="How was it handled?"
          hint="The post leaves the queue as it is, not published. The note is kept in the audit log."
          max={MODERATOR_NOTE_MAX}
          submit="Mark handled"
          problem={problem}
          rows={2}
        />
      </details>
    </>
  );
}
