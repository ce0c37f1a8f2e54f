// Search (issue 13, ADR 019): a search box on the article and on each section page, a results
// page that works with JavaScript off, each hit linking to the page of its thread that shows it,
// pending posts never among the results, calm words when nothing matches. Desktop and phone,
// JavaScript off and on, axe clean.
import type { Browser, Page } from 'playwright-core';
import { graphql, sectionId, seedPost } from './support/api';
import {
  describeBrowser,
  expectNoAxeViolations,
  horizontalOverflow,
  launchBrowser,
  openPage,
  SCREENS_AND_SCRIPT,
  webUrl,
} from './support/browser';
import { ARTICLE } from './support/fixtures';

const SECTION_SLUG = 'a-quiet-reminder';
// A word no other spec writes, new on every run (the browser specs share one database).
const WORD = `wisteria${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

async function searchFrom(page: Page, label: RegExp | string, words: string, javaScriptEnabled: boolean) {
  const box = page.getByRole('searchbox', { name: label });
  await box.fill(words);
  await box.press('Enter');
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === words);
  if (javaScriptEnabled) await page.locator('.search-status').waitFor();
}

describeBrowser('searching the conversations', () => {
  let browser: Browser;
  let onFirstPage: { id: string };
  let bestMatch: { id: string };
  let held: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    const section = await sectionId('rebuilding-connection', SECTION_SLUG);
    const first = await seedPost({ sectionId: section, body: 'We started with ten quiet minutes each evening.' });
    onFirstPage = await seedPost({
      sectionId: section,
      body: `The ${WORD} by the gate reminded me of our first home.`,
      parentId: first.id,
    });
    // Which page of the thread a hit opens is the API's to find (apps/api/test/search.spec.ts walks a
    // thread longer than a page): this spec fills no thread past a page, since other specs read the
    // first page of this one on the same database.
    bestMatch = await seedPost({
      sectionId: section,
      body: `We planted ${WORD} together. ${WORD} grows slowly, and so did we; the ${WORD} is in flower now.`,
    });
    const heldPost = await graphql<{ createPost: { outcome: string; post: { id: string } } }>(
      `
        mutation ($input: CreatePostInput!) {
          createPost(input: $input) {
            outcome
            post {
              id
            }
          }
        }
      `,
      { input: { sectionId: section, body: `You are pathetic, grow up. ${WORD}` } },
    );
    expect(heldPost.createPost.outcome).toBe('HELD');
    held = heldPost.createPost.post.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(SCREENS_AND_SCRIPT)('on a $name, JavaScript $js', ({ viewport, javaScriptEnabled }) => {
    test('from the article, the best match first, the count said, a held post never shown; a hit opens its thread’s page at the post', async () => {
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await page.goto(webUrl(ARTICLE));
      await searchFrom(page, 'Search the conversations', WORD, javaScriptEnabled);

      await expect(page.getByRole('status').textContent()).resolves.toBe(`2 posts match “${WORD}”.`);
      const hits = page.locator('.search-hit');
      await expect(hits.count()).resolves.toBe(2);
      // The post that says it three times ranks first; both are marked where the word is.
      await expect(hits.nth(0).locator('a').getAttribute('href')).resolves.toMatch(
        new RegExp(`^${ARTICLE}/${SECTION_SLUG}(\\?after=[\\w-]+)?#post-${bestMatch.id}$`),
      );
      await expect(hits.nth(1).locator('a').getAttribute('href')).resolves.toBe(`${ARTICLE}/${SECTION_SLUG}#post-${onFirstPage.id}`);
      await expect(hits.nth(1).locator('a').textContent()).resolves.toBe('A reply in “A quiet reminder”');
      await expect(hits.nth(0).locator('mark').first().textContent()).resolves.toBe(WORD);
      await expect(page.locator(`a[href$="#post-${held}"]`).count()).resolves.toBe(0);
      await expect(page.getByText('You are pathetic').count()).resolves.toBe(0);
      await expect(page.getByRole('searchbox', { name: 'Words to look for' }).inputValue()).resolves.toBe(WORD);
      await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      await hits.nth(0).locator('a').click();
      await page.waitForURL((url) => url.pathname === `${ARTICLE}/${SECTION_SLUG}` && url.hash === `#post-${bestMatch.id}`);
      const target = page.locator(`#post-${bestMatch.id}`);
      await target.waitFor();
      await expect(target.textContent()).resolves.toContain(`We planted ${WORD} together.`);
      await context.close();
    });

    test('from a section page; nothing found is said calmly; an empty search only asks for words', async () => {
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await page.goto(webUrl(`${ARTICLE}/${SECTION_SLUG}`));
      const nothing = `${WORD}zzz`;
      await searchFrom(page, /^Search the conversations of/, nothing, javaScriptEnabled);
      await expect(page.getByRole('status').textContent()).resolves.toBe(`Nothing in these conversations matches “${nothing}” yet.`);
      await expect(page.locator('.search-hit').count()).resolves.toBe(0);
      await expect(page.getByText('Other words may find it').count()).resolves.toBe(1);
      await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      const box = page.getByRole('searchbox', { name: 'Words to look for' });
      await box.fill('   ');
      await box.press('Enter');
      await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === '   ');
      await page.locator('h1').waitFor();
      await expect(page.getByRole('status').textContent()).resolves.toBe('');
      await expect(page.locator('.field-error').count()).resolves.toBe(0);
      await context.close();
    });
  });
});
