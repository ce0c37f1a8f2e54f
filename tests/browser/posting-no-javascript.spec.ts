import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sectionId, seedPost } from './support/api';
import { countInThread, pageWith } from './support/thread';
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';

const SLUG = 'where-rebuilding-usually-begins';
const SECTION = `${ARTICLE}/${SLUG}`;

/** Other specs may post in the same section: this one finds its own post by a tag in its words. */
const TAG = nonce();

describeBrowser('posting and replying without JavaScript', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  /** Someone else's post in the same thread, to react to (one's own post offers no reactions). */
  let other = { id: '' };

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page } = await openPage(browser, { javaScriptEnabled: false }));
    other = await seedPost({
      sectionId: await sectionId('rebuilding-connection', 'where-rebuilding-usually-begins'),
      body: 'We keep a small notebook of good moments now.',
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  /** The thread item (the post and its replies) holding this spec's post, found by its words, then by its id. */
  let myId = '';
  const mine = () =>
    myId
      ? page.locator(`ol.thread > li:has(> #${myId})`)
      : page.locator('ol.thread > li', { has: page.locator(':scope > article.post', { hasText: TAG }) });
  const myPost = () => mine().locator(':scope > article.post');
  const myReplies = () => mine().locator(':scope > ul.replies article.post');

  test('an empty post gets a calm error beside the field', async () => {
    await page.goto(webUrl(SECTION));
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const field = page.getByLabel('Share your thoughts');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    const error = page.locator('.field-error');
    await expect(error.textContent()).resolves.toBe('Write a few words first, whenever you are ready.');
    expect(describedBy.split(' ')).toContain(await error.getAttribute('id'));
  });

  test('a refused post keeps what the person typed', async () => {
    const long = 'I have been thinking about this for a long time. '.repeat(110);
    await page.getByLabel('Share your thoughts').fill(long);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(page.locator('.field-error').textContent()).resolves.toMatch(/5,000 characters/);
    await expect(page.getByLabel('Share your thoughts').inputValue()).resolves.toBe(long);
  });

  test('a post appears, marked as mine, and the browser now holds a key', async () => {
    await page.getByLabel('Share your thoughts').fill(`Reading this (${TAG}), I noticed how often I *push* for answers.`);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL(/#post-\d+$/);
    const post = myPost();
    myId = (await post.getAttribute('id'))!;
    expect(new URL(page.url()).hash).toBe(`#${myId}`);
    await expect(post.locator('.post-body').innerHTML()).resolves.toContain('<em>push</em>');
    await expect(post.locator('.you').textContent()).resolves.toBe('(you)');
    await expect(post.locator('time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d\d-\d\dT/);
    await expect(page.getByRole('heading', { name: 'This browser now holds your private key' }).count()).resolves.toBe(1);

    const cookies = await context.cookies();
    const author = cookies.find((cookie) => cookie.name === 'steady_author');
    expect(author).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(page.url()).not.toContain(decodeKey(author!.value));
  });

  test('a reply appears under the post', async () => {
    const post = myPost();
    const pseudonym = (await post.locator('.pseudonym').textContent())!;
    await post.locator('summary', { hasText: `Reply to ${pseudonym}` }).click();
    await post.getByLabel(`Your reply to ${pseudonym}`).fill('Thank you for saying this. I do the same.');
    await post.getByRole('button', { name: 'Send reply' }).click();
    // The redirect lands on the new reply; until then the old page (at this spec's post) is still shown.
    await page.waitForURL((url) => /^#post-\d+$/.test(url.hash) && url.hash !== `#${myId}`);
    const reply = myReplies();
    await expect(reply.count()).resolves.toBe(1);
    await expect(reply.locator('.post-body').textContent()).resolves.toContain('Thank you for saying this.');
    await expect(reply.locator('.you').count()).resolves.toBe(1);
  });

  test('a reaction is a toggle button with a count, on posts by others only', async () => {
    await expect(myPost().locator('.reactions button').count()).resolves.toBe(0);
    const otherPost = () => page.locator(`#post-${other.id}`);
    const support = otherPost().getByRole('button', { name: /^Support/ });
    await expect(support.getAttribute('aria-pressed')).resolves.toBe('false');
    await support.click();
    const again = otherPost().getByRole('button', { name: /^Support/ });
    await expect(again.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(again.locator('.count').textContent()).resolves.toBe('1');
  });

  test('the page with the thread has no accessibility violations', async () => {
    // axe runs as a script: check the same page, with the same cookies, in a context that allows it.
    const checking = await browser.newContext({ storageState: await context.storageState() });
    const checked = await checking.newPage();
    await checked.goto(page.url());
    await expectNoAxeViolations(checked);
    await checking.close();
  });

  test('an own post can be edited', async () => {
    const post = myPost();
    await post.locator('summary', { hasText: 'Edit your post' }).click();
    await post.getByLabel('Edit your post').fill(`Reading this (${TAG}), I noticed how often I push for answers. Slowing down.`);
    await post.getByRole('button', { name: 'Save changes' }).click();
    const edited = myPost();
    await expect(edited.locator('.post-body').textContent()).resolves.toContain('Slowing down.');
    await expect(edited.locator('.edited').textContent()).resolves.toBe('edited');
  });

  let revealedKey = '';

  test('the key is shown on this device only on a deliberate press', async () => {
    await page.goto(webUrl('/key'));
    await page.getByRole('button', { name: 'Show my key on this device' }).click();
    revealedKey = (await page.locator('.key-box code').textContent()) ?? '';
    const cookie = (await context.cookies()).find((c) => c.name === 'steady_author')!;
    expect(revealedKey).toBe(decodeKey(cookie.value));
    expect(page.url()).not.toContain(revealedKey);
    // A later visit does not show it by itself: it waits for the press again (ADR 016).
    await page.goto(webUrl('/key'));
    await expect(page.locator('.key-box code').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Show my key on this device' }).count()).resolves.toBe(1);
  });

  test('the key carries the posts to another device', async () => {
    const other = await openPage(browser, { javaScriptEnabled: false });
    await other.page.goto(webUrl('/me'));
    await other.page.getByLabel('Your private key').fill('not-a-key-at-all-but-long-enough');
    await other.page.getByRole('button', { name: 'Use this key' }).click();
    const field = other.page.getByLabel('Your private key');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(other.page.locator('#key-error').textContent()).resolves.toMatch(/does not match any posts|does not look like/);

    await other.page.getByLabel('Your private key').fill(revealedKey);
    await other.page.getByRole('button', { name: 'Use this key' }).click();
    await other.page.waitForURL(webUrl('/me'));
    await expect(other.page.getByRole('status').textContent()).resolves.toContain('This device now uses your key.');
    await expect(other.page.locator('.my-list').last().textContent()).resolves.toContain('Slowing down.');
    await other.context.close();
  });

  test('removing a post with a reply leaves a calm placeholder, after a confirm step', async () => {
    // The page of the thread that holds it (other specs fill this thread past one page).
    await page.goto(await pageWith(SECTION, await sectionId('rebuilding-connection', SLUG), myId.replace('post-', '')));
    const post = myPost();
    await post.locator('summary', { hasText: 'Remove your post' }).click();
    await post.getByRole('button', { name: 'Yes, remove my post' }).click();
    await expect(myPost().textContent()).resolves.toContain('removed by its author');
    await expect(myReplies().count()).resolves.toBe(1);
  });

  test("a reply to a removed post gets the API's calm answer beside the form, words kept", async () => {
    // A second tab still showing the post before it was removed.
    await page.goto(webUrl(SECTION));
    const removedId = myId.replace('post-', '');
    const form = page.locator('#new-post');
    await form.evaluate((node, parentId) => {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'parentId';
      input.value = parentId;
      node.appendChild(input);
    }, removedId);
    await page.getByLabel('Share your thoughts').fill('Hoping you are doing all right.');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(page.locator('#new-post .form-error, #new-post .field-error').textContent()).resolves.toMatch(/removed/);
    await expect(page.getByLabel('Share your thoughts').inputValue()).resolves.toBe('Hoping you are doing all right.');
  });
});

describeBrowser('a double-clicked submit', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function formFields(page: Page, body: string) {
    await page.goto(webUrl(SECTION));
    const form = page.locator('#new-post');
    const field = async (name: string) => (await form.locator(`input[name="${name}"]`).getAttribute('value')) ?? '';
    return {
      intent: 'create',
      formId: 'new-post',
      sectionId: await field('sectionId'),
      idempotencyKey: await field('idempotencyKey'),
      // The browser session's form token, as every form carries it (ADR 009).
      csrf: await field('csrf'),
      body,
    };
  }

  test('makes one post, even from a browser that has no key yet', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    const body = `Said once, sent twice (${nonce()}).`;
    const submission = await formFields(page, body);
    expect(submission.idempotencyKey).toMatch(/^[0-9a-f-]{36}/);
    // No key yet: the only cookie this browser holds is its form token's.
    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name)).toEqual(['steady_csrf']);
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    // Both requests leave before either answer (and its cookie) comes back.
    const [one, two] = await Promise.all(
      [context.request, context.request].map(async () => {
        const response = await fetch(webUrl(SECTION), {
          method: 'POST',
          headers: { Cookie: cookie },
          body: new URLSearchParams(submission),
          redirect: 'manual',
        });
        return {
          status: response.status,
          cookie: response.headers.getSetCookie().find((c) => c.startsWith('steady_author=')),
        };
      }),
    );
    expect([one.status, two.status]).toEqual([302, 302]);
    expect(one.cookie).toBeTruthy();
    expect(two.cookie).toBe(one.cookie);

    // One post with these words in the whole thread (it may be past its first page).
    await expect(countInThread(await sectionId('rebuilding-connection', SLUG), body)).resolves.toBe(1);
    await context.close();
  });

  test('makes one post from a browser that holds a key', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(webUrl(SECTION));
    await page.getByLabel('Share your thoughts').fill('A first post, to be given a key.');
    await page.getByRole('button', { name: 'Post', exact: true }).click();

    const body = `Keyed, sent twice (${nonce()}).`;
    const submission = await formFields(page, body);
    const statuses = await Promise.all(
      [1, 2].map(async () => (await context.request.post(webUrl(SECTION), { form: submission, maxRedirects: 0 })).status()),
    );
    expect(statuses).toEqual([302, 302]);
    // One post with these words in the whole thread (it may be past its first page).
    await expect(countInThread(await sectionId('rebuilding-connection', SLUG), body)).resolves.toBe(1);
    await context.close();
  });
});

/** Letters only: digits can read as a phone number to the tone rules, which then hold the post. */
function nonce(): string {
  return Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
}

/** Remix serialises cookie values as base64 JSON. */
function decodeKey(value: string): string {
  return JSON.parse(Buffer.from(decodeURIComponent(value), 'base64').toString('utf8')) as string;
}
