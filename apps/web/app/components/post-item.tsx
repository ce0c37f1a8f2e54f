import { useActionData, useFetcher, useLocation, useParams, useRouteLoaderData } from '@remix-run/react';
import { EDIT_WINDOW_MS } from '@steady/rules';
import { useRef, useState } from 'react';
import { formatDateTime, minutesLeft, plural } from '~/lib/format';
import { flagHref } from '~/lib/flag-page';
import { useHydrated } from '~/lib/hydrated';
import type { FlagReasonInfo, PostView, ReactionKind } from '~/lib/posts.server';
import { pendingWords } from '~/lib/review-state';
import type { loader as rootLoader } from '~/root';
import { isFormResult, PostForm, type Done, type FormResult } from './post-form';
import { FormError } from './form-error';
import { KEY_NOTICE_ANCHOR, KeyNotice, WrittenNote } from './key-notice';
import { FlagFields } from './flag-form';
import { PostActionFields } from './post-action-fields';
import { useMoreReplies } from './more-replies';
import { useLiveReactionCounts } from './live/live-thread';
import { useNow, When } from './when';

export const REACTION_LABELS: Record<ReactionKind, string> = {
  SUPPORT: 'Support',
  HUG: 'Hug',
  RELATE: 'I relate',
  HELPFUL: 'Helpful',
};

interface ThreadContext {
  sectionId: string;
  /** For the tone hint while typing a reply. */
  sectionSlug: string;
  /** Why a reader may flag a post; empty when the API could not list them (no flag control then). */
  flagReasons: FlagReasonInfo[];
  /** Fresh for every render of the page: a double-click sends the same key twice. */
  keyBase: string;
}

/** Type-only import above keeps posts.server out of the browser bundle. */
type Post = PostView;

export function PostItem({ post, level, thread }: { post: Post; level: 0 | 1 | 2; thread: ThreadContext }) {
  const removed = post.status === 'DELETED';
  const { replies: nested, more } = useMoreReplies(post, level);
  const byId = `post-${post.id}-by`;
  // Without JavaScript, what a write says (and the key notice) waits beside its post after the redirect.
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const written = root?.written?.postId === post.id ? root.written : null;
  const keyHere = root?.keyNotice === post.id;

  return (
    <li className={`post-item level-${level}`}>
      <article
        id={`post-${post.id}`}
        className={`post${removed ? ' post-removed' : ''}${post.mine ? ' post-mine' : ''}`}
        aria-labelledby={byId}
        tabIndex={-1}
      >
        {removed ? (
          <p className="removed" id={byId}>
            This post was removed by its author.
          </p>
        ) : (
          <>
            <header className="post-meta">
              <span className="pseudonym" id={byId}>
                {post.pseudonym}
              </span>
              {post.mine ? (
                <span className="you">
                  <span className="visually-hidden">(</span>you<span className="visually-hidden">)</span>
                </span>
              ) : null}
              {post.replyTo ? <span className="reply-to">replying to {post.replyTo}</span> : null}
              <When iso={post.createdAt} />
              {post.editedAt ? (
                <span className="edited" title={`Edited ${formatDateTime(post.editedAt)}`}>
                  edited
                </span>
              ) : null}
            </header>
            {post.status === 'PENDING' ? <p className="post-status">{pendingWords(post.reviewState)}</p> : null}
            {post.status === 'REJECTED' ? <p className="post-status">Not published. Only you can see this.</p> : null}
            <div className="post-body prose" dangerouslySetInnerHTML={{ __html: post.html }} />
            {post.status === 'PUBLISHED' ? post.mine ? <ReactionCounts post={post} /> : <Reactions post={post} /> : null}
            <div className="post-tools">
              {post.status === 'PUBLISHED' ? <ReplyTool post={post} thread={thread} /> : null}
              {post.mine && post.editable ? <EditTool post={post} /> : null}
              {post.mine ? <DeleteTool post={post} /> : null}
              {!post.mine && post.status === 'PUBLISHED' && thread.flagReasons.length > 0 ? (
                <FlagTool post={post} reasons={thread.flagReasons} />
              ) : null}
            </div>
          </>
        )}
      </article>
      {written ? (
        <WrittenNote text={written.text} postId={post.id} keyNotice={keyHere} />
      ) : keyHere ? (
        <KeyNotice level={3} id={KEY_NOTICE_ANCHOR} />
      ) : null}
      {nested.length > 0 ? (
        <ul className="replies" aria-label={`Replies to ${removed ? 'a removed post' : post.pseudonym}`}>
          {nested.map((reply) => (
            <PostItem key={reply.id} post={reply} level={level === 0 ? 1 : 2} thread={thread} />
          ))}
        </ul>
      ) : null}
      {more}
    </li>
  );
}

