// The private key (issue 13): a browser that got its key by reacting, not by posting, can still
// show it, on a deliberate press, to carry it to another device; and a person on a shared
// computer can make this browser forget it, after a clear warning. Plain forms: JavaScript off
// and on, on a 1280 px desktop and a 390 px phone.
import type { Browser, Page } from 'playwright-core';
import { sectionId, seedPost } from './support/api';
import { describeBrowser, expectNoAxeViolations, heldKey, launchBrowser, openPage, SCREENS_AND_SCRIPT, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';

const SLUG = 'a-quiet-reminder';
const SECTION = `${ARTICLE}/${SLUG}`;

/** A reader who never posted reacts to a post: the browser quietly gets a key. */
async function reactFirst(page: Page, postId: string) {
  await page.goto(webUrl(SECTION));
  const support = page.locator(`#post-${postId}`).getByRole('button', { name: /^Support/ });
  // With JavaScript the button shows itself pressed at once; the key comes with the answer.
  const answered = page.waitForResponse((response) => response.request().method() === 'POST');
  await support.click();
  await answered;
  await page.locator(`#post-${postId}`).locator('button[aria-pressed="true"]').waitFor();
}

describeBrowser('the private key', () => {
  let browser: Browser;
  let post: { id: string };
  beforeAll(async () => {
    browser = await launchBrowser();
    post = await seedPost({
      sectionId: await sectionId('rebuilding-connection', SLUG),
      body: 'Some evenings we just sit together now, and that is enough.',
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(SCREENS_AND_SCRIPT)('on a $name, JavaScript $js', ({ viewport, javaScriptEnabled }) => {
    test('a key got by reacting can be shown on this device, as often as needed, and never in the address', async () => {
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await reactFirst(page, post.id);
      const key = await heldKey(context);
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);

      await page.goto(webUrl('/key'));
      await expect(page.getByRole('heading', { name: 'Show my key on this device' }).count()).resolves.toBe(1);
      await expect(page.locator('main').textContent()).resolves.toMatch(/no one is looking over your shoulder/);
      await expect(page.locator('.key-box').count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Show my key on this device' }).click();
      const shown = page.getByLabel('Your private key');
      await shown.waitFor();
      await expect(shown.textContent()).resolves.toBe(key);
      expect(page.url()).not.toContain(key!);
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      // Not only once: a later, deliberate press shows it again.
      await page.goto(webUrl('/key'));
      await expect(page.locator('.key-box').count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Show my key on this device' }).click();
      await page.getByLabel('Your private key').waitFor();
      await expect(page.getByLabel('Your private key').textContent()).resolves.toBe(key);
      await context.close();
    });

    test('“Forget me on this device” warns first, then clears the key from this browser', async () => {
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await reactFirst(page, post.id);
      expect(await heldKey(context)).not.toBeNull();

      await page.goto(webUrl('/me'));
      await page.getByRole('link', { name: 'forget me on this device' }).click();
      await page.waitForURL((url) => url.pathname === '/key');
      const forget = page.locator('#forget');
      await expect(forget.textContent()).resolves.toMatch(/the key will be gone from this browser/);
      await expect(forget.textContent()).resolves.toMatch(/Without a saved copy, those posts can't be edited/);
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      await forget.getByRole('button', { name: 'Forget me on this device' }).click();

      await page.waitForURL((url) => url.pathname === '/me');
      await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/This browser has forgotten your key/);
      await expect(page.locator('main').textContent()).resolves.toMatch(/You haven't posted from this browser yet/);
      expect(await heldKey(context)).toBeNull();
      // Nothing left to show, and no way to forget twice.
      await page.goto(webUrl('/key'));
      await expect(page.getByRole('button', { name: 'Show my key on this device' }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Forget me on this device' }).count()).resolves.toBe(0);
      await context.close();
    });
  });
});
