// The other side of the form token (ADR 009): a person whose browser session ended while the
// page stayed open is not lost. Their post is refused once, calmly, with their words kept, and
// sending it again works, with JavaScript and without.
import type { Browser } from 'playwright-core';
import { describeBrowser, launchBrowser, openPage } from '../browser/support/browser';
import { webUrl } from './support/web';

const SECTION_PATH = '/articles/rebuilding-connection/a-quiet-reminder';

describeBrowser('a form from a page left open', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('%s: refused once with the words kept, then sent', async (_name, javaScriptEnabled) => {
    const { context, page } = await openPage(browser, { javaScriptEnabled });
    await page.goto(webUrl(SECTION_PATH));
    if (javaScriptEnabled) await page.locator('#new-post input[name="_js"]').waitFor({ state: 'attached' });
    const words = `Still thinking about this, days later (${Math.random().toString(36).slice(2, 8)}).`;
    const field = page.getByLabel('Share your thoughts');
    await field.fill(words);
    // The browser session ends (its token cookie goes) while the page stays open.
    await context.clearCookies({ name: 'steady_csrf' });

    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const refusal = page.locator('#new-post .form-error');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('please send it again');
    await expect(field.inputValue()).resolves.toBe(words);
    await expect(page.locator('article.post', { hasText: words }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.locator('article.post', { hasText: words }).waitFor();
    await expect(page.locator('article.post', { hasText: words }).count()).resolves.toBe(1);
    await context.close();
  });
});
