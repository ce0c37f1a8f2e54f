import path from 'node:path';
import { loadContent } from '@steady/content';
import { createApp } from '../src/app.factory';
import { AuthorCrypto } from '../src/authors/author-crypto';
import { createLogger } from '../src/common/logger';
import { loadConfig, repoRoot } from '../src/config/config';
import { openDatabase } from '../src/data-source';
import { Db } from '../src/database/db';
import { CrisisAlertSweeper, type CrisisAlerts } from '../src/moderation/crisis-alerts/crisis-alerts';
import { ModeratorsService } from '../src/moderators';
import { startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from './alert-sinks';
import { createTestApp, TEST_SECRET, type TestApp } from './app';
import { post, sectionIds } from './fixtures';
import { bearer, createModerator, login } from './moderators.fixtures';

/*
 * Crisis never waits unseen (issue 14, ADR 021): a crisis item nobody opened alerts a local
 * webhook receiver and a local SMTP sink, again at a backoff, until a moderator opens it; the
 * state is in PostgreSQL (a restarted instance carries on) and two instances sweeping at once
 * send one alert. The sweeps are driven with an explicit clock: nobody waits five minutes.
 */

const CRISIS_TEXT = 'I want to kill myself tonight. Everyone would be better off without me.';
const CRISIS_WORDS = ['kill', 'myself', 'tonight', 'better off'];
const HELD_TEXT = 'You are pathetic, grow up.';
const PUBLIC_URL = 'https://steady.example.org';
const MINUTE = 60_000;

const SEEN = `mutation($ids: [ID!]!) { markQueueItemsSeen(itemIds: $ids) }`;

let receiver: WebhookReceiver;
let sink: SmtpSink;
let t: TestApp;
let sections: Record<string, string>;
let moderatorHeaders: Record<string, string>;
const logs: string[] = [];

function alertEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    MODERATOR_ALERT_WEBHOOK_URL: receiver.url,
    SMTP_URL: sink.url,
    ALERT_EMAIL_FROM: 'Steady alerts <alerts@steady.example.org>',
    PUBLIC_URL,
    CRISIS_ALERT_MINUTES: '5',
    CRISIS_ALERT_MAX_REPEAT_MINUTES: '60',
    // The timer stays out of the way: these tests sweep by hand, at the times they choose.
    CRISIS_ALERT_SWEEP_SECONDS: '3600',
    ALERT_TIMEOUT_MS: '1500',
    ...extra,
  };
}

const logger = () => createLogger('info', { write: (line: string) => void logs.push(line) });

/** Another API instance on the same database (no wiping): what a second replica, or the same one restarted, is. */
async function instance(env: Record<string, string> = {}) {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', STEADY_SECRET: TEST_SECRET, ...alertEnv(env) });
  const dataSource = await openDatabase(config.DATABASE_URL!, 3);
  const content = await loadContent(path.join(repoRoot, 'content'));
  const app = await createApp({
    config,
    db: Db.fromDataSource(dataSource),
    crypto: new AuthorCrypto(TEST_SECRET),
    logger: logger(),
    resources: content.resources,
  });
  return {
    alerts: app.get(CrisisAlertSweeper, { strict: false }).alerts,
    async close() {
      await app.close();
      await dataSource.destroy();
    },
  };
}

const alertsOf = (app: TestApp): CrisisAlerts => app.app.get(CrisisAlertSweeper, { strict: false }).alerts;
const after = (from: Date, minutes: number) => new Date(from.getTime() + minutes * MINUTE);

/** A crisis post waiting in the queue: its queue item and when it was queued. */
async function crisisItem(): Promise<{ postId: string; itemId: string; enqueuedAt: Date }> {
  const written = await post(t, { sectionId: sections['a-quiet-reminder'], body: CRISIS_TEXT });
  // PostgreSQL keeps microseconds, a Date milliseconds: round up, so "5 minutes after" is not a hair early.
  const [row] = await t.dataSource.query(
    `select id::text as id, date_trunc('milliseconds', enqueued_at) + interval '1 millisecond' as enqueued_at
     from queue_item where post_id = $1 and resolved_at is null`,
    [written.id],
  );
  return { postId: written.id, itemId: row.id, enqueuedAt: row.enqueued_at };
}

async function alertState(itemId: string) {
  const [row] = await t.dataSource.query(
    `select alerts_sent as "alertsSent", next_alert_at as "nextAlertAt", alert_pending as pending, first_viewed_at as "firstViewedAt"
     from queue_item where id = $1`,
    [itemId],
  );
  return row as { alertsSent: number; nextAlertAt: Date | null; pending: string[]; firstViewedAt: Date | null };
}

