import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sectionId, seedPost } from './support/api';
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';

const SECTION = `${ARTICLE}/a-quiet-reminder`;

/** Set before acting: if the page fully reloads, the marker is gone. */
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { steadyMarker: number }).steadyMarker = 1));
}
async function stillSamePage(page: Page) {
  return page.evaluate(() => (window as unknown as { steadyMarker?: number }).steadyMarker === 1);
}

describeBrowser('posting and replying with JavaScript (updates in place)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  /** Someone else's post in the same thread, to react to (one's own post offers no reactions). */
  let otherId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    otherId = `post-${
      (
        await seedPost({
          sectionId: await sectionId('rebuilding-connection', 'a-quiet-reminder'),
          body: 'Some nights we only say goodnight kindly, and it still counts.',
        })
      ).id
    }`;
    ({ context, page } = await openPage(browser));
    // Hydration mismatches and script errors show up here.
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(webUrl(SECTION));
    // Hydrated: the forms carry the marker that JavaScript is on.
    await page.locator('#new-post input[name="_js"]').waitFor({ state: 'attached' });
    await markPage(page);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test('the same rule refuses an empty post in the browser, beside the field', async () => {
    await page.getByLabel('Share your thoughts').fill('   ');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(page.locator('#new-post .field-error').textContent()).resolves.toBe('Write a few words first, whenever you are ready.');
    await expect(page.getByLabel('Share your thoughts').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(stillSamePage(page)).resolves.toBe(true);
  });

  /** Other specs may post in this section: this one finds its post by a tag in its words, then by id. */
  const TAG = Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
  let myId = '';
  const myItem = (on: Page = page) =>
    myId
      ? on.locator(`ol.thread > li:has(> #${myId})`)
      : on.locator('ol.thread > li', { has: on.locator(':scope > article.post', { hasText: TAG }) });
  const myPost = (on: Page = page) => myItem(on).locator(':scope > article.post');
  const myReplies = () => myItem().locator(':scope > ul.replies article.post');

  async function replyToMyPost(on: Page, words: string) {
    const post = myPost(on);
    const pseudonym = (await post.locator('.pseudonym').textContent())!;
    await post.locator('summary', { hasText: `Reply to ${pseudonym}` }).click();
    await post.getByLabel(`Your reply to ${pseudonym}`).fill(words);
    await post.getByRole('button', { name: 'Send reply' }).click();
  }

  test('a post appears in place, marked as mine', async () => {
    await page.getByLabel('Share your thoughts').fill(`Patience is hard for me (${TAG}). This helped.`);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await myPost().waitFor();
    myId = (await myPost().getAttribute('id'))!;
    await expect(myPost().locator('.post-body').textContent()).resolves.toContain('Patience is hard for me');
    await expect(myPost().locator('.you').count()).resolves.toBe(1);
    await expect(page.getByLabel('Share your thoughts').inputValue()).resolves.toBe('');
    await page.getByRole('heading', { name: 'This browser now holds your private key' }).waitFor();
    await expect(stillSamePage(page)).resolves.toBe(true);
  });

  test('a reply appears in place, under the post', async () => {
    await replyToMyPost(page, 'Me too. One step, then reassess.');
    await myReplies().first().waitFor();
    await expect(myReplies().locator('.post-body').textContent()).resolves.toContain('One step');
    await expect(stillSamePage(page)).resolves.toBe(true);
  });

  test('a reaction toggles in place, on posts by others only', async () => {
    await expect(myPost().locator('.reactions button').count()).resolves.toBe(0);
    const hug = () => page.locator(`#${otherId}`).getByRole('button', { name: /^Hug/ });
    const pressed = (value: string) =>
      page.waitForFunction(
        ([id, want]) => document.querySelector(`#${id} button[value="HUG"]`)?.getAttribute('aria-pressed') === want,
        [otherId, value],
      );
    await expect(hug().getAttribute('aria-pressed')).resolves.toBe('false');
    await hug().click();
    await pressed('true');
    await page.waitForLoadState('networkidle');
    await expect(hug().locator('.count').textContent()).resolves.toBe('1');
    await hug().click();
    await pressed('false');
    await expect(stillSamePage(page)).resolves.toBe(true);
  });

  test('an own reply is edited and removed in place', async () => {
    const reply = myReplies().first();
    await reply.locator('summary', { hasText: 'Edit your post' }).click();
    await reply.getByLabel('Edit your post').fill('Me too. One small step, then reassess.');
    await reply.getByRole('button', { name: 'Save changes' }).click();
    await myReplies().filter({ hasText: 'One small step' }).first().waitFor();
    await expect(myReplies().first().locator('.edited').count()).resolves.toBe(1);

    await myReplies().first().locator('summary', { hasText: 'Remove your post' }).click();
    await myReplies().first().getByRole('button', { name: 'Yes, remove my post' }).click();
    await page.waitForFunction((id) => !document.querySelector(`ol.thread > li:has(> #${id}) .replies article.post`), myId);
    await expect(stillSamePage(page)).resolves.toBe(true);

    // Reply again, for the tests that follow.
    await replyToMyPost(page, 'Me too. One step, then reassess.');
    await myReplies().first().waitFor();
  });

  test('the page has no accessibility violations', async () => {
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page);
  });

  test('"Your posts" lists the post and marks replies from others as new', async () => {
    await page.goto(webUrl('/me'));
    await expect(page.locator('.my-list').last().textContent()).resolves.toContain('Patience is hard for me');

    // Someone else, in another browser, replies.
    const other = await openPage(browser, { javaScriptEnabled: false });
    await other.page.goto(webUrl(SECTION));
    await replyToMyPost(other.page, 'Sending you warmth. You are not alone in this.');
    // Without JavaScript the reply is a full navigation, and Playwright's click does not wait for it.
    await myItem(other.page).locator('.you').first().waitFor();
    await expect(myItem(other.page).locator('.you').count()).resolves.toBe(1);
    await other.context.close();

    await page.goto(webUrl('/me'));
    const replies = page.getByRole('region', { name: /Replies to you/ });
    await expect(replies.textContent()).resolves.toContain('Sending you warmth.');
    await expect(replies.locator('.is-new .new').count()).resolves.toBe(1);
    await expectNoAxeViolations(page);

    await page.reload();
    await expect(page.locator('.is-new').count()).resolves.toBe(0);
  });

  test('no script errors or hydration warnings along the way', () => {
    expect(problems).toEqual([]);
  });
});
