import type { Browser } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';

const PAGES: Array<[string, string, number]> = [
  ['the home page', '/', 200],
  ['the article', ARTICLE, 200],
  ['a section and its discussion', `${ARTICLE}/what-real-connection-is-built-on`, 200],
  ['the help page', '/help', 200],
  ['the guidelines', '/guidelines', 200],
  ['your posts', '/me', 200],
  ['your private key', '/key', 200],
  ['the moderators’ sign-in', '/moderate/login', 200],
  ['a page that does not exist', '/articles/no-such-article', 404],
];

describeBrowser('accessibility (axe, WCAG 2.2 AA)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.each(PAGES)('%s has no violations', async (_name, path, status) => {
    const { context, page } = await openPage(browser);
    const response = await page.goto(webUrl(path));
    expect(response?.status()).toBe(status);
    await expectNoAxeViolations(page);
    await context.close();
  });

  // Dark mode follows the system (prefers-color-scheme); contrast stays AA there too.
  test.each(PAGES)('%s has no violations in dark mode', async (_name, path, status) => {
    const { context, page } = await openPage(browser, { colorScheme: 'dark' });
    const response = await page.goto(webUrl(path));
    expect(response?.status()).toBe(status);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r + g + b).toBeLessThan(150);
    await expectNoAxeViolations(page);
    await context.close();
  });

  test('the skip link moves to the main content', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(webUrl(ARTICLE));
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip.evaluate((node) => node === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    await context.close();
  });
});