function useFormResult(formId: string, fetcherData: FormResult | undefined) {
  const actionData = useActionData<unknown>();
  if (fetcherData) return fetcherData;
  return isFormResult(actionData) && actionData.formId === formId ? actionData : undefined;
}

function useNoJsAction(anchor: string) {
  const hydrated = useHydrated();
  const location = useLocation();
  return `${location.pathname}${location.search}${hydrated ? '' : `#${anchor}`}`;
}

/** One's own post: how others responded, to read, not buttons to press. */
function ReactionCounts({ post }: { post: Post }) {
  const live = useLiveReactionCounts(post.id);
  const given = post.reactions
    .map((reaction) => ({ ...reaction, count: live?.[reaction.kind] ?? reaction.count }))
    .filter((reaction) => reaction.count > 0);
  if (given.length === 0) return null;
  return (
    <p className="reaction-counts">
      <span className="label">How others responded:</span>{' '}
      {given.map((reaction) => `${REACTION_LABELS[reaction.kind]} ${reaction.count}`).join(', ')}
    </p>
  );
}

function Reactions({ post }: { post: Post }) {
  const fetcher = useFetcher<FormResult>();
  const formId = `react-${post.id}`;
  const result = useFormResult(formId, fetcher.data);
  const hydrated = useHydrated();
  const action = useNoJsAction(`post-${post.id}`);
  const pendingKind = fetcher.formData?.get('kind');
  const failed = result && !result.ok && fetcher.state === 'idle' ? result.errors.form : null;
  const newKey = fetcher.data?.ok === true && fetcher.data.keyNotice === true;
  // Counts that changed live (other readers); not while this reader's own reaction is on its way.
  const live = useLiveReactionCounts(post.id);

  return (
    <>
      <fetcher.Form method="post" action={action} className="reactions">
        <PostActionFields intent="react" formId={formId} postId={post.id} hydrated={hydrated} />
        <div role="group" aria-label={`Reactions to ${post.pseudonym}'s post`}>
          {post.reactions.map((reaction) => {
            let pressed = reaction.reactedByMe;
            let count = fetcher.state === 'idle' ? (live?.[reaction.kind] ?? reaction.count) : reaction.count;
            if (pendingKind === reaction.kind) {
              pressed = !pressed;
              count = Math.max(0, count + (pressed ? 1 : -1));
            }
            return (
              <button key={reaction.kind} type="submit" name="kind" value={reaction.kind} aria-pressed={pressed}>
                {REACTION_LABELS[reaction.kind]} <span className="count">{count}</span>
              </button>
            );
          })}
        </div>
        <FormError>{failed}</FormError>
      </fetcher.Form>
      {newKey ? <KeyNotice focusOnMount level={3} /> : null}
    </>
  );
}

/**
 * A reply or an edit: its form folded under a summary, open again when the server sent it back
 * (a problem to fix), and folded away once it went through, saying so right here, where the
 * person is (`WrittenNote`).
 */
function WritingTool({
  formId,
  summary,
  children,
}: {
  formId: string;
  summary: React.ReactNode;
  children: (onDone: (result: Done) => void) => React.ReactNode;
}) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const actionData = useActionData<unknown>();
  const reopen = isFormResult(actionData) && actionData.formId === formId && !actionData.ok;
  const [done, setDone] = useState<Done | null>(null);
  const onDone = (result: Done) => {
    if (detailsRef.current) detailsRef.current.open = false;
    setDone(result);
  };
  return (
    <>
      <details
        className="post-tool"
        ref={detailsRef}
        open={reopen || undefined}
        onToggle={(event) => event.currentTarget.open && setDone(null)}
      >
        <summary>{summary}</summary>
        {children(onDone)}
      </details>
      {done ? <WrittenNote text={done.message} postId={done.postId} keyNotice={done.keyNotice} focusOnMount /> : null}
    </>
  );
}

function ReplyTool({ post, thread }: { post: Post; thread: ThreadContext }) {
  const formId = `reply-${post.id}`;
  return (
    <WritingTool
      formId={formId}
      summary={
        <>
          Reply<span className="visually-hidden"> to {post.pseudonym}</span>
        </>
      }
    >
      {(onDone) => (
        <PostForm
          formId={formId}
          intent="create"
          label={`Your reply to ${post.pseudonym}`}
          submitLabel="Send reply"
          pendingLabel="Sending…"
          successMessage="Your reply is up."
          sectionId={thread.sectionId}
          sectionSlug={thread.sectionSlug}
          kind="reply"
          parentId={post.id}
          idempotencyKey={`${thread.keyBase}-${post.id}`}
          keepDraft
          onDone={onDone}
        />
      )}
    </WritingTool>
  );
}

