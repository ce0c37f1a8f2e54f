import type { Browser } from 'playwright-core';
import { describeBrowser, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE, ARTICLE_TITLE, SECTION_TITLES } from './support/fixtures';

describeBrowser('the article page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the home page lists the article', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(webUrl('/'));
    const link = page.getByRole('link', { name: ARTICLE_TITLE });
    await link.click();
    await page.waitForURL(webUrl(ARTICLE));
    await context.close();
  });

  test('shows all six sections, each with its heading and its discussion link', async () => {
    const { context, page } = await openPage(browser);
    const response = await page.goto(webUrl(ARTICLE));
    expect(response?.status()).toBe(200);

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(ARTICLE_TITLE);
    const headings = await page.locator('section.article-section > h2').allTextContents();
    expect(headings).toEqual(SECTION_TITLES);

    // Six sections: the untitled intro (named "Introduction") and the five headed ones.
    const regions = page.locator('section.article-section');
    await expect(regions.count()).resolves.toBe(6);
    await expect(regions.first().getAttribute('id')).resolves.toBe('intro');
    for (const title of SECTION_TITLES) {
      await expect(page.getByRole('region', { name: title }).count()).resolves.toBe(1);
    }

    const links = page.getByRole('link', { name: /^Discussion of “.+” \(\d+\)$/ });
    await expect(links.count()).resolves.toBe(6);
    const names = await links.evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(names[0]).toMatch(/^Discussion of “Introduction” \(\d+\)$/);
    expect(names[1]).toMatch(/^Discussion of “What real connection is built on” \(\d+\)$/);
    const hrefs = await links.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    expect(hrefs[0]).toBe(`${ARTICLE}/intro`);
    expect(hrefs[1]).toBe(`${ARTICLE}/what-real-connection-is-built-on`);

    // The article's content is faithful: lists, the quote, the named conditions.
    await expect(page.locator('blockquote').first().textContent()).resolves.toContain('You are safe with me');
    await expect(page.getByText('Predictability.', { exact: true }).count()).resolves.toBe(1);
    await context.close();
  });

  test('a discussion link opens the section with its text and discussion area', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(webUrl(ARTICLE));
    await page.getByRole('link', { name: /^Discussion of “What quietly undermines reconnection”/ }).click();
    await page.waitForURL(webUrl(`${ARTICLE}/what-quietly-undermines-reconnection`));
    await page.getByRole('heading', { level: 1, name: 'What quietly undermines reconnection' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').allTextContents()).resolves.toEqual([
      'Articles',
      ARTICLE_TITLE,
    ]);
    await expect(page.getByText('Trying to talk everything through too soon.').count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: /^Discussion/ }).count()).resolves.toBe(1);
    await expect(page.getByLabel('Share your thoughts').count()).resolves.toBe(1);
    await context.close();
  });

  test('an unknown article or section is a real 404 page with a way back', async () => {
    const { context, page } = await openPage(browser);
    for (const path of ['/articles/no-such-article', `${ARTICLE}/no-such-section`, '/nowhere/at/all']) {
      const response = await page.goto(webUrl(path));
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe("We couldn't find that page");
      await expect(page.getByRole('link', { name: 'Go back to the articles' }).count()).resolves.toBe(1);
    }
    await context.close();
  });

  test('every page has the footer link for people in danger', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(webUrl(`${ARTICLE}/intro`));
    await page.getByRole('contentinfo').getByRole('link', { name: 'If you are in danger' }).click();
    await page.waitForURL(webUrl('/help'));
    await page.getByRole('heading', { level: 1, name: 'If you are in danger' }).waitFor();
    await expect(page.locator('.resources li').count()).resolves.toBeGreaterThan(2);
    await context.close();
  });
});
