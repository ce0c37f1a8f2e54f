// Readers who never posted: reacting and flagging work for them (the web server gets the browser
// a key from the API, silently), the flag control is a link to the post's flag page without
// JavaScript and a form in <details> with it (ADR 027), and the reader only
// ever gets a thank-you, never what happens to someone else's post. A new key's flag reaches a
// moderator but does not hide a post on its own; an established reader's DANGER flag does (ADR 011).
import type { Browser } from 'playwright-core';
import { establishedReaderKey, graphql, sectionId, seedPost } from './support/api';
import { describeBrowser, expectNoAxeViolations, holdKey, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';
import { pageWith } from './support/thread';

const SLUG = 'a-quiet-reminder';
const SECTION = `${ARTICLE}/${SLUG}`;

describeBrowser('readers without a key: reactions and flags', () => {
  let browser: Browser;
  let post: { id: string; authorKey: string };
  let reasons: Array<{ reason: string; title: string; description: string }>;

  beforeAll(async () => {
    browser = await launchBrowser();
    const section = await sectionId('rebuilding-connection', SLUG);
    post = await seedPost({
      sectionId: section,
      body: `Small steps helped us, ${Math.random()
        .toString(36)
        .replace(/[^a-z]/g, '')}.`,
    });
    ({ flagReasons: reasons } = await graphql<{ flagReasons: typeof reasons }>(`
      {
        flagReasons {
          reason
          title
          description
        }
      }
    `));
  });
  afterAll(async () => {
    await browser?.close();
  });

  const article = (page: import('playwright-core').Page) => page.locator(`#post-${post.id}`);
  /** The thread page that shows this post (the shared database has other specs' posts on page 1). */
  const threadOf = async (id: string, authorKey?: string) =>
    pageWith(SECTION, await sectionId('rebuilding-connection', SLUG), id, authorKey);

  test('a reader who never posted can react without JavaScript; the browser gets a key, and a moment to save it', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(await threadOf(post.id));
    expect((await context.cookies()).some((c) => c.name === 'steady_author')).toBe(false);
    const support = article(page).getByRole('button', { name: /^Support/ });
    await support.click();
    await expect(
      article(page)
        .getByRole('button', { name: /^Support/ })
        .getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await expect(article(page).locator('.reactions .form-error').count()).resolves.toBe(0);
    const cookie = (await context.cookies()).find((c) => c.name === 'steady_author');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const key = JSON.parse(Buffer.from(decodeURIComponent(cookie!.value), 'base64').toString('utf8')) as string;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(page.url()).not.toContain(key);
    // The key was made here: the one moment to save it is here too, beside the post (ADR 018), not at the top.
    const item = page.locator(`li:has(> #post-${post.id})`);
    await expect(item.getByRole('heading', { name: 'This browser now holds your private key' }).count()).resolves.toBe(1);
    await expect(page.locator('main > .notice-key').count()).resolves.toBe(0);
    await context.close();
  });

  test('flagging without JavaScript: reasons explained, a note, and a thank-you beside the post', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    const thread = await threadOf(post.id);
    await page.goto(thread);
    // The thread page carries a link, not the form: the flag page asks.
    await expect(article(page).locator('.flag-form').count()).resolves.toBe(0);
    await article(page).getByRole('link', { name: /^Flag/ }).click();
    expect(new URL(page.url()).pathname).toBe(new URL(webUrl(`${SECTION}/flag/${post.id}`)).pathname);
    const form = page.locator('.flag-form');
    // The click starts the navigation; the count waits for the flag page's form.
    await form.waitFor();
    await expect(form.getByRole('radio').count()).resolves.toBe(reasons.length);
    for (const reason of reasons) await expect(form.textContent()).resolves.toContain(reason.description);
    const other = reasons.find((r) => r.reason === 'OTHER') ?? reasons.at(-1)!;
    await form.getByLabel(other.title, { exact: true }).check();
    await form.getByLabel('A note for the moderator (optional)').fill('It felt a little off to me.');
    await form.getByRole('button', { name: 'Send to a moderator' }).click();
    // A fresh browser: the flag made its key, so the page lands back on the thread page it came
    // from, on the notice to save it, beside the post.
    expect(new URL(page.url()).hash).toBe('#key-notice');
    expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe(`${new URL(thread).pathname}${new URL(thread).search}`);
    await expect(page.locator(`li:has(> #post-${post.id}) > #key-notice`).count()).resolves.toBe(1);
    const thanks = article(page).locator('.flag-thanks');
    await expect(thanks.textContent()).resolves.toMatch(/Thank you/);
    await expect(page.locator('main > .notice').count()).resolves.toBe(0);
    await context.close();
  });

  test('a new reader’s DANGER flag is thanked and reaches a moderator, but does not hide the post on its own', async () => {
    const section = await sectionId('rebuilding-connection', SLUG);
    const target = await seedPost({ sectionId: section, body: 'We sat on the porch and said nothing, and it was fine.' });
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(await threadOf(target.id));
    const item = page.locator(`#post-${target.id}`);
    await item.getByRole('link', { name: /^Flag/ }).click();
    await page.getByLabel(reasons[0].title, { exact: true }).check();
    await page.getByRole('button', { name: 'Send to a moderator' }).click();
    await expect(item.locator('.flag-thanks').textContent()).resolves.toMatch(/Thank you/);
    await context.close();

    const later = await openPage(browser, { javaScriptEnabled: false });
    await later.page.goto(await threadOf(target.id));
    await expect(later.page.locator(`#post-${target.id}`).count()).resolves.toBe(1);
    await later.context.close();
  });

  test('flagging with JavaScript answers in place, even when the flag hides the post for others', async () => {
    const { context, page } = await openPage(browser);
    // A reader of standing: their DANGER flag hides the post at once (a new key's would not).
    await holdKey(context, await establishedReaderKey(await sectionId('rebuilding-connection', 'where-to-go-next')));
    const thread = await threadOf(post.id);
    await page.goto(thread);
    await page.locator('#new-post input[name="_js"]').waitFor({ state: 'attached' });
    // The form is drawn only once "Flag" is opened: it is not in every post's HTML.
    await expect(article(page).locator('.flag-form').count()).resolves.toBe(0);
    await article(page).locator('summary', { hasText: 'Flag' }).click();
    const form = article(page).locator('.flag-form');
    // DANGER comes first, and one such flag from a reader of standing hides the post pending review.
    expect(reasons[0].reason).toBe('DANGER');
    await form.getByLabel(reasons[0].title, { exact: true }).check();
    // axe needs JavaScript in the page, so the open form is checked here.
    await expectNoAxeViolations(page);
    await form.getByRole('button', { name: 'Send to a moderator' }).click();
    await article(page).locator('.flag-thanks').waitFor();
    await expect(article(page).locator('.flag-thanks').textContent()).resolves.toMatch(/Thank you/);
    expect(new URL(page.url()).pathname).toBe(new URL(webUrl(SECTION)).pathname);
    await context.close();

    // Another reader, later: the post waits for a moderator, and says nothing about why.
    const later = await openPage(browser, { javaScriptEnabled: false });
    await later.page.goto(thread);
    await expect(article(later.page).count()).resolves.toBe(0);
    await later.context.close();
  });

  test('without JavaScript, when the flag hides the post, the thank-you still comes, above the thread', async () => {
    const section = await sectionId('rebuilding-connection', SLUG);
    const other = await seedPost({ sectionId: section, body: 'We started with a short walk after dinner.' });
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await holdKey(context, await establishedReaderKey(await sectionId('rebuilding-connection', 'where-to-go-next')));
    await page.goto(await threadOf(other.id));
    const item = page.locator(`#post-${other.id}`);
    await item.getByRole('link', { name: /^Flag/ }).click();
    await page.getByLabel(reasons[0].title, { exact: true }).check();
    await page.getByRole('button', { name: 'Send to a moderator' }).click();
    await expect(page.locator(`#post-${other.id}`).count()).resolves.toBe(0);
    await expect(page.locator('.discussion > .notice[role="status"]').textContent()).resolves.toMatch(/Thank you/);
    await context.close();
  });

  test('there is no flag on your own post', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await holdKey(context, post.authorKey);
    await page.goto(await threadOf(post.id, post.authorKey));
    await expect(article(page).locator('.you').count()).resolves.toBe(1);
    await expect(article(page).getByRole('link', { name: /^Flag/ }).count()).resolves.toBe(0);
    await expect(article(page).locator('summary', { hasText: 'Flag' }).count()).resolves.toBe(0);
    await context.close();
  });
});