const expectNoPostText = (text: string) => {
  for (const word of CRISIS_WORDS) expect(text.toLowerCase()).not.toContain(word);
};

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sink = await startSmtpSink();
  t = await createTestApp(alertEnv(), { logger: logger() });
  sections = await sectionIds(t);
  await createModerator(t, 'first@example.org');
  await createModerator(t, 'second@example.org', 'ADMIN');
  await createModerator(t, 'former@example.org');
  await t.app.get(ModeratorsService).disable('former@example.org');
  moderatorHeaders = bearer(await login(t, 'first@example.org'));
});

afterAll(async () => {
  await t?.close();
  await receiver?.close();
  await sink?.close();
});

beforeEach(async () => {
  // Each test starts with nothing waiting, and empty mailboxes.
  await t.dataSource.query(
    `update queue_item set resolved_at = now(), first_viewed_at = coalesce(first_viewed_at, now()) where resolved_at is null`,
  );
  receiver.received.length = 0;
  receiver.answer = { status: 200, delayMs: 0 };
  sink.received.length = 0;
  sink.refuse.clear();
  logs.length = 0;
});

describe('crisis alerts', () => {
  it('alerts the webhook and every active moderator by e-mail once CRISIS_ALERT_MINUTES pass unopened, with no post text', async () => {
    const item = await crisisItem();
    await post(t, { sectionId: sections['a-quiet-reminder'], body: HELD_TEXT }); // held, not crisis: never alerts
    const alerts = alertsOf(t);

    expect(await alerts.sweep(after(item.enqueuedAt, 4.9))).toEqual({ ran: true, delivered: 0, owed: 0 });
    expect(receiver.received).toHaveLength(0);
    expect(sink.received).toHaveLength(0);

    expect(await alerts.sweep(after(item.enqueuedAt, 5.05))).toEqual({ ran: true, delivered: 1, owed: 0 });
    expect(receiver.received).toHaveLength(1);
    const hook = receiver.received[0];
    expect(hook.contentType).toBe('application/json');
    // `text` is what Slack, Mattermost and Matrix hookshot post; the rest are fields they ignore.
    expect(Object.keys(hook.json).sort()).toEqual(['body', 'event', 'msgtype', 'queueUrl', 'reminder', 'text', 'waitingMinutes']);
    expect(hook.json).toMatchObject({ event: 'steady.crisis_waiting', waitingMinutes: 5, reminder: 1, queueUrl: `${PUBLIC_URL}/moderate` });
    expect(hook.json.text).toBe(
      `A post from someone who may be in crisis has waited 5 minutes and no moderator has opened it yet. Please open the moderation queue: ${PUBLIC_URL}/moderate`,
    );
    expectNoPostText(hook.raw);

    // One e-mail to each active moderator, each addressed to that moderator only; not the disabled account.
    expect(sink.received.map((m) => m.to).sort()).toEqual([['first@example.org'], ['second@example.org']]);
    for (const mail of sink.received) {
      expect(mail.from).toBe('alerts@steady.example.org');
      expect(mail.subject).toBe('Steady: a crisis post has waited 5 minutes');
      expect(mail.text).toContain(`${PUBLIC_URL}/moderate`);
      expect(mail.text).toContain('no moderator has opened it yet');
      expectNoPostText(mail.text);
    }
    expect(await alertState(item.itemId)).toMatchObject({ alertsSent: 1, pending: [] });

    // Nothing more until the next one is due.
    expect(await alerts.sweep(after(item.enqueuedAt, 6))).toMatchObject({ delivered: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('repeats at a backoff (5, 10, 20 … at most CRISIS_ALERT_MAX_REPEAT_MINUTES apart) until a moderator opens the item, then stops', async () => {
    const item = await crisisItem();
    const alerts = alertsOf(t);
    const sweepAt = async (minutes: number) => (await alerts.sweep(after(item.enqueuedAt, minutes))).delivered;

    expect(await sweepAt(5)).toBe(1); // first alert at 5 min; the next 5 min later
    expect(await sweepAt(9.9)).toBe(0);
    expect(await sweepAt(10)).toBe(1); // next 10 min later
    expect(await sweepAt(19.9)).toBe(0);
    expect(await sweepAt(20)).toBe(1); // next 20 min later
    expect(await sweepAt(39.9)).toBe(0);
    expect(await sweepAt(40)).toBe(1); // next 40 min later
    expect(await sweepAt(80)).toBe(1); // then capped: 60 min apart
    expect(await sweepAt(139.9)).toBe(0);
    expect(await sweepAt(140)).toBe(1);
    expect(receiver.received.map((h) => [h.json.reminder, h.json.waitingMinutes])).toEqual([
      [1, 5],
      [2, 10],
      [3, 20],
      [4, 40],
      [5, 80],
      [6, 140],
    ]);
    expect(receiver.received[1].json.text).toContain('(reminder 1)');
    expect(sink.received).toHaveLength(12);

    // A moderator opens it (the queue page does this for the items it shows): idempotent.
    const first = await t.gql(SEEN, { ids: [item.itemId] }, moderatorHeaders);
    expect(first.errors).toBeUndefined();
    expect(first.data.markQueueItemsSeen).toBe(1);
    expect((await t.gql(SEEN, { ids: [item.itemId, item.itemId] }, moderatorHeaders)).data.markQueueItemsSeen).toBe(0);
    const state = await alertState(item.itemId);
    expect(state.firstViewedAt).toBeInstanceOf(Date);

    expect(await sweepAt(500)).toBe(0);
    expect(await sweepAt(5000)).toBe(0);
    expect(receiver.received).toHaveLength(6);
    expect(sink.received).toHaveLength(12);

    // The queue shows when it was first opened; the audit log says who opened the crisis item.
    const queue = await t.gql(`{ moderationQueue { edges { node { id firstViewedAt } } } }`, {}, moderatorHeaders);
    const node = queue.data.moderationQueue.edges.find((e: { node: { id: string } }) => e.node.id === item.itemId).node;
    expect(Date.parse(node.firstViewedAt)).toBe(state.firstViewedAt!.getTime());
    const [audit] = await t.dataSource.query(`select actor from audit_log where action = 'crisis:opened' and post_id = $1`, [item.postId]);
    expect(audit.actor).toMatch(/^moderator:[0-9a-f-]{36}$/);
  });

  it('counts a decision as an opening: a reviewed crisis item never alerts again', async () => {
    const item = await crisisItem();
    const review = await t.gql(
      `mutation($input: ReviewPostInput!) { reviewPost(input: $input) { id status } }`,
      { input: { postId: item.postId, decision: 'APPROVE' } },
      moderatorHeaders,
    );
    expect(review.errors).toBeUndefined();
    expect((await alertState(item.itemId)).firstViewedAt).toBeInstanceOf(Date);
    expect(await alertsOf(t).sweep(after(item.enqueuedAt, 30))).toMatchObject({ delivered: 0 });
    expect(receiver.received).toHaveLength(0);
  });

  it('retries only the failed channels at the next sweep, bounded by the timeout, and logs no text, no URL, no address', async () => {
    const item = await crisisItem();
    const alerts = alertsOf(t);

    // The webhook answers 500 and one mailbox is refused: the round is owed on those two.
    receiver.answer = { status: 500, delayMs: 0 };
    sink.refuse.add('second@example.org');
    expect(await alerts.sweep(after(item.enqueuedAt, 5))).toEqual({ ran: true, delivered: 0, owed: 1 });
    const owed = await alertState(item.itemId);
    expect(owed.alertsSent).toBe(0);
    expect(owed.pending).toHaveLength(2);
    expect(owed.pending).toContain('webhook');
    expect(sink.received.map((m) => m.to)).toEqual([['first@example.org']]);

    // Next sweep: the webhook now hangs past ALERT_TIMEOUT_MS (1.5 s), the mailbox is back.
    receiver.answer = { status: 200, delayMs: 0, hang: true };
    sink.refuse.clear();
    const started = Date.now();
    expect(await alerts.sweep(after(item.enqueuedAt, 5.5))).toEqual({ ran: true, delivered: 0, owed: 1 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await alertState(item.itemId)).pending).toEqual(['webhook']);
    // The moderator who already had it is not e-mailed twice.
    expect(sink.received.map((m) => m.to)).toEqual([['first@example.org'], ['second@example.org']]);

    receiver.answer = { status: 204, delayMs: 0 };
    expect(await alerts.sweep(after(item.enqueuedAt, 6))).toEqual({ ran: true, delivered: 1, owed: 0 });
    expect(receiver.received).toHaveLength(3);
    expect(sink.received).toHaveLength(2);
    expect(await alertState(item.itemId)).toMatchObject({ alertsSent: 1, pending: [] });
    // The waiting time the last try reports is the time of that try.
    expect(receiver.received[2].json.waitingMinutes).toBe(6);

    const failures = logs.filter((line) => line.includes('crisis alert not delivered'));
    expect(failures.length).toBe(3);
    expect(failures.join('\n')).toMatch(/"reason":"HTTP 500"/);
    expect(failures.join('\n')).toMatch(/"reason":"timeout"/);
    const everything = logs.join('\n');
    expectNoPostText(everything);
    expect(everything).not.toContain('steady-secret-token');
    expect(everything).not.toContain('@example.org');
  });

  it('survives a restart: a new instance carries on from the state in PostgreSQL', async () => {
    const item = await crisisItem();
    const before = await instance();
    expect((await before.alerts.sweep(after(item.enqueuedAt, 5))).delivered).toBe(1);
    await before.close();

    const restarted = await instance();
    try {
      // It neither repeats the alert already sent nor forgets the one due next.
      expect((await restarted.alerts.sweep(after(item.enqueuedAt, 7))).delivered).toBe(0);
      expect((await restarted.alerts.sweep(after(item.enqueuedAt, 10))).delivered).toBe(1);
    } finally {
      await restarted.close();
    }
    expect(receiver.received.map((h) => h.json.reminder)).toEqual([1, 2]);
  });

  it('fires once when two API instances sweep at the same moment', async () => {
    const item = await crisisItem();
    const other = await instance();
    try {
      // A slow webhook keeps the first sweep busy while the second starts.
      receiver.answer = { status: 200, delayMs: 400 };
      const at = after(item.enqueuedAt, 5);
      const reports = await Promise.all([alertsOf(t).sweep(at), other.alerts.sweep(at), alertsOf(t).sweep(at)]);
      expect(reports.filter((r) => r.ran)).toHaveLength(1);
      expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(1);
      expect(receiver.received).toHaveLength(1);
      expect(sink.received).toHaveLength(2);

      // And one after the other: the second finds it already sent.
      expect(await other.alerts.sweep(at)).toEqual({ ran: true, delivered: 0, owed: 0 });
      expect(receiver.received).toHaveLength(1);
      expect((await alertState(item.itemId)).alertsSent).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('is swept by the API on its own timer, which stops when the app closes', async () => {
    const item = await crisisItem();
    // 0.01 min = 0.6 s before the first alert, a sweep every 0.1 s.
    const live = await instance({ CRISIS_ALERT_MINUTES: '0.01', CRISIS_ALERT_SWEEP_SECONDS: '0.1' });
    try {
      const until = Date.now() + 10_000;
      while (receiver.received.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(receiver.received.length).toBeGreaterThanOrEqual(1);
      expect(receiver.received[0].json.reminder).toBe(1);
    } finally {
      await live.close();
    }
    const sent = receiver.received.length;
    // Closed: the next would be due 0.6 s, 1.2 s … later, and nothing sends it.
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received).toHaveLength(sent);
    expect((await alertState(item.itemId)).alertsSent).toBe(sent);
  });
});

describe('markQueueItemsSeen', () => {
  it('is for moderators only, and refuses ids that are not queue items with BAD_USER_INPUT', async () => {
    const anonymous = await t.gql(SEEN, { ids: ['1'] });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await t.gql(SEEN, { ids: ['1; drop table queue_item'] }, moderatorHeaders);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemIds' });
    const tooMany = await t.gql(SEEN, { ids: Array.from({ length: 101 }, (_, i) => String(i + 1)) }, moderatorHeaders);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemIds' });
    // An id nobody has is simply not marked.
    expect((await t.gql(SEEN, { ids: ['999999999'] }, moderatorHeaders)).data.markQueueItemsSeen).toBe(0);
  });
});

describe('moderationStats: time from a crisis post to its first moderator view', () => {
  it('gives the median and the 90th percentile over crisis items, and counts those nobody has opened', async () => {
    await t.dataSource.query(`update queue_item set first_viewed_at = null, priority = 1 where true`);
    const STATS = `{ moderationStats { crisisMedianMinutesToFirstView crisisP90MinutesToFirstView crisisUnseen medianMinutesToReview } }`;
    expect((await t.gql(STATS, {}, moderatorHeaders)).data.moderationStats).toMatchObject({
      crisisMedianMinutesToFirstView: null,
      crisisP90MinutesToFirstView: null,
      crisisUnseen: 0,
    });

    // Ten crisis items opened after 1, 2, … 10 minutes; a held item opened after 100 does not count.
    const items = [];
    for (let i = 0; i < 10; i++) items.push(await crisisItem());
    for (const [i, item] of items.entries()) {
      await t.dataSource.query(`update queue_item set first_viewed_at = enqueued_at + make_interval(mins => $2) where id = $1`, [
        item.itemId,
        i + 1,
      ]);
    }
    await post(t, { sectionId: sections['a-quiet-reminder'], body: HELD_TEXT });
    await t.dataSource.query(
      `update queue_item set first_viewed_at = enqueued_at + interval '100 minutes' where resolved_at is null and first_viewed_at is null and priority < 100`,
    );
    const unseen = [await crisisItem(), await crisisItem()];

    const stats = (await t.gql(STATS, {}, moderatorHeaders)).data.moderationStats;
    // percentile_cont over 1..10: median 5.5, p90 = 9 + 0.1 × (10 − 9) = 9.1.
    expect(stats).toMatchObject({ crisisMedianMinutesToFirstView: 5.5, crisisP90MinutesToFirstView: 9.1, crisisUnseen: unseen.length });
  });
});
