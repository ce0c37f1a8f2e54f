// The poster's side of issue 13 (ADR 018), walked on a 1280 px desktop and a 390x844 phone, with
// JavaScript off and on: the nudge's two choices, the key notice where the person is, "Your reply
// is up." in place, the page of a new post after a redirect, drafts that survive a failed send and
// a reload, and a rejected post sent again for review from "Your posts".
import type { Browser, Locator, Page } from 'playwright-core';
import { asModeratorAccount, createModerator, graphql, sectionId, seedPost, type Account } from './support/api';
import { describeBrowser, expectNoAxeViolations, holdKey, launchBrowser, openPage, SCREENS_AND_SCRIPT, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';

const NUDGE_SECTION = `${ARTICLE}/what-quietly-undermines-reconnection`;
const KEY_SLUG = 'where-rebuilding-usually-begins';
const KEY_SECTION = `${ARTICLE}/${KEY_SLUG}`;
/** Already past one page of posts (thread-navigation.spec fills it too). */
const LONG_SLUG = 'what-real-connection-is-built-on';
const LONG_SECTION = `${ARTICLE}/${LONG_SLUG}`;
const NUDGE_WORDS = 'Just leave him, you should divorce now.';
const HOLD_WORDS = 'You are pathetic, grow up.';
const KEY_HEADING = 'This browser now holds your private key';

/** Letters only (digits can read as a phone number to the rules): tells this run's words apart. */
const tag = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/** Whole inside the first view of the window, as it is scrolled now. */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  return Boolean(box && box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0 && box.x + box.width <= viewport.width);
}

/** What has the keyboard focus: an element matching `selector`, or inside one. */
function focusWithin(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);
}

/** The bodies of the top-level posts in the key section, as anyone sees them (up to 100, from the first). */
async function graphqlBodies(): Promise<string[]> {
  const id = await sectionId('rebuilding-connection', KEY_SLUG);
  const data = await graphql<{ section: { posts: { edges: Array<{ node: { body: string } }> } } }>(
    `
      query ($id: ID!) {
        section(id: $id) {
          posts(first: 100) {
            edges {
              node {
                body
              }
            }
          }
        }
      }
    `,
    { id },
  );
  return data.section.posts.edges.map((e) => e.node.body);
}

