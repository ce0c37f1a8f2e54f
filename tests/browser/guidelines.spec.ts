// The guidelines page (issue 13): it opens with the three conditions and what Steady does, in a
// few lines; the detail (the article's quotes and the words the nudges use) folds open in
// <details>, so it works without JavaScript. Desktop 1280 and phone 390.
import type { Browser } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage, SCREENS_AND_SCRIPT, webUrl } from './support/browser';

describeBrowser('the guidelines page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(SCREENS_AND_SCRIPT)('on a $name, JavaScript $js', ({ viewport, javaScriptEnabled }) => {
    test('opens with the three conditions and the warnings; the detail is folded until asked for', async () => {
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await page.goto(webUrl('/guidelines'));
      const short = page.getByRole('region', { name: 'In short' });
      const words = (await short.textContent())!;
      for (const condition of ['Safety.', 'Predictability.', 'Respect.']) expect(words).toContain(condition);
      expect(words).toMatch(/a moderator reads it first/);
      expect(words).toMatch(/not published/);
      expect(words).toMatch(/in danger/);
      // A few lines: the summary is short, and it is the first thing under the title.
      expect(words.length).toBeLessThan(1200);
      const order = await page.evaluate(() => Array.from(document.querySelectorAll('main h1, main h2'), (h) => h.textContent));
      expect(order.slice(0, 3)).toEqual(['Guidelines', 'In short', 'In detail']);

      // Everything is there, folded: only the summary and the headings are read at first.
      const folds = page.locator('.guidelines details');
      const count = await folds.count();
      expect(count).toBeGreaterThanOrEqual(3);
      for (let i = 0; i < count; i++) await expect(folds.nth(i).evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
      const shown = await page.evaluate(() => document.querySelector('main')!.innerText.length);
      expect(shown).toBeLessThan(3500);
      const all = (await page.locator('main').textContent())!.length;
      expect(all).toBeGreaterThan(shown * 1.5);

      // Opening one shows its guidelines, with the article's words and what Steady says.
      const safety = page.locator('section.principle', {
        has: page.getByRole('heading', { name: 'Safety', exact: true }),
      });
      await safety.locator('summary').click();
      await expect(safety.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
      await expect(safety.locator('.guideline-list > li').first().isVisible()).resolves.toBe(true);
      await expect(safety.locator('blockquote').first().isVisible()).resolves.toBe(true);
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      await context.close();
    });
  });
});
