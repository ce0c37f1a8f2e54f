// The gentle hint while typing (JavaScript only): the tone rules run in the browser and point at
// the words, quoting the article; it goes away when the words change. The guidelines page shows
// the same words the hints use.
import type { Browser } from 'playwright-core';
import { graphql } from './support/api';
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';

const SECTION = `${ARTICLE}/what-quietly-undermines-reconnection`;

describeBrowser('the tone hint and the guidelines', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('typing an ultimatum shows a hint with the words highlighted; editing them away removes it', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(webUrl(SECTION));
    const field = page.getByLabel('Share your thoughts');
    await field.pressSequentially('We talked for a while. Give him an ultimatum: it is over unless he changes.', {
      delay: 5,
    });
    const hint = page.locator('#new-post .tone-hint');
    await hint.waitFor();
    await expect(page.locator('#new-post [aria-live="polite"] .tone-hint').count()).resolves.toBe(1);
    await expect(hint.locator('mark').first().textContent()).resolves.toMatch(/ultimatum/i);
    // One message: the rule's sentence, not also its guideline quote (a near copy of it).
    await expect(hint.locator('blockquote').count()).resolves.toBe(0);
    await expect(hint.locator('.tone-hint-message').textContent()).resolves.toMatch(/\S/);
    // The hint never takes the focus away from the words.
    await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expectNoAxeViolations(page);

    await field.fill('');
    await field.pressSequentially('We talked for a while. I hope we can keep talking.', { delay: 5 });
    await hint.waitFor({ state: 'detached' });
    await expect(page.locator('#new-post .tone-hint').count()).resolves.toBe(0);
    await context.close();
  });

  test('words of despair get a kind pointer to help instead', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(webUrl(SECTION));
    await page.getByLabel('Share your thoughts').pressSequentially('I want to kill myself tonight.', { delay: 5 });
    const care = page.locator('#new-post .tone-hint-care');
    await care.waitFor();
    await expect(care.getByRole('link').getAttribute('href')).resolves.toBe('/help');
    await context.close();
  });

  test('the guidelines page shows each rule with the article’s quote and the words the nudges use', async () => {
    const { guidelines } = await graphql<{
      guidelines: Array<{ title: string; quote: string; message: string; description: string }>;
    }>(`
      {
        guidelines {
          title
          quote
          message
          description
        }
      }
    `);
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(webUrl('/guidelines'));
    const text = (await page.locator('main').textContent()) ?? '';
    for (const rule of guidelines) {
      expect(text).toContain(rule.title);
      expect(text).toContain(rule.message);
      if (rule.description !== rule.message) expect(text).not.toContain(rule.description);
    }
    await expect(page.getByRole('heading', { level: 2 }).count()).resolves.toBeGreaterThanOrEqual(3);
    await context.close();
  });
});
