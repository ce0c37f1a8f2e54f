// Crisis never waits unseen (issue 14, ADR 021), end to end: two built API processes with the
// alert channels set (a local webhook receiver and SMTP sink) sweep the same database; a crisis
// post nobody opens alerts at a backoff, each reminder once however many instances sweep, with
// no post text; a moderator opening the queue page (JavaScript off) is what stops it.
import type { Browser } from 'playwright-core';
import { startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from '../../apps/api/test/alert-sinks';
import { asModeratorAccount, clearModerationQueue, createModerator, sectionId, seedPost, type Account } from './support/api';
import { signIn } from './support/moderators';
import { describeBrowser, launchBrowser, openPage, webUrl } from './support/browser';
import { startApi } from './support/stack';

const CRISIS = 'I want to kill myself tonight, nobody would even notice.';

const until = async (done: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};

describeBrowser('crisis alerts from the running API', () => {
  let browser: Browser;
  let admin: Account;
  let moderator: Account;
  let receiver: WebhookReceiver;
  let sink: SmtpSink;
  const apis: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    const stamp = Date.now().toString(36);
    [admin, moderator] = await Promise.all([
      createModerator(`alerts-admin-${stamp}@example.org`, 'ADMIN'),
      createModerator(`alerts-moderator-${stamp}@example.org`, 'MODERATOR'),
    ]);
    // Other specs share the database: nothing else waits unopened (a review counts as opening).
    await clearModerationQueue(admin);
    receiver = await startWebhookReceiver();
    sink = await startSmtpSink();
    const env = {
      MODERATOR_ALERT_WEBHOOK_URL: receiver.url,
      SMTP_URL: sink.url,
      PUBLIC_URL: webUrl('/'),
      // Seconds, not minutes: 1.2 s to the first alert, then 1.2 s, then 2.4 s apart (the cap).
      CRISIS_ALERT_MINUTES: '0.02',
      CRISIS_ALERT_MAX_REPEAT_MINUTES: '0.04',
      CRISIS_ALERT_SWEEP_SECONDS: '0.1',
      ALERT_TIMEOUT_MS: '3000',
    };
    apis.push(...(await Promise.all([startApi(process.env.DATABASE_URL!, env), startApi(process.env.DATABASE_URL!, env)])));
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await receiver?.close();
    await sink?.close();
    await browser?.close();
  });

  test('alert by webhook and e-mail, once per reminder across two instances, until the queue page shows the post', async () => {
    const section = await sectionId('rebuilding-connection', 'where-rebuilding-usually-begins');
    const crisis = await seedPost({ sectionId: section, body: CRISIS });

    await until(() => receiver.received.length >= 3, 20_000);
    const reminders = receiver.received.map((hook) => hook.json.reminder);
    // Both instances sweep every 0.1 s; still each reminder came once, in order.
    expect(reminders.slice(0, 3)).toEqual([1, 2, 3]);
    expect(new Set(reminders).size).toBe(reminders.length);
    for (const hook of receiver.received) {
      expect(hook.json.queueUrl).toBe(webUrl('/moderate'));
      expect(hook.raw.toLowerCase()).not.toContain('kill');
    }
    const mine = () => sink.received.filter((mail) => mail.to.includes(moderator.email));
    await until(() => mine().length >= 3, 5_000);
    expect(mine().length).toBeGreaterThanOrEqual(3);
    expect(mine().every((mail) => mail.to.length === 1 && !mail.text.toLowerCase().includes('kill'))).toBe(true);

    // The moderator opens the queue (JavaScript off): the page shows the post, which is opening it.
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await signIn(page, moderator);
    await page.locator('article.queue-item', { hasText: CRISIS }).waitFor();
    const { moderationQueue } = await asModeratorAccount<{
      moderationQueue: { edges: Array<{ node: { firstViewedAt: string | null; post: { id: string } } }> };
    }>(admin, `{ moderationQueue(first: 100) { edges { node { firstViewedAt post { id } } } } }`);
    const item = moderationQueue.edges.find((edge) => edge.node.post.id === crisis.id);
    expect(item?.node.firstViewedAt).toEqual(expect.any(String));

    // Longer than the longest gap (2.4 s) and a few sweeps: nothing more comes.
    const sent = receiver.received.length;
    await new Promise((r) => setTimeout(r, 4000));
    expect(receiver.received.length).toBeLessThanOrEqual(sent + 1); // at most a round already in flight
    const settled = receiver.received.length;
    await new Promise((r) => setTimeout(r, 3000));
    expect(receiver.received).toHaveLength(settled);

    // The figures show how long crisis posts wait to be opened.
    await page.reload();
    await expect(page.getByText(/min \(median\), [\d.]+ min \(9 in 10\)/).isVisible()).resolves.toBe(true);
    await context.close();
  });
});
