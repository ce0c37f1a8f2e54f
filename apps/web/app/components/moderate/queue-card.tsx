import { Form, Link } from '@remix-run/react';
import { BAN_REASON_MAX } from '@steady/rules';
import { formatDateTime, sectionName } from '~/lib/format';
import type { QueueItemView, RejectReason, RuleGuide, RuleHitView } from '~/lib/moderator.server';
import { flagReasons, highlight, priorityLabel, STATUS_WORDS } from './words';
import { CsrfField } from '../csrf-field';
import { AppealNote, CrisisCare, QueueNotes, ReaderFlags, type CardProblem } from './card-extras';
import { ClaimLine, type ClaimView } from './claim';

export interface BanState {
  postId: string;
  /** Set once a reason was given: ask to confirm. */
  reason?: string;
  error?: string;
}

interface Props {
  item: QueueItemView;
  position: number;
  rejectReasons: RejectReason[];
  rules: Map<string, RuleGuide>;
  waitedFor: string;
  current: boolean;
  ban: BanState | null;
  /** A note, message or "handled" form of this card that came back with a problem. */
  problem: CardProblem | null;
  /** The queue page this card is on (for "Cancel"). */
  backHref: string;
  /** Who holds the item (claims), and the signed-in moderator's e-mail to tell "you" from another. */
  claim: ClaimView;
  viewerEmail: string;
}

