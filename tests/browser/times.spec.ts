// Times read as a person says them ("just now", "2 hours ago"), with the full date on hover and
// keyboard focus: in UTC without JavaScript, in the reader's own time zone with it. An own post
// says how long it can still be edited, and why the window closes (issue 13).
import type { Browser } from 'playwright-core';
import { sectionId, seedPost } from './support/api';
import { DESKTOP, describeBrowser, expectNoAxeViolations, holdKey, launchBrowser, openPage, PHONE, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';

const SLUG = 'where-rebuilding-usually-begins';
const SECTION = `${ARTICLE}/${SLUG}`;

describeBrowser('times and the edit window', () => {
  let browser: Browser;
  let post: { id: string; authorKey: string };
  beforeAll(async () => {
    browser = await launchBrowser();
    post = await seedPost({
      sectionId: await sectionId('rebuilding-connection', SLUG),
      body: 'We started with ten minutes of tea after dinner, phones in the other room.',
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each([
    { name: 'desktop (1280)', viewport: DESKTOP },
    { name: 'phone (390)', viewport: PHONE },
  ])('on a $name', ({ viewport }) => {
    test('without JavaScript: a relative time, the UTC date in the title, and the minutes left to edit', async () => {
      const { context, page } = await openPage(browser, {
        viewport,
        javaScriptEnabled: false,
        timezoneId: 'America/New_York',
      });
      await holdKey(context, post.authorKey);
      await page.goto(webUrl(SECTION));
      const mine = page.locator(`#post-${post.id}`);
      const time = mine.locator('time');
      await expect(time.getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d\d-\d\dT/);
      await expect(time.getAttribute('title')).resolves.toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC$/);
      await expect(time.textContent()).resolves.toMatch(/^(just now|\d+ minutes? ago) \(.+ UTC\)$/);
      const summary = mine.locator('summary', { hasText: 'Edit your post' });
      await expect(summary.textContent()).resolves.toMatch(/\((\d+) min left\)/);
      await summary.click();
      await expect(mine.locator('.post-form .hint').textContent()).resolves.toMatch(
        /^You can edit this for \d+ more minutes?\. Posts settle after 30 minutes, so that replies always answer the words their writers read\.$/,
      );
      await context.close();
    });

    test('with JavaScript: the full date in the reader’s time zone, shown on keyboard focus', async () => {
      const { context, page } = await openPage(browser, { viewport, timezoneId: 'America/New_York' });
      await holdKey(context, post.authorKey);
      await page.goto(webUrl(SECTION));
      const time = page.locator(`#post-${post.id} time`);
      await page.waitForFunction((id) => !/UTC/.test(document.querySelector(`#post-${id} time`)!.getAttribute('title')!), post.id);
      await expect(time.getAttribute('title')).resolves.toMatch(/(GMT-5|EST)$/);
      const full = time.locator('.when-full');
      expect((await full.boundingBox())!.width).toBeLessThanOrEqual(1);
      await page.keyboard.press('Tab');
      await time.focus();
      expect((await full.boundingBox())!.width).toBeGreaterThan(20);
      await expect(full.textContent()).resolves.toMatch(/GMT-5|EST/);
      await expectNoAxeViolations(page);
      await context.close();
    });

    test('with JavaScript, once the 30 minutes have passed, the edit tool says so instead of failing later', async () => {
      const { context, page } = await openPage(browser, { viewport, timezoneId: 'America/New_York' });
      await holdKey(context, post.authorKey);
      // The reader's clock, 31 minutes on: the server still offers the edit, the page counts down.
      await page.clock.setFixedTime(Date.now() + 31 * 60_000);
      await page.goto(webUrl(SECTION));
      const mine = page.locator(`#post-${post.id}`);
      await mine.locator('.edit-closed').waitFor();
      await expect(mine.locator('.edit-closed').textContent()).resolves.toMatch(
        /The time to edit this has passed\. Posts settle after 30 minutes/,
      );
      await expect(mine.locator('summary', { hasText: 'Edit your post' }).count()).resolves.toBe(0);
      await expect(mine.locator('time').textContent()).resolves.toMatch(/^3\d minutes ago/);
      await context.close();
    });
  });
});
