import { useActionData, useFetcher, useLocation } from '@remix-run/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useHydrated } from '~/lib/hydrated';
import { checkPostBody, POST_BODY_MAX } from '~/lib/post-body';
import type { IntentName } from '~/lib/post-intents';
import { ToneHintView, useToneHint } from './tone-hint';
import { CsrfField } from './csrf-field';
import { FormError } from './form-error';
import { KeyNotice } from './key-notice';

/** What the section route's action answers to a form (also read by fetchers). */
export type FormResult =
  | {
      ok: true;
      formId: string;
      postId: string | null;
      message?: string | null;
      /** This write gave the browser its private key: the moment to save it, here (ADR 018). */
      keyNotice?: boolean;
    }
  | {
      ok: false;
      formId: string;
      errors: { body?: string; form?: string };
      values?: { body: string };
      /** The tone rules asked for a second look: the words are kept, and posting as it is stays possible. */
      nudge?: { message: string; nudgeId?: string | null } | null;
      /** The person chose "Edit my words" after the nudge (without JavaScript: a round trip). */
      editing?: boolean;
      /** The send never reached the API (or the web server): nothing happened; the words stay. */
      sendFailed?: boolean;
    };

export function isFormResult(value: unknown): value is FormResult {
  return Boolean(value && typeof value === 'object' && 'formId' in value && 'ok' in value);
}

interface PostFormProps {
  formId: string;
  intent: Extract<IntentName, 'create' | 'edit'>;
  label: string;
  submitLabel: string;
  pendingLabel: string;
  successMessage: string;
  hint?: string;
  sectionId?: string;
  /** The section's slug, for the tone hint while typing. */
  sectionSlug?: string;
  kind?: 'post' | 'reply';
  parentId?: string;
  postId?: string;
  idempotencyKey?: string;
  defaultBody?: string;
  /**
   * Called after a successful submission with JavaScript (e.g. to fold the form away and say so
   * beside it). Without it, the form says so itself, under its button.
   */
  onDone?: (done: Done) => void;
  /** Keep a draft of the words in sessionStorage (new posts and replies), so a reload or a failed send loses nothing. */
  keepDraft?: boolean;
}

/** A successful write, as the form hands it to its owner. */
export interface Done {
  message: string;
  postId: string | null;
  keyNotice: boolean;
}

/** Said in place when the send itself failed (the API or the network): the words stay. */
export const SEND_FAILED_MESSAGE =
  'Your words could not be sent just now: the connection to Steady dropped. They are still here, and saved on this device; please try again in a moment.';

/** sessionStorage key of a form's draft: per page and form, never sent anywhere. */
export function draftKey(path: string, formId: string): string {
  return `steady-draft:${path}:${formId}`;
}

export function forgetDraft(path: string, formId: string) {
  writeDraft(draftKey(path, formId), null);
}

