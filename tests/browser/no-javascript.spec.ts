import type { Browser } from 'playwright-core';
import { describeBrowser, horizontalOverflow, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE, SECTION_SLUGS, SECTION_TITLES } from './support/fixtures';

describeBrowser('without JavaScript', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the article renders fully on the server', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(webUrl(ARTICLE));
    await expect(page.locator('section.article-section > h2').allTextContents()).resolves.toEqual(SECTION_TITLES);
    await expect(page.getByRole('link', { name: /^Discussion of/ }).count()).resolves.toBe(6);
    await expect(page.getByText('It returns through steadiness.').count()).resolves.toBe(1);
    await context.close();
  });

  test('every section page renders its text and discussion area', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    for (const slug of SECTION_SLUGS) {
      const response = await page.goto(webUrl(`${ARTICLE}/${slug}`));
      expect(response?.status()).toBe(200);
      await expect(page.locator('.section-text .prose p').count()).resolves.toBeGreaterThan(0);
      await expect(page.getByRole('heading', { name: /^Discussion/ }).count()).resolves.toBe(1);
      await expect(page.getByLabel('Share your thoughts').count()).resolves.toBe(1);
      // An empty discussion invites a first kind post; a busy one shows its thread.
      const heading = (await page.getByRole('heading', { name: /^Discussion/ }).textContent()) ?? '';
      if (heading.includes('(0)')) {
        await expect(page.getByText('No one has written here yet.', { exact: false }).count()).resolves.toBe(1);
      } else {
        await expect(page.locator('ol.thread > li').count()).resolves.toBeGreaterThan(0);
      }
    }
    await context.close();
  });

  test('the help and guidelines pages render', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(webUrl('/help'));
    await expect(page.getByText('988').count()).resolves.toBeGreaterThan(0);
    await page.goto(webUrl('/guidelines'));
    // Grouped by principle, with the article's quotes and the same words the nudges use.
    await expect(page.getByRole('heading', { level: 2 }).allTextContents()).resolves.toEqual(expect.arrayContaining(['Safety', 'Respect']));
    await expect(page.locator('.guideline-list blockquote').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.guideline-message').count()).resolves.toBeGreaterThan(0);
    await context.close();
  });
});

describeBrowser('on a phone (375×812)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.each(['/', ARTICLE, `${ARTICLE}/what-real-connection-is-built-on`, '/help', '/me'])('%s has no horizontal scroll', async (path) => {
    const { context, page } = await openPage(browser, {
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(webUrl(path));
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
    await context.close();
  });
});
