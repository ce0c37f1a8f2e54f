import { useActionData, useFetcher, useLocation } from '@remix-run/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useHydrated } from '~/lib/hydrated';
import { checkPostBody, POST_BODY_MAX } from '~/lib/post-body';
import type { IntentName } from '~/lib/post-intents';
import { ToneHintView, useToneHint } from './tone-hint';
import { CsrfField } from './csrf-field';

/** What the section route's action answers to a form (also read by fetchers). */
export type FormResult =
  | { ok: true; formId: string; postId: string | null; message?: string | null }
  | {
      ok: false;
      formId: string;
      errors: { body?: string; form?: string };
      values?: { body: string };
      /** The tone rules asked for a second look: the words are kept, and posting as it is stays possible. */
      nudge?: { message: string; nudgeId?: string | null } | null;
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
  /** Called after a successful submission with JavaScript (e.g. to fold the form away). */
  onDone?: () => void;
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
  const handled = useRef<unknown>(null);
  const tone = useToneHint(props.sectionSlug, props.kind ?? 'post');
  const clearTone = tone.clear;

  const fromPage = isFormResult(actionData) && actionData.formId === formId ? actionData : undefined;
  const result = fetcher.data ?? fromPage;
  const failed = result && !result.ok ? result : undefined;
  const bodyError = clientError ?? failed?.errors.body ?? null;
  const nudge = clientError ? null : (failed?.nudge ?? null);
  const formError = clientError ? null : (failed?.errors.form ?? null);
  const busy = fetcher.state !== 'idle';

  useEffect(() => {
    if (fetcher.state !== 'idle' || !fetcher.data || handled.current === fetcher.data) return;
    handled.current = fetcher.data;
    if (fetcher.data.ok) {
      formRef.current?.reset();
      clearTone();
      setStatus(fetcher.data.message ?? successMessage);
      props.onDone?.();
      const target = fetcher.data.postId ? document.getElementById(`post-${fetcher.data.postId}`) : null;
      if (target) {
        target.focus({ preventScroll: true });
        target.scrollIntoView({ block: 'nearest' });
      }
    } else {
      setStatus('');
      fieldRef.current?.focus();
    }
  }, [fetcher.state, fetcher.data, successMessage, props, clearTone]);

  const fieldId = `${uid}-body`;
  const errorId = `${uid}-error`;
  const hintId = `${uid}-hint`;
  const nudgeId = `${uid}-nudge`;
  const toneId = `${uid}-tone`;
  const describedBy =
    [bodyError ? errorId : null, nudge ? nudgeId : null, tone.hint ? toneId : null, hint ? hintId : null].filter(Boolean).join(' ') ||
    undefined;
  // Without JavaScript the page reloads after a refusal: the fragment brings the person back here.
  const action = `${location.pathname}${location.search}${hydrated ? '' : `#${formId}`}`;

  return (
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
        aria-invalid={bodyError ? true : undefined}
        aria-describedby={describedBy}
        aria-required="true"
        data-max={POST_BODY_MAX}
        onInput={(event) => {
          if (clientError) setClientError(null);
          tone.check(event.currentTarget.value);
        }}
      />
      {hydrated ? <ToneHintView hint={tone.hint} id={toneId} /> : null}
      {bodyError ? (
        <p className="field-error" id={errorId}>
          {bodyError}
        </p>
      ) : null}
      {nudge ? (
        <p className="nudge" id={nudgeId} role="status">
          {nudge.message}
        </p>
      ) : null}
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" aria-disabled={busy || undefined}>
          {busy && fetcher.formData?.get('acknowledgeNudge') !== 'true' ? pendingLabel : submitLabel}
        </button>
        {nudge ? (
          <>
            <a
              href={`#${fieldId}`}
              className="edit-words"
              onClick={(event) => {
                event.preventDefault();
                fieldRef.current?.focus();
              }}
            >
              Edit my words
            </a>
            <button type="submit" name="acknowledgeNudge" value="true" className="quiet">
              Post as it is
            </button>
          </>
        ) : null}
      </div>
      <p className="form-status" role="status">
        {status}
      </p>
    </fetcher.Form>
  );
}
