// Steady live and replies opened in place (ADR 020, 025): on a thread page with JavaScript, the
// replies a reader opened with "Show all N replies" count as shown. A new reply that the reader
// then opens in place is no longer announced as new, and a reply to a reply shown only in place
// is announced (before, the live layer did not know those replies: it missed the one and kept
// counting the other), and shown in place when they ask.
import type { Browser } from 'playwright-core';
import { sectionId, seedPost } from './support/api';
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage } from './support/browser';
import { ARTICLE } from './support/fixtures';
import { openThreadAt } from './support/thread';

const SLUG = 'intro';
const REPLIES = 5; // more than the first slice a thread page shows (3)

describeBrowser('live: replies opened in place', () => {
  let browser: Browser;
  let section: string;
  let root: { id: string; authorKey: string };
  const replies: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    section = await sectionId('rebuilding-connection', SLUG);
    root = await seedPost({ sectionId: section, body: 'Who did you call first, when you were ready to call someone?' });
    for (let i = 1; i <= REPLIES; i++) {
      replies.push((await seedPost({ sectionId: section, body: `Answer number ${i}: an old friend from school.`, parentId: root.id })).id);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a new reply opened in place is no longer news; a reply to a reply shown only in place is, and shows in place', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: true });
    await openThreadAt(page, `${ARTICLE}/${SLUG}`, root.id);
    await page.locator('#new-post input[name="_js"]').waitFor({ state: 'attached' });
    await page.locator('.live-thread').waitFor({ state: 'attached' });
    await page.waitForTimeout(800); // the live connection settles before the event it waits for
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    const live = page.locator('.live-thread');

    // A sixth reply to the post the page shows: news, until the reader opens all the replies in place.
    const sixth = await seedPost({
      sectionId: section,
      body: 'My sister, after a long time apart. She picked up on the second ring.',
      parentId: root.id,
    });
    await page.getByRole('button', { name: '1 new reply: show it' }).waitFor({ timeout: 20_000 });
    await page.locator(`li:has(> #post-${root.id}) > .more-replies a`).click();
    await page.locator(`#post-${sixth.id}`).waitFor();
    await expect(live.textContent()).resolves.toBe('');

    // A reply to the fourth answer, which only the replies opened in place show: news now.
    const fourth = replies[3];
    await expect(page.locator(`#post-${fourth}`).count()).resolves.toBe(1);
    const deeper = await seedPost({ sectionId: section, body: 'Same here: a school friend, and it was easy again.', parentId: fourth });
    const show = page.getByRole('button', { name: '1 new reply: show it' });
    await show.waitFor({ timeout: 20_000 });
    expect(await page.locator(`#post-${deeper.id}`).count()).toBe(0);
    await expectNoAxeViolations(page);
    await show.click();
    // Shown where it belongs, in the replies opened in place, without leaving the page.
    await page.locator(`li:has(> #post-${root.id}) #post-${deeper.id}`).waitFor();
    await expect(live.textContent()).resolves.toBe('');
    expect(navigations).toBe(0);
    await context.close();
  });
});
