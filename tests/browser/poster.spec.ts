// The poster's side of issue 13 (ADR 018), walked on a 1280 px desktop and a 390x844 phone, with
// JavaScript off and on: the nudge's two choices, the key notice where the person is, "Your reply
// is up." in place, the page of a new post after a redirect, drafts that survive a failed send and
// a reload, and a rejected post sent again for review from "Your posts".
//
// Every browser spec shares one database and runs in sequence, so a thread's first page fills with
// other specs' posts: this spec finds the page that holds each post it looks at (support/thread.ts)
// and waits for smooth scrolling and focus to settle (expectInView, expectFocusWithin).
import type { BrowserContext, Browser, Page } from 'playwright-core';
import { asModeratorAccount, createModerator, graphql, sectionId, seedPost, type Account } from './support/api';
import {
  describeBrowser,
  expectFocusWithin,
  expectInView,
  expectNoAxeViolations,
  heldKey,
  holdKey,
  launchBrowser,
  openPage,
  SCREENS_AND_SCRIPT,
  webUrl,
} from './support/browser';
import { ARTICLE } from './support/fixtures';
import { pageWith } from './support/thread';

const NUDGE_SLUG = 'what-quietly-undermines-reconnection';
const NUDGE_SECTION = `${ARTICLE}/${NUDGE_SLUG}`;
/** The section other specs use least (threads.spec seeds a few posts there, and finds its page too). */
const KEY_SLUG = 'intro';
const KEY_SECTION = `${ARTICLE}/${KEY_SLUG}`;
/** Already past one page of posts (thread-navigation.spec fills it too). */
const LONG_SLUG = 'what-real-connection-is-built-on';
const LONG_SECTION = `${ARTICLE}/${LONG_SLUG}`;
const NUDGE_WORDS = 'Just leave him, you should divorce now.';
const HOLD_WORDS = 'You are pathetic, grow up.';
const KEY_HEADING = 'This browser now holds your private key';

/** Letters only (digits can read as a phone number to the rules): tells this run's words apart. */
const tag = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/** The newest post of this browser's key with these words (as its author sees it: waiting ones too). */
async function myPost(context: BrowserContext, words: string): Promise<{ id: string; status: string; key: string }> {
  const key = await heldKey(context);
  if (!key) throw new Error('This browser holds no key yet.');
  const data = await graphql<{ me: { posts: { edges: Array<{ node: { id: string; body: string; status: string } }> } } | null }>(
    `
      {
        me {
          posts(first: 50) {
            edges {
              node {
                id
                body
                status
              }
            }
          }
        }
      }
    `,
    {},
    key,
  );
  const found = (data.me?.posts.edges ?? []).map((e) => e.node).find((p) => p.body === words);
  if (!found) throw new Error('No post of this key has those words.');
  return { id: found.id, status: found.status, key };
}

/** Without JavaScript, a click that sends a form lands once the new address is there (Playwright does not wait for it). */
async function landed(page: Page, hash: RegExp): Promise<void> {
  await page.waitForURL((url) => hash.test(url.hash));
  await page.waitForLoadState('domcontentloaded');
}

