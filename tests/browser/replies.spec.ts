// Long conversations (issue 15, ADR 025): a thread page shows the first replies of each post and
// a plain link, "Show all N replies", to the rest. Without JavaScript the link opens the page of
// that post's replies; with it, the replies open in place and focus goes to the first new one.
import type { Browser, Page } from 'playwright-core';
import { sectionId, seedPost } from './support/api';
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';
import { openThreadAt } from './support/thread';

// The section other specs post in least: our post may still be on a later page of its thread.
const SLUG = 'intro';
const REPLIES = 5; // more than the first slice a thread page shows (3)

describeBrowser('a post with more replies than a thread page shows', () => {
  let browser: Browser;
  let root: { id: string; authorKey: string };
  const replies: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    const id = await sectionId('rebuilding-connection', SLUG);
    root = await seedPost({ sectionId: id, body: 'What got you through the first quiet evenings?' });
    for (let i = 1; i <= REPLIES; i++) {
      replies.push((await seedPost({ sectionId: id, body: `Reply number ${i}: a walk after dinner helped.`, parentId: root.id })).id);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The link under our post (other runs of this spec leave posts with as many replies). */
  const moreLink = (page: Page) => page.locator(`li:has(> #post-${root.id}) > .more-replies a`);
  const shownReplies = (page: Page) => page.locator(`li:has(> #post-${root.id}) > ul.replies > li > article .post-body`).allTextContents();
  const numbers = (texts: string[]) => texts.map((t) => Number(/Reply number (\d+)/.exec(t)?.[1]));

  test('without JavaScript: the first replies, then the page of all of them', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await openThreadAt(page, `${ARTICLE}/${SLUG}`, root.id);
    await expect(shownReplies(page).then(numbers)).resolves.toEqual([1, 2, 3]);
    // Its name says whose replies: "Show all 5 replies to <pseudonym>".
    const name = await page.locator(`#post-${root.id} .pseudonym`).textContent();
    await expect(moreLink(page).textContent()).resolves.toBe(`Show all ${REPLIES} replies to ${name}`);
    await moreLink(page).click();
    await page.waitForURL(`**${ARTICLE}/${SLUG}/replies/${root.id}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(
      new RegExp(`^Replies to .+\\(${REPLIES} replies\\)$`),
    );
    await expect(shownReplies(page).then(numbers)).resolves.toEqual([1, 2, 3, 4, 5]);
    await expect(moreLink(page).count()).resolves.toBe(0);
    // The way back to the conversation.
    await page.getByRole('link', { name: /^Back to the discussion/ }).click();
    await page.waitForURL(`**${ARTICLE}/${SLUG}#discussion-title`);
    await context.close();
  });

  test('with JavaScript: the replies open in place, focus on the first new one; both pages pass axe', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: true });
    await openThreadAt(page, `${ARTICLE}/${SLUG}`, root.id);
    const threadUrl = page.url();
    await page.locator('#new-post input[name="_js"]').waitFor({ state: 'attached' });
    await expect(shownReplies(page).then(numbers)).resolves.toEqual([1, 2, 3]);
    await expectNoAxeViolations(page);
    await expect(moreLink(page).textContent()).resolves.toMatch(new RegExp(`^Show all ${REPLIES} replies to `));
    await moreLink(page).click();
    await page.locator(`#post-${replies[REPLIES - 1]}`).waitFor();
    expect(page.url()).toBe(threadUrl);
    await expect(shownReplies(page).then(numbers)).resolves.toEqual([1, 2, 3, 4, 5]);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(`post-${replies[3]}`);
    await expect(moreLink(page).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);

    await page.goto(webUrl(`${ARTICLE}/${SLUG}/replies/${root.id}`));
    await expect(shownReplies(page).then(numbers)).resolves.toEqual([1, 2, 3, 4, 5]);
    await expectNoAxeViolations(page);
    await context.close();
  }, 240_000); // two axe runs and a walk through the thread's pages, on a shared machine

  test('an address that is not a post of this section is a calm 404', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    const wrongSection = await page.goto(webUrl(`${ARTICLE}/a-quiet-reminder/replies/${root.id}`));
    expect(wrongSection?.status()).toBe(404);
    const notAnId = await page.goto(webUrl(`${ARTICLE}/${SLUG}/replies/not-a-post`));
    expect(notAnId?.status()).toBe(404);
    await context.close();
  });
});
