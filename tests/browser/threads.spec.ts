import type { Browser } from 'playwright-core';
import { seedPost, sectionId } from './support/api';
import { describeBrowser, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';
import { pageWith } from './support/thread';

describeBrowser('long and deep threads', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('"Show more posts" pages through a long thread with a cursor link', async () => {
    const id = await sectionId('rebuilding-connection', 'where-to-go-next');
    // This run's own words (letters only): an earlier run on the same database left its 21 too.
    const run = Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
    let key: string | undefined;
    for (let i = 1; i <= 21; i++) {
      key = (await seedPost({ sectionId: id, body: `Thought number ${i} (${run}).` }, key)).authorKey;
    }
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(webUrl(`${ARTICLE}/where-to-go-next`));
    // Other specs may post here too: follow the pages and find all 21, in order, each once.
    const seen: string[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      const items = page.locator('ol.thread > li > article.post .post-body');
      const count = await items.count();
      if (pageNumber === 1) expect(count).toBe(20);
      else expect(new URL(page.url()).searchParams.get('after')).toBeTruthy();
      for (const text of await items.allTextContents()) {
        const found = text.match(/Thought number (\d+) \((\w+)\)\./);
        if (found && found[2] === run) seen.push(found[1]);
      }
      const more = page.getByRole('link', { name: /^Show more posts/ });
      if ((await more.count()) === 0) break;
      await more.click();
      expect(pageNumber).toBeLessThan(10);
    }
    expect(seen).toEqual(Array.from({ length: 21 }, (_, i) => String(i + 1)));
    await page.getByRole('link', { name: 'Back to the first posts' }).click();
    // Counted once the first page is there, not while the last one is still shown.
    await page.waitForURL((url) => !url.searchParams.has('after'));
    await expect(page.locator('ol.thread > li').count()).resolves.toBe(20);

    // A stale or broken cursor starts again from the first posts rather than failing.
    const response = await page.goto(webUrl(`${ARTICLE}/where-to-go-next?after=not-a-cursor`));
    expect(response?.status()).toBe(200);
    await expect(page.locator('ol.thread > li').count()).resolves.toBe(20);
    await context.close();
  });

  test('replies show two levels deep; deeper replies are threaded under the second level', async () => {
    const id = await sectionId('rebuilding-connection', 'intro');
    const root = await seedPost({ sectionId: id, body: 'Root post about steadiness.' });
    const first = await seedPost({ sectionId: id, body: 'First-level reply.', parentId: root.id });
    const second = await seedPost({ sectionId: id, body: 'Second-level reply.', parentId: first.id });
    const third = await seedPost({ sectionId: id, body: 'Third-level reply.', parentId: second.id }, first.authorKey);
    // Several posts with replies on one page: their replies are fetched together.
    const others: Array<[string, string]> = [];
    for (const n of ['one', 'two', 'three']) {
      const other = await seedPost({ sectionId: id, body: `Another root, number ${n}.` });
      await seedPost({ sectionId: id, body: `A reply to root ${n}.`, parentId: other.id });
      others.push([n, other.id]);
    }

    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    // Other specs post here too (the database is shared): open the page that holds this root.
    await page.goto(await pageWith(`${ARTICLE}/intro`, id, root.id));
    const top = page.locator(`ol.thread > li:has(> #post-${root.id})`);
    const level1 = top.locator(':scope > ul.replies > li');
    await expect(level1.count()).resolves.toBe(1);
    await expect(level1.locator(':scope > article .post-body').textContent()).resolves.toContain('First-level reply.');
    const level2 = level1.locator(':scope > ul.replies > li');
    await expect(level2.count()).resolves.toBe(2);
    await expect(level2.nth(0).textContent()).resolves.toContain('Second-level reply.');
    await expect(level2.nth(1).textContent()).resolves.toContain('Third-level reply.');
    const secondName = await level2.nth(0).locator('.pseudonym').textContent();
    await expect(level2.nth(1).locator('.reply-to').textContent()).resolves.toBe(`replying to ${secondName}`);
    await expect(page.locator(`#post-${third.id}`).count()).resolves.toBe(1);
    for (const [n, other] of others) {
      // Usually the same page; a page may end between two of them.
      await page.goto(await pageWith(`${ARTICLE}/intro`, id, other));
      const root = page.locator(`ol.thread > li:has(> #post-${other})`);
      await expect(root.locator(':scope > ul.replies').textContent()).resolves.toContain(`A reply to root ${n}.`);
    }
    await context.close();
  });
});