/** The edit window is the API's, from the rules both apps share. */
const EDIT_WINDOW_MINUTES = EDIT_WINDOW_MS / 60_000;
const WHY_IT_CLOSES = `Posts settle after ${EDIT_WINDOW_MINUTES} minutes, so that replies always answer the words their writers read.`;

function EditTool({ post }: { post: Post }) {
  const formId = `edit-${post.id}`;
  const left = minutesLeft(post.createdAt, EDIT_WINDOW_MS, useNow());
  if (left === 0) {
    // The window closed while the page was open (with JavaScript the minutes count down).
    return <p className="edit-closed">The time to edit this has passed. {WHY_IT_CLOSES} You're welcome to add a reply instead.</p>;
  }
  return (
    <WritingTool
      formId={formId}
      summary={
        <>
          Edit<span className="visually-hidden"> your post</span>
          <span className="edit-left"> ({left} min left)</span>
        </>
      }
    >
      {(onDone) => (
        <PostForm
          formId={formId}
          intent="edit"
          label="Edit your post"
          hint={`You can edit this for ${plural(left, 'more minute', 'more minutes')}. ${WHY_IT_CLOSES}`}
          submitLabel="Save changes"
          pendingLabel="Saving…"
          successMessage="Your changes are saved."
          postId={post.id}
          defaultBody={post.body}
          onDone={onDone}
        />
      )}
    </WritingTool>
  );
}

function DeleteTool({ post }: { post: Post }) {
  const fetcher = useFetcher<FormResult>();
  const formId = `delete-${post.id}`;
  const result = useFormResult(formId, fetcher.data);
  const hydrated = useHydrated();
  const action = useNoJsAction(formId);
  const failed = result && !result.ok ? result.errors.form : null;
  return (
    <details className="post-tool" open={failed ? true : undefined} id={formId}>
      <summary>
        Remove<span className="visually-hidden"> your post</span>
      </summary>
      <fetcher.Form method="post" action={action} className="confirm">
        <PostActionFields intent="delete" formId={formId} postId={post.id} hydrated={hydrated} />
        <p>Remove this post? Its words will be erased for good. Any replies stay, under a note that it was removed.</p>
        <button type="submit" className="danger" aria-disabled={fetcher.state !== 'idle' || undefined}>
          Yes, remove my post
        </button>
        <FormError>{failed}</FormError>
      </fetcher.Form>
    </details>
  );
}

/**
 * "Flag" for a moderator's eyes (ADR 027). Without JavaScript (and before it runs) a plain link to
 * the post's flag page, so the form's seven reasons are not in every post's HTML; with JavaScript
 * it opens in place and the form is drawn only once opened. The reader gets the API's thank-you in
 * place, never what happens to someone else's post.
 */
function FlagTool({ post, reasons }: { post: Post; reasons: FlagReasonInfo[] }) {
  const fetcher = useFetcher<FormResult>();
  const formId = `flag-${post.id}`;
  const result = useFormResult(formId, fetcher.data);
  const hydrated = useHydrated();
  const location = useLocation();
  const params = useParams();
  const [open, setOpen] = useState(false);
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const flashed = root?.notice?.postId === post.id ? root.notice.text : null;
  const thanks = result?.ok ? (result.message ?? null) : flashed;
  const failed = result && !result.ok && fetcher.state === 'idle' ? result.errors.form : null;
  const who = <span className="visually-hidden"> {post.pseudonym}'s post for a moderator</span>;

  if (thanks) {
    return (
      <>
        <p className="flag-thanks" role="status" id={formId}>
          {thanks}
        </p>
        {fetcher.data?.ok === true && fetcher.data.keyNotice ? <KeyNotice focusOnMount level={3} /> : null}
      </>
    );
  }

  if (!hydrated) {
    const href = flagHref(params.slug ?? '', params.section ?? '', post.id, `${location.pathname}${location.search}`);
    return (
      <>
        <a className="post-tool post-tool-link" href={href} id={formId} rel="nofollow">
          Flag{who}
        </a>
        <FormError>{failed}</FormError>
      </>
    );
  }

  return (
    <details
      className="post-tool flag-tool"
      open={failed ? true : undefined}
      id={formId}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>Flag{who}</summary>
      {open || failed ? (
        <fetcher.Form method="post" action={`${location.pathname}${location.search}`} className="flag-form">
          <PostActionFields intent="flag" formId={formId} postId={post.id} hydrated />
          <FlagFields pseudonym={post.pseudonym} reasons={reasons} failed={failed} busy={fetcher.state !== 'idle'} />
        </fetcher.Form>
      ) : null}
    </details>
  );
}