function readDraft(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeDraft(key: string, text: string | null) {
  try {
    if (text && text.trim()) window.sessionStorage.setItem(key, text);
    else window.sessionStorage.removeItem(key);
  } catch {
    // Storage full or refused (private mode): the words stay in the box, which is what matters.
  }
}

/**
 * The form for a post, a reply or an edit. Without JavaScript it is a plain form: the action
 * redirects to the new post, or re-renders the page with the error beside the field and the
 * words kept. With JavaScript it submits in place and the thread revalidates.
 */
export function PostForm(props: PostFormProps) {
  const { formId, intent, label, hint, submitLabel, pendingLabel, successMessage } = props;
  const fetcher = useFetcher<FormResult>();
  const actionData = useActionData<unknown>();
  const hydrated = useHydrated();
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const uid = useId();
  const [clientError, setClientError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [keyNotice, setKeyNotice] = useState(false);
  // After a nudge, "Edit my words" with JavaScript: no round trip, the nudge steps aside.
  const [editingNow, setEditingNow] = useState(false);
  const handled = useRef<unknown>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const tone = useToneHint(props.sectionSlug, props.kind ?? 'post');
  const clearTone = tone.clear;
  const storageKey = props.keepDraft ? draftKey(location.pathname, formId) : null;

  const fromPage = isFormResult(actionData) && actionData.formId === formId ? actionData : undefined;
  const result = fetcher.data ?? fromPage;
  const failed = result && !result.ok ? result : undefined;
  const bodyError = clientError ?? failed?.errors.body ?? null;
  const nudge = clientError ? null : (failed?.nudge ?? null);
  const editing = Boolean(nudge) && (editingNow || Boolean(failed?.editing));
  const choosing = Boolean(nudge) && !editing;
  const formError = clientError ? null : (failed?.errors.form ?? null);
  const busy = fetcher.state !== 'idle';

  // A draft left by a reload or a failed send comes back into an empty box.
  useEffect(() => {
    if (!storageKey || !fieldRef.current || fieldRef.current.value) return;
    const draft = readDraft(storageKey);
    if (draft) fieldRef.current.value = draft;
  }, [storageKey]);

  useEffect(() => {
    if (fetcher.state !== 'idle' || !fetcher.data || handled.current === fetcher.data) return;
    handled.current = fetcher.data;
    setEditingNow(false);
    if (fetcher.data.ok) {
      formRef.current?.reset();
      clearTone();
      if (storageKey) writeDraft(storageKey, null);
      const done: Done = {
        message: fetcher.data.message ?? successMessage,
        postId: fetcher.data.postId,
        keyNotice: Boolean(fetcher.data.keyNotice),
      };
      if (props.onDone) {
        props.onDone(done);
        return;
      }
      setStatus(done.message);
      setKeyNotice(done.keyNotice);
      // The key notice takes the focus itself; otherwise the new post does.
      const target = !done.keyNotice && done.postId ? document.getElementById(`post-${done.postId}`) : null;
      if (target) {
        target.focus({ preventScroll: true });
        target.scrollIntoView({ block: 'nearest' });
      }
    } else if (fetcher.data.nudge) {
      setStatus('');
      // Two choices, both in view: editing is the default, so it has the focus.
      editRef.current?.focus({ preventScroll: true });
      editRef.current?.closest('.nudge-panel')?.scrollIntoView({ block: 'nearest' });
    } else {
      setStatus('');
      fieldRef.current?.focus();
    }
  }, [fetcher.state, fetcher.data, successMessage, props, clearTone, storageKey]);

  const fieldId = `${uid}-body`;
  const errorId = `${uid}-error`;
  const hintId = `${uid}-hint`;
  const nudgeId = `${uid}-nudge`;
  const toneId = `${uid}-tone`;
  const moderatorId = `${uid}-moderator`;
  const nudgeShown = choosing || (editing && !(hydrated && tone.hint));
  const describedBy =
    [bodyError ? errorId : null, nudgeShown ? nudgeId : null, tone.hint && !choosing ? toneId : null, hint ? hintId : null]
      .filter(Boolean)
      .join(' ') || undefined;
  // Without JavaScript the page reloads after a refusal: the fragment brings the person back here.
  const action = `${location.pathname}${location.search}${hydrated ? '' : `#${formId}`}`;

  const form = (
    <fetcher.Form
      ref={formRef}
      method="post"
      action={action}
      className="post-form"
      id={formId}
      noValidate
      onSubmit={(event) => {
        if (busy) {
          // A double click: the first submission is on its way.
          event.preventDefault();
          return;
        }
        // The same rule as the action's: only what the person typed can be wrong here.
        const check = checkPostBody(new FormData(event.currentTarget).get('body'));
        if (!check.ok) {
          event.preventDefault();
          setClientError(check.message);
          setStatus('');
          fieldRef.current?.focus();
          return;
        }
        setClientError(null);
        setStatus('');
        setKeyNotice(false);
      }}
    >
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      {props.sectionId ? <input type="hidden" name="sectionId" value={props.sectionId} /> : null}
      {props.parentId ? <input type="hidden" name="parentId" value={props.parentId} /> : null}
      {props.postId ? <input type="hidden" name="postId" value={props.postId} /> : null}
      {props.idempotencyKey ? <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} /> : null}
      {hydrated ? <input type="hidden" name="_js" value="1" /> : null}
      {nudge?.nudgeId ? <input type="hidden" name="nudgeId" value={nudge.nudgeId} /> : null}
      {choosing && nudge ? <input type="hidden" name="nudgeMessage" value={nudge.message} /> : null}

      <label htmlFor={fieldId}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <textarea
        ref={fieldRef}
        id={fieldId}
        name="body"
        rows={intent === 'edit' ? 6 : 5}
        defaultValue={failed?.values?.body ?? props.defaultBody ?? ''}
        // "Edit my words" without JavaScript comes back here, to the words.
        autoFocus={Boolean(failed?.editing) && !editingNow}
        aria-invalid={bodyError ? true : undefined}
        aria-describedby={describedBy}
        aria-required="true"
        data-max={POST_BODY_MAX}
        onInput={(event) => {
          if (clientError) setClientError(null);
          if (storageKey) writeDraft(storageKey, event.currentTarget.value);
          tone.check(event.currentTarget.value);
        }}
      />
      {/* One message at a time: while the nudge asks its question, the live hint steps aside. */}
      {hydrated ? <ToneHintView hint={choosing ? null : tone.hint} id={toneId} /> : null}
      {bodyError ? (
        <p className="field-error" id={errorId}>
          {bodyError}
        </p>
      ) : null}
      {choosing && nudge ? (
        <div className="nudge-panel">
          <p className="nudge" id={nudgeId}>
            {nudge.message}
          </p>
          <div className="actions nudge-choices">
            <button
              ref={editRef}
              type="submit"
              name="choice"
              value="edit"
              aria-describedby={nudgeId}
              onClick={(event) => {
                // With JavaScript, no round trip: back to the words at once.
                event.preventDefault();
                setEditingNow(true);
                fieldRef.current?.focus();
              }}
            >
              Edit my words
            </button>
            <button type="submit" name="acknowledgeNudge" value="true" className="quiet" aria-describedby={moderatorId}>
              Post as it is
            </button>
          </div>
          <p className="hint" id={moderatorId}>
            If you post it as it is, a moderator will read it first, and it will appear once they have.
          </p>
        </div>
      ) : null}
      {editing && nudge && !(hydrated && tone.hint) ? (
        <p className="nudge nudge-reminder" id={nudgeId}>
          {nudge.message}
        </p>
      ) : null}
      <FormError>{formError}</FormError>
      {choosing ? null : (
        <div className="actions">
          <button type="submit" aria-disabled={busy || undefined}>
            {busy ? pendingLabel : submitLabel}
          </button>
        </div>
      )}
      <p className="form-status" role="status">
        {status}
      </p>
    </fetcher.Form>
  );
  // The key notice holds a form of its own, so it follows this one rather than nesting in it.
  return (
    <>
      {form}
      {keyNotice ? <KeyNotice focusOnMount level={4} /> : null}
    </>
  );
}
