// Readers and repliers (issue 13): one's own post offers no reactions, only how others responded;
// on a busy thread, skip links take a keyboard user past every post's buttons to the post box and
// to the next page of posts. Desktop 1280 and phone 390, JavaScript off and on.
import type { Browser, Page } from 'playwright-core';
import { graphql, sectionId, seedPost } from './support/api';
import { describeBrowser, expectNoAxeViolations, holdKey, launchBrowser, openPage, SCREENS_AND_SCRIPT, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';
import { pageWith } from './support/thread';

const SLUG = 'what-real-connection-is-built-on';
const SECTION = `${ARTICLE}/${SLUG}`;

function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return '';
    if (element.matches('#new-post textarea')) return 'the post box';
    return `${element.tagName.toLowerCase()}: ${element.textContent?.trim() ?? ''}`;
  });
}

describeBrowser('a busy thread', () => {
  let browser: Browser;
  let others: { id: string; authorKey: string };
  let mine: { id: string; authorKey: string };
  beforeAll(async () => {
    browser = await launchBrowser();
    const id = await sectionId('rebuilding-connection', SLUG);
    others = await seedPost({ sectionId: id, body: 'What helped us most was a weekly walk, no agenda.' });
    // More than a page of posts by one author: the thread goes on to a second page.
    let key: string | undefined;
    for (let i = 1; i <= 21; i++) {
      const post = await seedPost({ sectionId: id, body: `A small thing that helped, number ${i}.` }, key);
      key = post.authorKey;
      if (i === 1) mine = post;
    }
    await graphql(
      `
        mutation ($id: ID!) {
          react(postId: $id, kind: SUPPORT) {
            id
          }
        }
      `,
      { id: mine.id },
      others.authorKey,
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(SCREENS_AND_SCRIPT)('on a $name, JavaScript $js', ({ viewport, javaScriptEnabled }) => {
    test('one’s own post shows how others responded, with nothing to press; others’ posts can be reacted to', async () => {
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await holdKey(context, mine.authorKey);
      // The thread is shared with other specs (past one page): open the page that holds each post.
      const id = await sectionId('rebuilding-connection', SLUG);
      await page.goto(await pageWith(SECTION, id, mine.id));
      const own = page.locator(`#post-${mine.id}`);
      await expect(own.locator('.you').count()).resolves.toBe(1);
      await expect(own.locator('.reactions button').count()).resolves.toBe(0);
      await expect(own.locator('.reaction-counts').textContent()).resolves.toBe('How others responded: Support 1');
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      await page.goto(await pageWith(SECTION, id, others.id));
      await expect(page.locator(`#post-${others.id} .reactions button`).count()).resolves.toBe(4);
      await context.close();
    });

    test('skip links pass every post: to the post box, and to the next page of posts', async () => {
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await page.goto(webUrl(SECTION));
      if (javaScriptEnabled) await page.locator('#new-post input[name="_js"]').waitFor({ state: 'attached' });
      // Right after the discussion's introduction, before the first post's buttons.
      await page.locator('.discussion-intro a').focus();
      await page.keyboard.press('Tab');
      await expect(focused(page)).resolves.toBe('a: Skip to the post box');
      await page.keyboard.press('Enter');
      // Without JavaScript the page jumps there and the next Tab lands in the box; with it, focus goes in.
      if (!javaScriptEnabled) await page.keyboard.press('Tab');
      await expect(focused(page)).resolves.toBe('the post box');

      await page.locator('.discussion-intro a').focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await expect(focused(page)).resolves.toBe('a: Skip to more posts');
      await page.keyboard.press('Enter');
      if (!javaScriptEnabled) await page.keyboard.press('Tab');
      await expect(focused(page)).resolves.toMatch(/^a: Show more posts/);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.searchParams.has('after'));
      // The last page has nothing further to skip to. Other specs may have added posts to this
      // section, so go on to the real last page, by full loads (no stale page while one renders).
      await page.goto(page.url());
      for (let more = page.getByRole('link', { name: /^Show more posts/ }); (await more.count()) > 0;) {
        await page.goto(new URL((await more.getAttribute('href'))!, page.url()).toString());
      }
      await page.locator('.thread').waitFor();
      await expect(page.getByRole('link', { name: 'Skip to more posts' }).count()).resolves.toBe(0);
      await expect(page.getByRole('link', { name: 'Skip to the post box' }).count()).resolves.toBe(1);
      await context.close();
    });
  });
});
