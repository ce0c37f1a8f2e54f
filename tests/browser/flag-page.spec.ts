// The flag page (ADR 027): without JavaScript "Flag" is a link beside each post to
// /articles/:slug/:section/flag/:post, which quotes the post, asks the same questions as the
// in-place form and sends the person back where they came from, beside the post, with the
// thank-you (and the moment to save a key the flag made). `back` leads only to this section's own
// pages. A post that is not there to flag (another section's, hidden, one's own, removed) is a 404.
import type { Browser } from 'playwright-core';
import { approveAfterwards, graphql, sectionId, seedPost } from './support/api';
import { describeBrowser, expectNoAxeViolations, holdKey, launchBrowser, openPage, SCREENS_AND_SCRIPT, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';
import { pageWith } from './support/thread';

const SLUG = 'a-quiet-reminder';
const SECTION = `${ARTICLE}/${SLUG}`;
const KEY_HEADING = 'This browser now holds your private key';
const tag = () =>
  Math.random()
    .toString(36)
    .replace(/[^a-z]/g, '');

const flagPage = (postId: string, back?: string) =>
  webUrl(`${SECTION}/flag/${postId}${back === undefined ? '' : `?back=${encodeURIComponent(back)}`}`);
const pathAndQuery = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

describeBrowser('the flag page', () => {
  let browser: Browser;
  let section: string;
  const held: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    section = await sectionId('rebuilding-connection', SLUG);
  });
  afterAll(async () => {
    await approveAfterwards(held, 'flag-page');
    await browser?.close();
  });

  test('a thread page carries a link per post, not the form', async () => {
    const target = await seedPost({ sectionId: section, body: `Words to read, not to flag (${tag()}).` });
    const html = await (await fetch(await pageWith(SECTION, section, target.id))).text();
    expect(html).toContain(`/flag/${target.id}?back=`);
    expect(html).not.toContain('name="reason"');
    expect(html).not.toContain('class="flag-form"');
  });

  describe.each(SCREENS_AND_SCRIPT)('$name, JavaScript $js', ({ viewport, javaScriptEnabled }) => {
    test('Flag → the flag page → send → back beside the post, with the thank-you and the key', async () => {
      const body = `Something that worried a reader (${tag()}).`;
      const target = await seedPost({ sectionId: section, body });
      const thread = await pageWith(SECTION, section, target.id);
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      if (javaScriptEnabled) {
        // With JavaScript "Flag" opens in place; the page is where its link leads before that (and from elsewhere).
        await page.goto(flagPage(target.id, pathAndQuery(thread)));
      } else {
        await page.goto(thread);
        await page.locator(`#post-${target.id}`).getByRole('link', { name: /^Flag/ }).click();
      }
      expect(new URL(page.url()).pathname).toBe(`${SECTION}/flag/${target.id}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Flag a post for a moderator');
      await expect(page.locator('.flag-quote blockquote').textContent()).resolves.toContain(body);
      const pseudonym = (await page.locator('.flag-quote .pseudonym').textContent())!;
      await expect(page.locator('.flag-form .hint').first().textContent()).resolves.toContain(`${pseudonym} will not know who flagged it.`);
      // The way back, without flagging, leads to the post on the page the reader came from.
      const back = await page.getByRole('link', { name: 'Back to the discussion, without flagging' }).getAttribute('href');
      expect(back).toBe(`${pathAndQuery(thread)}#post-${target.id}`);

      await page.locator('.flag-form input[type="radio"]').last().check();
      await page.getByLabel('A note for the moderator (optional)').fill('It felt a little off to me.');
      await page.getByRole('button', { name: 'Send to a moderator' }).click();
      const item = page.locator(`li:has(> #post-${target.id})`);
      await item.locator('.flag-thanks').waitFor();
      await expect(item.locator('.flag-thanks').textContent()).resolves.toMatch(/Thank you/);
      expect(pathAndQuery(page.url())).toBe(pathAndQuery(thread));
      // A fresh browser: the flag made its key, and the moment to save it is beside the post (ADR 018).
      expect(new URL(page.url()).hash).toBe('#key-notice');
      await expect(item.getByRole('heading', { name: KEY_HEADING }).count()).resolves.toBe(1);
      await expect(page.locator('main > .notice-key').count()).resolves.toBe(0);
      await context.close();
    });
  });

  test('with JavaScript, the flag page passes axe, and "Flag" on the thread opens in place', async () => {
    const target = await seedPost({ sectionId: section, body: `A post to look at closely (${tag()}).` });
    const thread = await pageWith(SECTION, section, target.id);
    const { context, page } = await openPage(browser);
    await page.goto(flagPage(target.id, pathAndQuery(thread)));
    await page.locator('.flag-form input[type="radio"]').first().waitFor();
    await expectNoAxeViolations(page);
    await page.goto(thread);
    await page.locator('#new-post input[name="_js"]').waitFor({ state: 'attached' });
    const article = page.locator(`#post-${target.id}`);
    await expect(article.getByRole('link', { name: /^Flag/ }).count()).resolves.toBe(0);
    await article.locator('summary', { hasText: 'Flag' }).click();
    // Drawn once opened (after the toggle event): wait for it, then count.
    await article.locator('.flag-form').waitFor();
    await expect(article.locator('.flag-form input[type="radio"]').count()).resolves.toBeGreaterThan(1);
    await context.close();
  });

  test('a `back` that is not this section’s thread or replies page leads to the first page', async () => {
    const target = await seedPost({ sectionId: section, body: `A post flagged from an odd address (${tag()}).` });
    for (const back of ['https://example.com/', '//example.com/x', `${ARTICLE}/where-to-go-next`, '/me']) {
      const { context, page } = await openPage(browser, { javaScriptEnabled: false });
      await page.goto(flagPage(target.id, back));
      await expect(page.getByRole('link', { name: 'Back to the discussion, without flagging' }).getAttribute('href')).resolves.toBe(
        `${SECTION}#post-${target.id}`,
      );
      await page.locator('.flag-form input[type="radio"]').last().check();
      await page.getByRole('button', { name: 'Send to a moderator' }).click();
      await page.locator('.flag-thanks, .discussion > .notice[role="status"]').first().waitFor();
      expect(new URL(page.url()).origin).toBe(new URL(webUrl('/')).origin);
      expect(new URL(page.url()).pathname).toBe(SECTION);
      expect(new URL(page.url()).search).toBe('');
      await context.close();
    }
  });

  test('a post that is not there to flag is a calm 404', async () => {
    const mine = await seedPost({ sectionId: section, body: `My own words (${tag()}).` });
    const elsewhere = await seedPost({
      sectionId: await sectionId('rebuilding-connection', 'where-to-go-next'),
      body: `Another section (${tag()}).`,
    });
    const removed = await seedPost({ sectionId: section, body: `Words I took back (${tag()}).` });
    await graphql(
      `
        mutation ($id: ID!) {
          deletePost(id: $id) {
            id
          }
        }
      `,
      { id: removed.id },
      removed.authorKey,
    );
    const waiting = await graphql<{ createPost: { post: { id: string } | null; outcome: string } }>(
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
      { input: { sectionId: section, body: 'You are pathetic, grow up.', acknowledgeNudge: true } },
    );
    expect(waiting.createPost.outcome).toBe('HELD');
    held.push(waiting.createPost.post!.id);

    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await holdKey(context, mine.authorKey);
    for (const id of [mine.id, elsewhere.id, removed.id, waiting.createPost.post!.id, '999999999', 'abc']) {
      const response = await page.goto(flagPage(id));
      expect([id, response?.status()]).toEqual([id, 404]);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe("We couldn't find that page");
      await expect(page.locator('.flag-form').count()).resolves.toBe(0);
    }
    await context.close();
  });
});