/** One post waiting for a moderator: what was written, where, why it waits, and what to do. */
export function QueueCard({ item, position, rejectReasons, rules, waitedFor, current, ban, problem, backHref, claim, viewerEmail }: Props) {
  const { post } = item;
  const label = priorityLabel(item.priority, item.flags);
  const base = `item-${item.id}`;
  const flagged = flagReasons(item.reasons);
  const postedAnyway = item.reasons.includes('posted-anyway');
  const appeal = item.reasons.includes('appeal');
  const hitRuleIds = new Set(item.hits.map((hit) => hit.ruleId));
  const suggested = rejectReasons.filter((reason) => hitRuleIds.has(reason.id));
  const others = rejectReasons.filter((reason) => !hitRuleIds.has(reason.id));
  const sectionHref = `/articles/${post.section.article.slug}/${post.section.slug}`;
  const approveLabel = post.status === 'REJECTED' ? 'Publish after all' : post.status === 'PUBLISHED' ? 'Keep it published' : 'Approve';
  const rejectLabel = post.status === 'PUBLISHED' ? 'Take it down' : 'Don’t publish';
  const uniqueHits = item.hits.filter(
    (hit, index) =>
      item.hits.findIndex((other) => other.ruleId === hit.ruleId && other.start === hit.start && other.end === hit.end) === index,
  );
  const shownRules = [...new Set(uniqueHits.map((hit) => hit.ruleId))];

  return (
    <article
      className={`queue-item tone-${label.tone}`}
      id={base}
      tabIndex={-1}
      aria-labelledby={`${base}-title`}
      aria-current={current ? 'true' : undefined}
      data-queue-item={item.id}
    >
      <header>
        <h3 id={`${base}-title`}>
          <span className="visually-hidden">{position}. </span>
          <span className={`priority priority-${label.tone}`}>{label.text}</span>
        </h3>
        <p className="item-meta">
          <span>Waiting {waitedFor}</span>
          <span className={`post-state state-${post.status.toLowerCase()}`}>{STATUS_WORDS[post.status] ?? post.status}</span>
        </p>
        <p className="item-thread">
          <Link to={sectionHref}>
            {post.section.article.title} › {sectionName(post.section.title)}
          </Link>
        </p>
        <p className="item-author">
          Written as <span className="pseudonym">{post.pseudonym}</span> in this thread,{' '}
          <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
        </p>
        <ClaimLine base={base} postId={post.id} claim={claim} viewerEmail={viewerEmail} />
      </header>

      {post.parent ? (
        <div className="in-reply-to">
          <p className="context-label">
            In reply to <span className="pseudonym">{post.parent.pseudonym}</span>:
          </p>
          <blockquote className="source">{post.parent.body || 'The author removed this post.'}</blockquote>
        </div>
      ) : null}

      <h4 className="visually-hidden">What they wrote</h4>
      <p className="source post-source">
        {highlight(post.body, uniqueHits).map((segment, index) =>
          segment.principles.length ? (
            <mark key={index} title={segment.principles.join(', ')}>
              {segment.text}
            </mark>
          ) : (
            <span key={index}>{segment.text}</span>
          ),
        )}
      </p>
      <details className="as-readers">
        <summary>As readers would see it</summary>
        <div className="prose rendered" dangerouslySetInnerHTML={{ __html: post.html }} />
      </details>

      {shownRules.length ? (
        <section className="why" aria-labelledby={`${base}-why`}>
          <h4 id={`${base}-why`}>What the tone rules noticed</h4>
          <ul>
            {shownRules.map((ruleId) => {
              const hits = uniqueHits.filter((hit) => hit.ruleId === ruleId);
              const rule = rules.get(ruleId);
              const all = [...new Set(hits.map((hit) => post.body.slice(hit.start, hit.end).trim()).filter(Boolean))];
              const quoted = all.filter((q) => !all.some((other) => other !== q && other.includes(q)));
              return (
                <li key={ruleId}>
                  <span className="principle">{hits[0].principle}</span> <strong>{rule?.title ?? ruleId}</strong>
                  {quoted.length ? <> in {quoted.map((q) => `“${q}”`).join(', ')}</> : null}
                  {rule?.description ? <span className="rule-description">{rule.description}</span> : null}
                  <ModelReading hits={hits} />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {flagged.length && !item.readerFlags.length ? (
        <ul className="other-reasons">
          <li>
            Readers flagged it ({item.flags}): {flagged.join('; ')}.
          </li>
        </ul>
      ) : null}
      <ReaderFlags flags={item.readerFlags} base={base} />
      {appeal ? <AppealNote base={base} /> : null}
      {postedAnyway ? (
        <ul className="other-reasons">
          <li>The author saw a gentle nudge and chose to post it as it was.</li>
        </ul>
      ) : null}

      <QueueNotes notes={item.notes} base={base} postId={post.id} problem={problem} />

      <div className="item-actions">
        <Form method="post" className="approve-form">
          <CsrfField />
          <input type="hidden" name="postId" value={post.id} />
          <input type="hidden" name="intent" value={post.status === 'REJECTED' ? 'restore' : 'approve'} />
          <input type="hidden" name="status" value={post.status} />
          <button type="submit" data-approve>
            {approveLabel}
          </button>
        </Form>

        {post.status !== 'REJECTED' ? (
          <details className="reject" data-reject>
            <summary>{rejectLabel}…</summary>
            <Form method="post" className="reject-form">
              <CsrfField />
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="intent" value="reject" />
              <fieldset>
                <legend>Why not? The author will read the reason you choose.</legend>
                {suggested.map((reason) => (
                  <ReasonChoice key={reason.id} base={base} reason={reason} />
                ))}
                {suggested.length ? (
                  <details className="more-reasons">
                    <summary>Other reasons</summary>
                    {others.map((reason) => (
                      <ReasonChoice key={reason.id} base={base} reason={reason} />
                    ))}
                  </details>
                ) : (
                  others.map((reason) => <ReasonChoice key={reason.id} base={base} reason={reason} />)
                )}
              </fieldset>
              <button type="submit" className="danger">
                {rejectLabel}
              </button>
            </Form>
          </details>
        ) : null}

        {label.tone === 'crisis' && post.status !== 'DELETED' ? <CrisisCare base={base} postId={post.id} problem={problem} /> : null}

        {ban?.reason ? (
          <div className="confirm ban-confirm" role="group" aria-labelledby={`${base}-ban-title`}>
            <h4 id={`${base}-ban-title`} tabIndex={-1} data-ban-confirm>
              Ban the author of this post?
            </h4>
            <p>
              Their later posts will be refused. No one, you included, will learn who they are. This post stays in the queue for your
              decision.
            </p>
            <p className="ban-reason">Reason, for the log: “{ban.reason}”</p>
            <Form method="post" className="actions">
              <CsrfField />
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="intent" value="ban-confirm" />
              <input type="hidden" name="reason" value={ban.reason} />
              <button type="submit" className="danger">
                Yes, ban the author
              </button>
              <Link to={backHref} className="cancel">
                Cancel
              </Link>
            </Form>
          </div>
        ) : (
          <details className="ban" open={ban?.error ? true : undefined}>
            <summary>Ban the author…</summary>
            <Form method="post" className="ban-form">
              <CsrfField />
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="intent" value="ban" />
              <label htmlFor={`${base}-ban-reason`}>Why? A few words, for the log</label>
              <p className="hint" id={`${base}-ban-hint`}>
                You will be asked to confirm. The author is never shown to you.
              </p>
              <textarea
                id={`${base}-ban-reason`}
                name="reason"
                rows={2}
                maxLength={BAN_REASON_MAX}
                required
                aria-invalid={ban?.error ? true : undefined}
                aria-describedby={`${base}-ban-hint${ban?.error ? ` ${base}-ban-error` : ''}`}
              />
              {ban?.error ? (
                <p className="field-error" id={`${base}-ban-error`}>
                  {ban.error}
                </p>
              ) : null}
              <button type="submit" className="quiet">
                Continue
              </button>
            </Form>
          </details>
        )}
      </div>
    </article>
  );
}

function ReasonChoice({ base, reason }: { base: string; reason: RejectReason }) {
  const id = `${base}-reason-${reason.id}`;
  return (
    <div className="reason-choice">
      <input type="radio" name="reason" value={reason.id} id={id} required aria-describedby={`${id}-text`} />
      <label htmlFor={id}>{reason.title}</label>
      <p className="reason-text" id={`${id}-text`}>
        <span className="principle">{reason.principle}</span> The author reads: “{reason.text}”
      </p>
    </div>
  );
}

const CATEGORY_WORDS: Record<string, string> = {
  'self-harm': 'a risk of suicide or self-harm',
  'partner-danger': 'danger from a partner',
  threat: 'a threat to someone',
  harassment: 'contempt or harassment',
  'personal-info': 'personal information',
  spam: 'promotion',
  pressure: 'pressure',
};

/** What the engine's model made of the text: its category and how sure it was (ADR 013). */
function ModelReading({ hits }: { hits: RuleHitView[] }) {
  const best = hits.reduce<RuleHitView | null>((top, hit) => (hit.score != null && (top?.score ?? -1) < hit.score ? hit : top), null);
  if (!best || best.score == null) return null;
  const percent = Math.round(best.score * 100);
  const words = CATEGORY_WORDS[best.category] ?? best.category;
  return (
    <span className="model-reading">
      {best.source === 'model'
        ? `No rule’s wording matched: the model read ${words} here (${percent}% sure); the highlighted sentence scored highest.`
        : `The model reads ${words} here too (${percent}% sure).`}
    </span>
  );
}
