// What the post form does with the tone rules' answers (the rules themselves are tested in
// packages/moderation and the API): a nudge keeps the words and offers two choices (edit them, or
// post as it is and a moderator reads it first), "Post as it is" holds the post for a moderator,
// and a crisis shows help first. JavaScript off: plain forms all the way. The thread is shared with
// other specs, so the held post is found by the address the redirect lands on, not on page 1.
import type { Browser } from 'playwright-core';
import { describeBrowser, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';

const SECTION = `${ARTICLE}/what-quietly-undermines-reconnection`;

describeBrowser('the post form and the tone rules', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a nudge keeps the words and offers two choices; posting as it is waits for a moderator, visible to its author only', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(webUrl(SECTION));
    const words = 'Just leave him, you should divorce now.';
    await page.getByLabel('Share your thoughts').fill(words);
    await page.getByRole('button', { name: 'Post', exact: true }).click();

    const field = page.getByLabel('Share your thoughts');
    await expect(field.inputValue()).resolves.toBe(words);
    const nudge = page.locator('#new-post .nudge');
    await expect(nudge.textContent()).resolves.toMatch(/\S/);
    expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain(await nudge.getAttribute('id'));
    // Two choices, editing first; the Post button that would send the same words again steps aside.
    const form = page.locator('#new-post');
    await expect(form.locator('.nudge-choices button').allTextContents()).resolves.toEqual(['Edit my words', 'Post as it is']);
    await expect(form.getByRole('button', { name: 'Post', exact: true }).count()).resolves.toBe(0);
    await expect(form.getByText('a moderator will read it first', { exact: false }).count()).resolves.toBe(1);

    await page.getByRole('button', { name: 'Post as it is' }).click();
    // The redirect lands on the page of the thread that holds the new post (ADR 018).
    await page.waitForURL((url) => /^#post-\d+$/.test(url.hash));
    const landedAt = page.url();
    const heldId = new URL(landedAt).hash.slice(1);
    const mine = page.locator(`#${heldId}`);
    await expect(mine.locator('.post-body').textContent()).resolves.toContain(words);
    await expect(mine.locator('.post-status').textContent()).resolves.toMatch(/Waiting for a moderator/);
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/moderator/i);

    await page.goto(webUrl('/me'));
    const listed = page.locator(`#my-${heldId}`);
    await expect(listed.locator('.status').textContent()).resolves.toBe('Waiting for a moderator');
    await expect(listed.locator('.review-message').textContent()).resolves.toMatch(/\S/);

    const stranger = await openPage(browser, { javaScriptEnabled: false });
    await stranger.page.goto(landedAt);
    await expect(stranger.page.locator(`#${heldId}`).count()).resolves.toBe(0);
    await stranger.context.close();
    await context.close();
  });

  test('a post in crisis is met with help first, before anything else', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(webUrl(SECTION));
    await page.getByLabel('Share your thoughts').fill('I want to kill myself tonight.');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/help');
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/\S/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('If you are in danger');
    await expect(page.getByText('988', { exact: false }).count()).resolves.toBeGreaterThan(0);
    await context.close();
  });
});
