/*
 * What a crisis alert says. Built from three facts only (how long, which reminder, where the
 * queue is): no post text, nothing about the author, not even which post, so nothing that
 * reaches a chat room or a mailbox can point at a person (ADR 021).
 */

export interface CrisisAlertFacts {
  /** Whole minutes since the item entered the queue. */
  waitingMinutes: number;
  /** 1 for the first alert about this item, 2 for the first reminder, … */
  reminder: number;
  /** The moderators' queue, on the public address. */
  queueUrl: string;
}

const minutes = (n: number) => (n === 1 ? '1 minute' : `${n} minutes`);

/** One line, for a chat message and an e-mail body alike. */
export function alertText(facts: CrisisAlertFacts): string {
  const again = facts.reminder > 1 ? ` (reminder ${facts.reminder - 1})` : '';
  return (
    `A post from someone who may be in crisis has waited ${minutes(facts.waitingMinutes)} and no moderator has opened it yet${again}. ` +
    `Please open the moderation queue: ${facts.queueUrl}`
  );
}

/**
 * The webhook's JSON. `text` is what Slack and Mattermost incoming webhooks and Matrix's hookshot
 * generic webhooks post; `body`/`msgtype` are a Matrix message's own fields; the rest is for
 * anything that reads JSON (those hooks ignore fields they do not know).
 */
export function webhookBody(facts: CrisisAlertFacts): Record<string, unknown> {
  const text = alertText(facts);
  return {
    text,
    msgtype: 'm.text',
    body: text,
    event: 'steady.crisis_waiting',
    waitingMinutes: facts.waitingMinutes,
    reminder: facts.reminder,
    queueUrl: facts.queueUrl,
  };
}

export function alertEmail(facts: CrisisAlertFacts): { subject: string; text: string } {
  return {
    subject: `Steady: a crisis post has waited ${minutes(facts.waitingMinutes)}`,
    text:
      `${alertText(facts)}\n\n` +
      'You receive this because you are a Steady moderator. These e-mails stop once a moderator opens the post in the queue.\n',
  };
}

/** The link to the queue, under PUBLIC_URL (which may carry a path). */
export function queueUrl(publicUrl: string | undefined): string {
  const base = publicUrl ?? 'http://localhost:3000';
  return new URL('moderate', base.endsWith('/') ? base : `${base}/`).href;
}

/**
 * When the next alert is due after round `round` (1-based) went out at `sentAt`: as long again
 * as the first wait, then twice as long each time, never more than `maxMinutes` apart.
 */
export function nextAlertAt(sentAt: Date, round: number, firstMinutes: number, maxMinutes: number): Date {
  const waitMinutes = Math.min(firstMinutes * 2 ** Math.min(round - 1, 30), maxMinutes);
  return new Date(sentAt.getTime() + waitMinutes * 60_000);
}