describeBrowser('the poster’s side: nudge, key notice, confirmations, drafts, appeals', () => {
  let browser: Browser;
  let moderator: Account;
  let rejectReason: { id: string; text: string };
  const review = (postId: string, decision: 'APPROVE' | 'REJECT', reason?: string) =>
    asModeratorAccount(moderator, `mutation ($input: ReviewPostInput!) { reviewPost(input: $input) { id } }`, {
      input: { postId, decision, reason },
    });
  /** Held posts of this spec: published afterwards, so the queue is as other specs expect it. */
  const held: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    moderator = await createModerator(`poster-${Date.now().toString(36)}@example.org`, 'MODERATOR');
    const { rejectReasons } = await asModeratorAccount<{ rejectReasons: Array<{ id: string; text: string }> }>(
      moderator,
      `{ rejectReasons { id text } }`,
    );
    rejectReason = rejectReasons[0];
  });
  afterAll(async () => {
    for (const id of held) await review(id, 'APPROVE').catch(() => undefined);
    await browser?.close();
  });

  describe.each(SCREENS_AND_SCRIPT)('on a $name with JavaScript $js', ({ viewport, javaScriptEnabled }) => {
    const phone = viewport.width < 500;

    test('the nudge: two clear choices in view, editing first; one message', async () => {
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await page.goto(webUrl(NUDGE_SECTION));
      const field = page.getByLabel('Share your thoughts');
      const form = page.locator('#new-post');
      await field.fill(NUDGE_WORDS);
      if (javaScriptEnabled) await form.locator('.tone-hint').waitFor(); // the live hint, before sending
      await form.getByRole('button', { name: 'Post', exact: true }).click();
      const panel = form.locator('.nudge-panel');
      await panel.waitFor();

      const edit = form.getByRole('button', { name: 'Edit my words' });
      const asItIs = form.getByRole('button', { name: 'Post as it is' });
      const plainly = form.getByText('a moderator will read it first', { exact: false });
      for (const part of [edit, asItIs, plainly]) expect(await inView(page, part)).toBe(true);
      // Two choices, not three: the Post button that would send the same words again steps aside.
      await expect(form.getByRole('button', { name: 'Post', exact: true }).count()).resolves.toBe(0);
      // One message: the nudge's sentence once in the form (the live hint steps aside, no quote beside it).
      const message = (await panel.locator('.nudge').textContent())!.trim();
      expect(message.length).toBeGreaterThan(10);
      const formText = (await form.innerText()).split(message).length - 1;
      expect(formText).toBe(1);
      await expect(form.locator('.tone-hint').count()).resolves.toBe(0);
      await expect(form.locator('blockquote').count()).resolves.toBe(0);
      if (javaScriptEnabled) {
        expect(await focusWithin(page, '.nudge-choices button:first-child')).toBe(true);
        await expectNoAxeViolations(page);
      }

      if (phone) {
        // Edit my words: back to the words, kept, with the Post button for the changed words.
        await edit.click();
        await form.getByRole('button', { name: 'Post', exact: true }).waitFor();
        await expect(field.inputValue()).resolves.toBe(NUDGE_WORDS);
        // With JavaScript the box has the focus; without, the page comes back at the form, box in view.
        if (javaScriptEnabled) expect(await focusWithin(page, 'textarea[name="body"]')).toBe(true);
        else expect(await inView(page, field)).toBe(true);
        await expect(form.getByRole('button', { name: 'Post as it is' }).count()).resolves.toBe(0);
        if (!javaScriptEnabled) await expect(form.locator('.nudge-reminder').textContent()).resolves.toBe(message);
      } else {
        // Post as it is: held for a moderator, said beside the post, naming the guideline.
        await asItIs.click();
        const mine = page.locator('article.post', { hasText: NUDGE_WORDS }).last();
        await mine.waitFor();
        await expect(mine.locator('.post-status').textContent()).resolves.toMatch(/Waiting for a moderator/);
        held.push((await mine.getAttribute('id'))!.slice('post-'.length));
      }
      await context.close();
    });

    test('a post held by the rules says which guideline it touches', async () => {
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await page.goto(webUrl(NUDGE_SECTION));
      await page.getByLabel('Share your thoughts').fill(HOLD_WORDS);
      await page.locator('#new-post').getByRole('button', { name: 'Post', exact: true }).click();
      const where = javaScriptEnabled ? '#new-post .form-status' : '.written-note .notice-done';
      await page.waitForFunction((selector) => /guideline/.test(document.querySelector(selector)?.textContent ?? ''), where);
      const text = (await page.locator(where).first().textContent())!;
      expect(text).toMatch(/This touches the guideline “[^”]+”: .+ A moderator will read this soon/);
      const mine = page.locator('article.post', { hasText: HOLD_WORDS }).last();
      await mine.waitFor();
      held.push((await mine.getAttribute('id'))!.slice('post-'.length));
      await context.close();
    });

    test('the private key notice after a first post is where the person is, and not at the top', async () => {
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await page.goto(webUrl(KEY_SECTION));
      await page.getByLabel('Share your thoughts').fill(`A first post, to say this section spoke to me (${tag()}).`);
      await page.locator('#new-post').getByRole('button', { name: 'Post', exact: true }).click();
      const heading = page.getByRole('heading', { name: KEY_HEADING });
      await heading.waitFor();
      await expect(heading.count()).resolves.toBe(1);
      await expect(page.locator('main > .notice-key').count()).resolves.toBe(0);
      // Wait for any smooth scrolling to settle, then: the notice is in view.
      await page.waitForTimeout(300);
      expect(await inView(page, heading)).toBe(true);
      expect(await inView(page, page.getByRole('button', { name: 'Show my key' }))).toBe(true);
      if (javaScriptEnabled) {
        // It takes the focus (a screen reader hears it), under the form the person just used.
        expect(await focusWithin(page, '[data-key-notice]')).toBe(true);
        await expect(page.locator('#new-post ~ [data-key-notice]').count()).resolves.toBe(1);
        await expect(page.locator('#new-post .form-status').textContent()).resolves.toMatch(/Your post is up/);
        await expectNoAxeViolations(page);
      } else {
        const id = new URL(page.url()).hash.slice(1);
        expect(id).toMatch(/^post-\d+$/);
        const item = page.locator(`li:has(> #${id})`);
        await expect(item.locator('[data-key-notice]').count()).resolves.toBe(1);
        await expect(item.locator('.notice-done').textContent()).resolves.toMatch(/Your post is up/);
      }
      // The button leads to the key, on this device.
      await page.getByRole('button', { name: 'Show my key' }).click();
      await page.locator('.key-box code').waitFor();
      await expect(page.locator('.key-box code').textContent()).resolves.toMatch(/^[A-Za-z0-9_-]{43}$/);
      await context.close();
    });

    test('a reaction or a flag before any post also leads to the moment to save the key', async () => {
      const id = await sectionId('rebuilding-connection', KEY_SLUG);
      const target = await seedPost({ sectionId: id, body: `Something to respond to, kindly (${tag()}).` });
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await page.goto(webUrl(KEY_SECTION));
      const item = page.locator(`li:has(> #post-${target.id})`);
      if (phone) {
        await item.locator(`#post-${target.id}`).getByRole('button', { name: /^Hug/ }).click();
      } else {
        await item.locator('summary', { hasText: 'Flag' }).click();
        await item.locator('.flag-form input[type="radio"]').last().check();
        await item.getByRole('button', { name: 'Send to a moderator' }).click();
      }
      const heading = item.getByRole('heading', { name: KEY_HEADING });
      await heading.waitFor();
      await page.waitForTimeout(300);
      expect(await inView(page, heading)).toBe(true);
      await expect(page.locator('main > .notice-key').count()).resolves.toBe(0);
      if (javaScriptEnabled) expect(await focusWithin(page, '[data-key-notice]')).toBe(true);
      await context.close();
    });

    test('after a reply or an edit, it says so where the person is looking', async () => {
      const id = await sectionId('rebuilding-connection', KEY_SLUG);
      const other = await seedPost({ sectionId: id, body: `A post someone else wrote (${tag()}).` });
      const mine = await seedPost({ sectionId: id, body: `A post of mine, to edit (${tag()}).` });
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await holdKey(context, mine.authorKey);
      await page.goto(webUrl(KEY_SECTION));

      const parent = page.locator(`#post-${other.id}`);
      const pseudonym = (await parent.locator('.pseudonym').textContent())!;
      await parent.locator('summary', { hasText: 'Reply' }).click();
      await parent.getByLabel(`Your reply to ${pseudonym}`).fill('Thank you, I felt the same this week.');
      await parent.getByRole('button', { name: 'Send reply' }).click();
      const replied = page.locator('.written-note', { hasText: 'Your reply is up.' });
      await replied.waitFor();
      await page.waitForTimeout(300);
      expect(await inView(page, replied)).toBe(true);
      if (javaScriptEnabled) {
        // Beside the Reply button, where the form was, and focused.
        await expect(parent.locator('.written-note').count()).resolves.toBe(1);
        expect(await focusWithin(page, '.written-note')).toBe(true);
        await expectNoAxeViolations(page);
      } else {
        // Beside the new reply, where the redirect lands.
        const landed = new URL(page.url()).hash.slice(1);
        await expect(page.locator(`li:has(> #${landed}) > .written-note`).textContent()).resolves.toContain('Your reply is up.');
        await expect(page.locator(`#${landed} .post-body`).textContent()).resolves.toContain('I felt the same');
      }

      const own = page.locator(`#post-${mine.id}`);
      await own.locator('summary', { hasText: 'Edit' }).click();
      await own.getByLabel('Edit your post').fill('A post of mine, edited with a kinder word.');
      await own.getByRole('button', { name: 'Save changes' }).click();
      const saved = page.locator('.written-note', { hasText: 'Your changes are saved.' });
      await saved.waitFor();
      await page.waitForTimeout(300);
      expect(await inView(page, saved)).toBe(true);
      await expect(page.locator(`#post-${mine.id} .post-body`).textContent()).resolves.toContain('kinder word');
      await context.close();
    });
  });

  test.each([
    { name: 'desktop (1280)', viewport: { width: 1280, height: 800 } },
    { name: 'phone (390)', viewport: { width: 390, height: 844 } },
  ])('without JavaScript, a new post on a long thread opens the page it is on ($name)', async ({ viewport }) => {
    const id = await sectionId('rebuilding-connection', LONG_SLUG);
    const count = async () =>
      (
        await graphql<{ section: { posts: { totalCount: number } } }>(
          `
            query ($id: ID!) {
              section(id: $id) {
                posts(first: 1) {
                  totalCount
                }
              }
            }
          `,
          { id },
        )
      ).section.posts.totalCount;
    let key: string | undefined;
    for (let n = await count(); n < 21; n++)
      key = (await seedPost({ sectionId: id, body: `Filling the thread, kindly (${tag()}).` }, key)).authorKey;

    const { context, page } = await openPage(browser, { viewport, javaScriptEnabled: false });
    await page.goto(webUrl(LONG_SECTION));
    const words = `On a long thread, this lands where it is (${tag()}).`;
    await page.getByLabel('Share your thoughts').fill(words);
    await page.locator('#new-post').getByRole('button', { name: 'Post', exact: true }).click();
    await page.locator('article.post', { hasText: words }).waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get('after')).toBeTruthy();
    expect(url.hash).toMatch(/^#post-\d+$/);
    await expect(page.locator(`${url.hash} .post-body`).textContent()).resolves.toContain(words);
    await expect(page.locator(`li:has(> ${url.hash}) .notice-done`).textContent()).resolves.toMatch(/Your post is up/);
    await context.close();
  });

  describe.each([
    { name: 'desktop (1280)', viewport: { width: 1280, height: 800 } },
    { name: 'phone (390)', viewport: { width: 390, height: 844 } },
  ])('words are never lost, with JavaScript ($name)', ({ viewport }) => {
    test('a send that fails keeps the words in the form and the tab, says so calmly, and can be sent again', async () => {
      const { context, page } = await openPage(browser, { viewport });
      await page.goto(webUrl(KEY_SECTION));
      const field = page.getByLabel('Share your thoughts');
      const words = `Words that must not be lost (${tag()}).`;
      await field.fill(words);
      // The network drops just as the post is sent.
      const sends = (url: URL) => url.pathname.endsWith('.data');
      await page.route(sends, (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
      await page.locator('#new-post').getByRole('button', { name: 'Post', exact: true }).click();
      const error = page.locator('#new-post .form-error');
      await error.waitFor();
      await expect(error.textContent()).resolves.toMatch(/could not be sent just now.*still here/);
      await expect(field.inputValue()).resolves.toBe(words);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Where rebuilding usually begins');
      const stored = () =>
        page.evaluate(() =>
          Object.keys(sessionStorage)
            .filter((k) => k.startsWith('steady-draft:'))
            .map((k) => sessionStorage.getItem(k)),
        );
      await expect(stored()).resolves.toEqual([words]);
      await expectNoAxeViolations(page);

      // A reload (or a closed laptop lid) brings the draft back into the box.
      await page.reload();
      await page.waitForFunction((w) => document.querySelector<HTMLTextAreaElement>('#new-post textarea')?.value === w, words);

      // The connection is back: send again; the draft is then let go.
      await page.unroute(sends);
      await page.locator('#new-post').getByRole('button', { name: 'Post', exact: true }).click();
      // Said under the form (the thread may be past one page here, so the post itself may be on a later one).
      await page.locator('#new-post .form-status', { hasText: 'Your post is up' }).waitFor();
      await expect(page.locator('#new-post .form-error').count()).resolves.toBe(0);
      await expect(graphqlBodies()).resolves.toContain(words);
      await expect(field.inputValue()).resolves.toBe('');
      await expect(stored()).resolves.toEqual([]);
      await page.reload();
      await expect(page.getByLabel('Share your thoughts').inputValue()).resolves.toBe('');
      await context.close();
    });
  });

  describe.each([
    { name: 'desktop (1280)', viewport: { width: 1280, height: 800 }, javaScriptEnabled: false, js: 'off' },
    { name: 'phone (390)', viewport: { width: 390, height: 844 }, javaScriptEnabled: true, js: 'on' },
  ])('a rejected post on “Your posts” ($name, JavaScript $js)', ({ viewport, javaScriptEnabled }) => {
    test('shows the post and the reason, not a link to a thread it is not in, and can be sent again for review once', async () => {
      const id = await sectionId('rebuilding-connection', KEY_SLUG);
      const first = await seedPost({ sectionId: id, body: `Hello, a first kind post (${tag()}).` });
      const rejected = await seedPost({ sectionId: id, body: HOLD_WORDS }, first.authorKey);
      await review(rejected.id, 'REJECT', rejectReason.id);
      const stats = async () =>
        (await asModeratorAccount<{ moderationStats: { appeals: number } }>(moderator, `{ moderationStats { appeals } }`)).moderationStats
          .appeals;
      const before = await stats();

      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await holdKey(context, first.authorKey);
      await page.goto(webUrl('/me'));
      const item = page.locator(`#my-post-${rejected.id}`);
      await expect(item.locator('.post-body').textContent()).resolves.toContain(HOLD_WORDS);
      await expect(item.locator('.review-message').textContent()).resolves.toBe(rejectReason.text);
      await expect(item.getByRole('link', { name: /See it in the thread/ }).count()).resolves.toBe(0);
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      await item.locator('summary', { hasText: 'Edit it and send it again for review' }).click();
      await item.getByLabel('Your words').fill('I was hurt and said it badly. What I meant: I feel unheard.');
      await item.getByRole('button', { name: 'Send it again for review' }).click();
      await page.waitForURL((url) => url.hash === `#my-post-${rejected.id}` && url.pathname === '/me');
      await item.locator('.notice-done').waitFor();
      await expect(item.locator('.notice-done').textContent()).resolves.toMatch(/read it again/);
      await expect(item.locator('.status').textContent()).resolves.toBe('Waiting for a moderator');
      await expect(item.locator('.post-body').textContent()).resolves.toContain('I feel unheard');
      await expect(item.locator('summary', { hasText: 'send it again' }).count()).resolves.toBe(0);
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      // The moderators see it as an appeal, and count it.
      expect(await stats()).toBe(before + 1);
      const { moderationQueue } = await asModeratorAccount<{
        moderationQueue: { edges: Array<{ node: { reasons: string[]; post: { id: string } } }> };
      }>(moderator, `{ moderationQueue(first: 100) { edges { node { reasons post { id } } } } }`);
      expect(moderationQueue.edges.find((e) => e.node.post.id === rejected.id)?.node.reasons).toContain('appeal');
      await review(rejected.id, 'REJECT', rejectReason.id);
      await context.close();
    });
  });
});
