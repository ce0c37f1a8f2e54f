// Steady live, the rest of issue 14 (ADR 020, 021), on the stack's one API and web server: claims
// in the moderators' queue (with JavaScript off, and seen live by another moderator), live cards
// marked seen only while the page is looked at, reaction counts changing in place on a thread,
// and "Your posts" counting new replies as they come.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import {
  approveAfterwards,
  asModeratorAccount,
  clearModerationQueue,
  createModerator,
  graphql,
  sectionId,
  seedPost,
  type Account,
} from './support/api';
import { describeBrowser, expectNoAxeViolations, holdKey, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';
import { signIn } from './support/moderators';
import { openThreadAt } from './support/thread';

const SLUG = 'where-rebuilding-usually-begins';
const THREAD = `${ARTICLE}/${SLUG}`;
const HELD = 'You are pathetic, grow up.';
const CRISIS = 'I want to kill myself tonight. Everyone would be better off without me.';

/** Waits until the page's scripts are running (the live connection opens from them). */
async function hydrated(page: Page) {
  await page.locator('.live-thread, .live-queue, .live-replies').first().waitFor({ state: 'attached' });
  // The live connection settles before the event it waits for.
  await page.waitForTimeout(800);
}

async function queueItem(account: Account, postId: string) {
  const data = await asModeratorAccount<{
    moderationQueue: {
      edges: Array<{ node: { id: string; firstViewedAt: string | null; claimedBy: string | null; post: { id: string } } }>;
    };
  }>(account, `{ moderationQueue(first: 100) { edges { node { id firstViewedAt claimedBy post { id } } } } }`);
  return data.moderationQueue.edges.map((e) => e.node).find((n) => n.post.id === postId) ?? null;
}

describeBrowser('live: claims, first views, reactions and replies', () => {
  let browser: Browser;
  let section: string;
  const made: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    section = await sectionId('rebuilding-connection', SLUG);
  });
  afterAll(async () => {
    await browser?.close();
    await approveAfterwards(made, 'live-moderation-cleanup').catch(() => undefined);
  });

  test('claims: "Take this" works without JavaScript; another moderator sees it live, and sees it let go', async () => {
    const tag = randomUUID().slice(0, 6);
    const first = await createModerator(`claims-a-${tag}@example.org`, 'ADMIN');
    const second = await createModerator(`claims-b-${tag}@example.org`, 'MODERATOR');
    await clearModerationQueue(first);
    const held = await seedPost({ sectionId: section, body: `${HELD} (${tag})` });
    made.push(held.id);

    // The second moderator's queue is open, with JavaScript, before anyone takes the item.
    const watcher = await openPage(browser);
    watcher.page.setDefaultTimeout(20_000);
    await signIn(watcher.page, second);
    await hydrated(watcher.page);
    const watched = watcher.page.locator('[data-queue-item]', { hasText: tag });
    await expect(watched.locator('[data-claim]').getAttribute('data-claim')).resolves.toBe('free');

    // The first takes it with JavaScript off: a plain form, CSRF-checked, and a redirect.
    const taker = await openPage(browser, { javaScriptEnabled: false });
    taker.page.setDefaultTimeout(20_000);
    await signIn(taker.page, first);
    const card = taker.page.locator('[data-queue-item]', { hasText: tag });
    await card.getByRole('button', { name: 'Take this' }).click();
    await taker.page.getByText('Taken by you for five minutes.').waitFor();
    await expect(card.locator('.claim').textContent()).resolves.toContain('Taken by you');
    expect((await queueItem(first, held.id))?.claimedBy).toBe(first.email);

    // The other moderator's page shows it without a reload, and cannot take it.
    await watched.locator('[data-claim="other"]').waitFor({ timeout: 15_000 });
    await expect(watched.locator('.claim').textContent()).resolves.toBe(
      `Another moderator is on this (${first.email}), for about 5 more minutes.`,
    );
    expect(await watched.getByRole('button', { name: 'Take this' }).count()).toBe(0);
    await expectNoAxeViolations(watcher.page);

    // Let go (still without JavaScript): free again for everyone, live.
    await card.getByRole('button', { name: 'Let it go' }).click();
    await taker.page.getByText('You let it go.').waitFor();
    await watched.locator('[data-claim="free"]').waitFor({ timeout: 15_000 });

    // The second takes it with JavaScript, then decides: the item leaves the queue, and the hold with it.
    await watched.getByRole('button', { name: 'Take this' }).click();
    await watched.locator('[data-claim="mine"]').waitFor();
    await expectNoAxeViolations(watcher.page);
    await taker.page.reload();
    await expect(card.locator('.claim').textContent()).resolves.toContain(`Another moderator is on this (${second.email})`);
    await watched.locator('[data-approve]').click();
    await watched.waitFor({ state: 'detached' });
    expect(await queueItem(first, held.id)).toBeNull();

    // A form without the page's token changes nothing.
    const forged = await taker.context.request.post(webUrl('/moderate?index'), {
      form: { intent: 'claim', postId: held.id },
      headers: { Origin: new URL(webUrl('/')).origin },
    });
    expect(forged.status()).toBe(403);
    await taker.context.close();
    await watcher.context.close();
  });

  test('a crisis card that arrives live is marked seen only while the page is looked at', async () => {
    const tag = randomUUID().slice(0, 6);
    const account = await createModerator(`seen-${tag}@example.org`, 'ADMIN');
    await clearModerationQueue(account);
    const { context, page } = await openPage(browser);
    // The tab starts hidden (as a queue left open behind other work).
    await page.addInitScript(() => {
      const w = window as unknown as { __hidden?: boolean };
      w.__hidden = true;
      Object.defineProperty(Document.prototype, 'visibilityState', {
        configurable: true,
        get: () => (w.__hidden ? 'hidden' : 'visible'),
      });
    });
    await signIn(page, account);
    await hydrated(page);

    const crisis = await seedPost({ sectionId: section, body: `${CRISIS} (${tag})` });
    made.push(crisis.id);
    await page.locator('[data-queue-item]', { hasText: tag }).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1500);
    // On the page, but nobody looked: the alerts keep going.
    expect((await queueItem(account, crisis.id))?.firstViewedAt).toBeNull();

    await page.evaluate(() => {
      (window as unknown as { __hidden?: boolean }).__hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    for (let i = 0; i < 40 && !(await queueItem(account, crisis.id))?.firstViewedAt; i++) await page.waitForTimeout(250);
    expect((await queueItem(account, crisis.id))?.firstViewedAt).not.toBeNull();
    await expectNoAxeViolations(page);
    await context.close();
  });

  test('reaction counts change in place on the thread, quietly; nothing reloads', async () => {
    const tag = randomUUID().slice(0, 6);
    const author = await seedPost({ sectionId: section, body: `Some weeks the kindness is all on one side (${tag}).` });
    const { context, page } = await openPage(browser);
    await openThreadAt(page, THREAD, author.id);
    await hydrated(page);
    let navigations = 0;
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++);
    const hug = page.locator(`#post-${author.id} .reactions button[value="HUG"]`);
    await expect(hug.locator('.count').textContent()).resolves.toBe('0');

    // Another reader hugs it, elsewhere.
    const other = await seedPost({ sectionId: section, body: `Thank you for putting it so plainly (${tag}).` });
    await graphql(
      `
        mutation ($p: ID!) {
          react(postId: $p, kind: HUG) {
            id
          }
        }
      `,
      { p: author.id },
      other.authorKey,
    );
    await page.waitForFunction(
      (id) => document.querySelector(`#post-${id} .reactions button[value="HUG"] .count`)?.textContent === '1',
      author.id,
      { timeout: 15_000 },
    );
    // Not a live region: a count going up does not interrupt someone's reading.
    expect(await hug.evaluate((el) => Boolean(el.closest('[aria-live]:not([aria-live="off"])')))).toBe(false);
    expect(navigations).toBe(0);
    await expectNoAxeViolations(page);
    await context.close();
  });

  test('"Your posts" counts a reply that arrives while it is open, and shows it when asked', async () => {
    const tag = randomUUID().slice(0, 6);
    const mine = await seedPost({ sectionId: section, body: `I am learning to ask for what I need (${tag}).` });
    const { context, page } = await openPage(browser);
    await holdKey(context, mine.authorKey);
    await page.goto(webUrl('/me'));
    await page.getByRole('heading', { name: 'Replies to you' }).waitFor();
    await page.locator('.live-replies').waitFor({ state: 'attached' });
    await page.waitForTimeout(800);
    await expect(page.locator('.live-replies').getAttribute('aria-live')).resolves.toBe('polite');

    await seedPost({ sectionId: section, body: `That takes courage, and it shows (${tag}).`, parentId: mine.id });
    const show = page.getByRole('button', { name: '1 new reply since you opened this page: show it' });
    await show.waitFor({ timeout: 15_000 });
    expect(await page.getByText(`That takes courage, and it shows (${tag}).`).count()).toBe(0);
    await expectNoAxeViolations(page);
    await show.click();
    await page.getByText(`That takes courage, and it shows (${tag}).`).waitFor();
    await context.close();
  });
});