describeBrowser('the poster’s side: nudge, key notice, confirmations, drafts, appeals', () => {
  let browser: Browser;
  let moderator: Account;
  let rejectReason: { id: string; text: string };
  const review = (postId: string, decision: 'APPROVE' | 'REJECT', reason?: string) =>
    asModeratorAccount(moderator, `mutation ($input: ReviewPostInput!) { reviewPost(input: $input) { id } }`, {
      input: { postId, decision, reason },
    });
  /**
   * Held posts of this spec: not published afterwards (a moderator would not), so the queue is as
   * other specs expect it and no thread fills with them.
   */
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
    for (const id of held) await review(id, 'REJECT', rejectReason.id).catch(() => undefined);
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
      for (const part of [edit, asItIs, plainly]) await expectInView(page, part);
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
        await expectFocusWithin(page, '.nudge-choices button:first-child');
        await expectNoAxeViolations(page);
      }

      if (phone) {
        // Edit my words: back to the words, kept, with the Post button for the changed words.
        await edit.click();
        await form.getByRole('button', { name: 'Post', exact: true }).waitFor();
        await expect(field.inputValue()).resolves.toBe(NUDGE_WORDS);
        // With JavaScript the box has the focus; without, the page comes back at the form, box in view.
        if (javaScriptEnabled) await expectFocusWithin(page, 'textarea[name="body"]');
        else await expectInView(page, field);
        await expect(form.getByRole('button', { name: 'Post as it is' }).count()).resolves.toBe(0);
        if (!javaScriptEnabled) await expect(form.locator('.nudge-reminder').textContent()).resolves.toBe(message);
      } else {
        // Post as it is: held for a moderator, and its author sees it waiting on the page it is on.
        await asItIs.click();
        if (javaScriptEnabled) await page.locator('#new-post .form-status', { hasText: /moderator/i }).waitFor();
        else await landed(page, /^#post-\d+$/);
        const mine = await myPost(context, NUDGE_WORDS);
        expect(mine.status).toBe('PENDING');
        held.push(mine.id);
        await page.goto(await pageWith(NUDGE_SECTION, await sectionId('rebuilding-connection', NUDGE_SLUG), mine.id, mine.key));
        await expect(page.locator(`#post-${mine.id} .post-status`).textContent()).resolves.toMatch(/Waiting for a moderator/);
      }
      await context.close();
    });

    test('a post held by the rules says which guideline it touches', async () => {
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await page.goto(webUrl(NUDGE_SECTION));
      await page.getByLabel('Share your thoughts').fill(HOLD_WORDS);
      await page.locator('#new-post').getByRole('button', { name: 'Post', exact: true }).click();
      const where = javaScriptEnabled ? '#new-post .form-status' : '.written-note .notice-done';
      // A locator, not waitForFunction: without JavaScript the form's answer is a new page, and a
      // function polled in the page it was sent from can wait there until it times out.
      const said = page.locator(where, { hasText: 'guideline' }).first();
      await said.waitFor();
      const text = (await said.textContent())!;
      expect(text).toMatch(/This touches the guideline “[^”]+”: .+ A moderator will read this soon/);
      const mine = await myPost(context, HOLD_WORDS);
      expect(mine.status).toBe('PENDING');
      held.push(mine.id);
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
      // Once smooth scrolling settles, the notice is in view.
      await expectInView(page, heading);
      await expectInView(page, page.getByRole('button', { name: 'Show my key' }));
      if (javaScriptEnabled) {
        // It takes the focus (a screen reader hears it), under the form the person just used.
        await expectFocusWithin(page, '[data-key-notice]');
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
      await page.goto(await pageWith(KEY_SECTION, id, target.id));
      const item = page.locator(`li:has(> #post-${target.id})`);
      if (phone) {
        await item.locator(`#post-${target.id}`).getByRole('button', { name: /^Hug/ }).click();
      } else if (javaScriptEnabled) {
        // In place once JavaScript runs (before, "Flag" is the link to the flag page).
        await page.locator('#new-post input[name="_js"]').waitFor({ state: 'attached' });
        await item.locator('summary', { hasText: 'Flag' }).click();
        await item.locator('.flag-form input[type="radio"]').last().check();
        await item.getByRole('button', { name: 'Send to a moderator' }).click();
      } else {
        // Without JavaScript, on the post's flag page, which leads back here (ADR 027).
        await item.locator(`#post-${target.id}`).getByRole('link', { name: /^Flag/ }).click();
        await page.locator('.flag-form input[type="radio"]').last().check();
        await page.getByRole('button', { name: 'Send to a moderator' }).click();
      }
      const heading = item.getByRole('heading', { name: KEY_HEADING });
      await heading.waitFor();
      await expectInView(page, heading);
      await expect(page.locator('main > .notice-key').count()).resolves.toBe(0);
      if (javaScriptEnabled) await expectFocusWithin(page, '[data-key-notice]');
      await context.close();
    });

    test('after a reply or an edit, it says so where the person is looking', async () => {
      const id = await sectionId('rebuilding-connection', KEY_SLUG);
      const other = await seedPost({ sectionId: id, body: `A post someone else wrote (${tag()}).` });
      const mine = await seedPost({ sectionId: id, body: `A post of mine, to edit (${tag()}).` });
      const { context, page } = await openPage(browser, { viewport, javaScriptEnabled });
      await holdKey(context, mine.authorKey);
      await page.goto(await pageWith(KEY_SECTION, id, other.id));

      const parent = page.locator(`#post-${other.id}`);
      const pseudonym = (await parent.locator('.pseudonym').textContent())!;
      await parent.locator('summary', { hasText: 'Reply' }).click();
      await parent.getByLabel(`Your reply to ${pseudonym}`).fill('Thank you, I felt the same this week.');
      await parent.getByRole('button', { name: 'Send reply' }).click();
      const replied = page.locator('.written-note', { hasText: 'Your reply is up.' });
      await replied.waitFor();
      await expectInView(page, replied);
      if (javaScriptEnabled) {
        // Beside the Reply button, where the form was, and focused.
        await expect(parent.locator('.written-note').count()).resolves.toBe(1);
        await expectFocusWithin(page, '.written-note');
        await expectNoAxeViolations(page);
      } else {
        // Beside the new reply, where the redirect lands.
        const landed = new URL(page.url()).hash.slice(1);
        await expect(page.locator(`li:has(> #${landed}) > .written-note`).textContent()).resolves.toContain('Your reply is up.');
        await expect(page.locator(`#${landed} .post-body`).textContent()).resolves.toContain('I felt the same');
      }

      // The two were seeded one after the other, but a page may end between them.
      await page.goto(await pageWith(KEY_SECTION, id, mine.id, mine.authorKey));
      const own = page.locator(`#post-${mine.id}`);
      await own.locator('summary', { hasText: 'Edit' }).click();
      await own.getByLabel('Edit your post').fill('A post of mine, edited with a kinder word.');
      await own.getByRole('button', { name: 'Save changes' }).click();
      const saved = page.locator('.written-note', { hasText: 'Your changes are saved.' });
      await saved.waitFor();
      await expectInView(page, saved);
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
      const title = await page.getByRole('heading', { level: 1 }).textContent();
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
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(title);
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
      await expect(myPost(context, words).then((p) => p.status)).resolves.toBe('PUBLISHED');
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
