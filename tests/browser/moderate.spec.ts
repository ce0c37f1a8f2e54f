// The moderators' pages: sign in, review the queue with plain forms (JavaScript off) and with
// the keyboard (JavaScript on), the crisis item first, the keys' help dialog, the audit log for
// administrators only, and axe on every page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { clearModerationQueue, createModerator, graphql, sectionId, seedPost, type Account } from './support/api';
import { signIn } from './support/moderators';
import { describeBrowser, expectNoAxeViolations, horizontalOverflow, launchBrowser, openPage, webUrl } from './support/browser';

/** What the post's author sees of the review, through their own key. */
async function reviewOf(authorKey: string, postId: string) {
  const data = await graphql<{ me: { posts: { edges: Array<{ node: { id: string; status: string; reviewMessage: string | null } }> } } }>(
    `
      {
        me {
          posts(first: 50) {
            edges {
              node {
                id
                status
                reviewMessage
              }
            }
          }
        }
      }
    `,
    {},
    authorKey,
  );
  return data.me.posts.edges.map((edge) => edge.node).find((post) => post.id === postId);
}

function card(page: Page, text: string) {
  return page.locator('article.queue-item', { hasText: text });
}

const focusedItem = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-queue-item]')?.getAttribute('data-queue-item') ?? null);

describeBrowser('the moderators’ pages', () => {
  let browser: Browser;
  let admin: Account;
  let moderator: Account;
  let section: string;
  let opening: { id: string; authorKey: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    const stamp = Date.now().toString(36);
    [admin, moderator] = await Promise.all([
      createModerator(`admin-${stamp}@example.org`, 'ADMIN'),
      createModerator(`moderator-${stamp}@example.org`, 'MODERATOR'),
    ]);
    section = await sectionId('rebuilding-connection', 'where-rebuilding-usually-begins');
    // Other specs share the database: start from an empty queue.
    await clearModerationQueue(admin);
    opening = await seedPost({ sectionId: section, body: 'We used to talk every evening. Lately we feel like roommates.' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('without a session, the queue and the log lead to the sign-in page', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    const response = await page.goto(webUrl('/moderate'));
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/moderate/login');
    await page.goto(webUrl('/moderate/log'));
    expect(page.url()).toBe(webUrl('/moderate/login?next=%2Fmoderate%2Flog'));
    await context.close();
  });

  describe('with JavaScript off', () => {
    let context: BrowserContext;
    let page: Page;
    let held: { id: string; authorKey: string };

    beforeAll(async () => {
      held = await seedPost({ sectionId: section, parentId: opening.id, body: 'You are pathetic, grow up.' });
      ({ context, page } = await openPage(browser, { javaScriptEnabled: false }));
    });
    afterAll(async () => {
      await context?.close();
    });

    test('a wrong password gets one calm sentence; the e-mail stays, the password does not', async () => {
      await page.goto(webUrl('/moderate/login'));
      await page.getByLabel('E-mail').fill(admin.email);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator('#login-error').textContent()).resolves.toBe('That e-mail and password don’t match an account.');
      await expect(page.getByLabel('E-mail').inputValue()).resolves.toBe(admin.email);
      await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
      await expect(page.getByLabel('E-mail').getAttribute('aria-describedby')).resolves.toBe('login-error');
      const html = await page.content();
      expect(html).not.toContain('not the password');
    });

    test('signing in sets an httpOnly session cookie and opens the queue', async () => {
      await signIn(page, admin);
      const cookie = (await context.cookies()).find((c) => c.name === 'steady_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(page.url()).not.toContain(cookie!.value);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Waiting for review');
      // The keys need JavaScript: no promise of them here.
      await expect(page.getByText('for keyboard shortcuts').count()).resolves.toBe(0);
    });

    test('a held post shows its words with the hits marked, its thread and its reply context', async () => {
      const item = card(page, 'You are pathetic, grow up.');
      await expect(item.locator('h3').textContent()).resolves.toContain('Held by the tone rules');
      const marks = item.locator('.post-source mark');
      await expect(marks.first().getAttribute('title')).resolves.toBe('Respect');
      await expect(marks.first().textContent()).resolves.toBe('You are pathetic');
      await expect(item.locator('.post-source').textContent()).resolves.toBe('You are pathetic, grow up.');
      await expect(item.locator('.why').textContent()).resolves.toContain('No name-calling');
      const thread = item.getByRole('link', { name: /Where rebuilding usually begins/ });
      await expect(thread.getAttribute('href')).resolves.toBe('/articles/rebuilding-connection/where-rebuilding-usually-begins');
      await expect(item.locator('.in-reply-to').textContent()).resolves.toContain('We used to talk every evening.');
      // Who wrote it is never shown: only the pseudonym of this thread.
      await expect(item.locator('.item-author .pseudonym').count()).resolves.toBe(1);
      await expect(item.locator('.item-author').textContent()).resolves.toMatch(/^Written as .+ in this thread, \d/);
    });

    test('a post the model held shows the category it read and how sure it was, with the sentence marked', async () => {
      const text = 'Bless your heart, must be nice to have so much time to whine on here all day while the rest of us work.';
      await seedPost({ sectionId: section, parentId: opening.id, body: text });
      await page.goto(webUrl('/moderate'));
      const item = card(page, text);
      await expect(item.locator('.model-reading').textContent()).resolves.toMatch(
        /^No rule’s wording matched: the model read contempt or harassment here \(\d{1,3}% sure\)/,
      );
      await expect(item.locator('.post-source mark').count()).resolves.toBeGreaterThan(0);
      await card(page, text).getByRole('button', { name: 'Approve' }).click();
    });

    test('approving with a plain form publishes the post and says so calmly', async () => {
      await card(page, 'You are pathetic, grow up.').getByRole('button', { name: 'Approve' }).click();
      expect(new URL(page.url()).pathname).toBe('/moderate');
      await expect(page.getByRole('status').textContent()).resolves.toBe('Approved. Readers can see it now.');
      await expect(card(page, 'You are pathetic, grow up.').count()).resolves.toBe(0);
      await expect(reviewOf(held.authorKey, held.id)).resolves.toMatchObject({ status: 'PUBLISHED' });
      // The notice is shown once.
      await page.reload();
      await expect(page.locator('.moderate-status').textContent()).resolves.toBe('');
    });

    test('banning an author asks for a reason, then for confirmation', async () => {
      const target = await seedPost({ sectionId: section, body: 'What a stupid idiot you are.' });
      await page.reload();
      const item = card(page, 'What a stupid idiot you are.');
      await item.locator('summary', { hasText: 'Ban the author' }).click();
      await item.getByLabel('Why? A few words, for the log').fill('Insults again and again.');
      await item.getByRole('button', { name: 'Continue' }).click();
      const confirm = card(page, 'What a stupid idiot you are.').getByRole('group', { name: 'Ban the author of this post?' });
      await expect(confirm.textContent()).resolves.toContain('No one, you included, will learn who they are.');
      await confirm.getByRole('button', { name: 'Yes, ban the author' }).click();
      await expect(page.getByRole('status').textContent()).resolves.toMatch(/^The author is banned/);
      await expect(
        graphql(
          `
            mutation ($input: CreatePostInput!) {
              createPost(input: $input) {
                outcome
              }
            }
          `,
          {
            input: { sectionId: section, body: 'Trying again, kindly this time.' },
          },
          target.authorKey,
        ),
      ).rejects.toThrow();
      // The post itself still waits: not published, with a reason picked from a plain list.
      const still = card(page, 'What a stupid idiot you are.');
      await still.locator('summary', { hasText: 'Don’t publish' }).click();
      await still.getByLabel('No name-calling').check();
      await still.getByRole('button', { name: 'Don’t publish' }).click();
      await expect(page.getByRole('status').textContent()).resolves.toBe('Not published. The author will read the reason you chose.');
      await expect(reviewOf(target.authorKey, target.id)).resolves.toMatchObject({ status: 'REJECTED' });
    });

    test('signing out ends the session and goes home', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      expect(new URL(page.url()).pathname).toBe('/');
      expect((await context.cookies()).find((c) => c.name === 'steady_session')).toBeUndefined();
      await page.goto(webUrl('/moderate'));
      expect(new URL(page.url()).pathname).toBe('/moderate/login');
    });
  });

  describe('with JavaScript and the keyboard', () => {
    let context: BrowserContext;
    let page: Page;
    let crisis: { id: string; authorKey: string };
    let first: { id: string; authorKey: string };
    let second: { id: string; authorKey: string };

    beforeAll(async () => {
      await clearModerationQueue(admin);
      first = await seedPost({ sectionId: section, body: 'He is a worthless loser and you are too.' });
      second = await seedPost({ sectionId: section, body: 'Stop whining, you are such an idiot.' });
      // Posted last, yet it comes first.
      crisis = await seedPost({ sectionId: section, body: 'I want to kill myself tonight.' });
      ({ context, page } = await openPage(browser));
      await signIn(page, admin);
      // The hint appears once the page's script runs: from then on the keys work.
      await page.getByText('Press ? for keyboard shortcuts.').waitFor();
    });
    afterAll(async () => {
      await context?.close();
    });

    test('the crisis item comes first, and the keys are offered', async () => {
      const items = page.locator('article.queue-item');
      await expect(items.first().locator('h3').textContent()).resolves.toContain('Someone may be in danger');
      await expect(items.first().locator('.post-source').textContent()).resolves.toBe('I want to kill myself tonight.');
      await expect(items.first().locator('.post-source mark').first().getAttribute('title')).resolves.toBe('Safety');
      await expect(page.getByText('Press ? for keyboard shortcuts.').isVisible()).resolves.toBe(true);
    });

    test('? opens the help dialog; Esc closes it and focus returns', async () => {
      await page.keyboard.press('j');
      const before = await focusedItem(page);
      expect(before).not.toBeNull();
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(dialog.isVisible()).resolves.toBe(true);
      await expect(dialog.textContent()).resolves.toContain('Approve the post in focus');
      await expect(page.evaluate(() => document.activeElement?.closest('dialog') !== null)).resolves.toBe(true);
      await page.keyboard.press('Escape');
      await expect(dialog.isVisible()).resolves.toBe(false);
      await expect(focusedItem(page)).resolves.toBe(before);
    });

    test('j and k move between items, with a visible marker on the current one', async () => {
      const ids = await page.locator('article.queue-item').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-queue-item')));
      await expect(focusedItem(page)).resolves.toBe(ids[0]);
      await page.keyboard.press('j');
      await expect(focusedItem(page)).resolves.toBe(ids[1]);
      await expect(page.locator('article.queue-item').nth(1).getAttribute('aria-current')).resolves.toBe('true');
      await expect(page.locator('article.queue-item').nth(0).getAttribute('aria-current')).resolves.toBeNull();
      const outline = await page
        .locator('article.queue-item')
        .nth(1)
        .evaluate((node) => getComputedStyle(node).outlineStyle);
      expect(outline).toBe('solid');
      await page.keyboard.press('k');
      await expect(focusedItem(page)).resolves.toBe(ids[0]);
      await page.keyboard.press('j');
    });

    test('a approves the item in focus, and focus moves on to the next', async () => {
      const item = card(page, 'He is a worthless loser and you are too.');
      await expect(focusedItem(page)).resolves.toBe(await item.getAttribute('data-queue-item'));
      await page.keyboard.press('a');
      await page.getByText('Approved. Readers can see it now.').waitFor();
      await expect(card(page, 'He is a worthless loser and you are too.').count()).resolves.toBe(0);
      await expect(reviewOf(first.authorKey, first.id)).resolves.toMatchObject({ status: 'PUBLISHED' });
      await expect(focusedItem(page)).resolves.toBe(
        await card(page, 'Stop whining, you are such an idiot.').getAttribute('data-queue-item'),
      );
    });

    test('keys rest while typing in a field', async () => {
      const item = card(page, 'Stop whining, you are such an idiot.');
      await item.locator('summary', { hasText: 'Ban the author' }).click();
      const field = item.getByLabel('Why? A few words, for the log');
      await field.focus();
      await page.keyboard.type('jka');
      await expect(field.inputValue()).resolves.toBe('jka');
      await expect(card(page, 'Stop whining, you are such an idiot.').count()).resolves.toBe(1);
      await field.fill('');
      await item.locator('summary', { hasText: 'Ban the author' }).click();
      await item.focus();
    });

    test('r opens the reasons, showing what the author will read; a reason is picked and sent', async () => {
      const item = card(page, 'Stop whining, you are such an idiot.');
      await page.keyboard.press('r');
      await expect(item.locator('details.reject').getAttribute('open')).resolves.toBe('');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement;
        return { type: el.type, name: el.name, label: el.labels?.[0]?.textContent, described: el.getAttribute('aria-describedby') };
      });
      expect(focused).toMatchObject({ type: 'radio', name: 'reason', label: 'No name-calling' });
      await expect(page.locator(`#${focused.described}`).textContent()).resolves.toContain(
        'The author reads: “Your post was not published because it calls someone names',
      );
      await page.keyboard.press('Space');
      await page.keyboard.press('Enter');
      await page.getByText('Not published. The author will read the reason you chose.').waitFor();
      const review = await reviewOf(second.authorKey, second.id);
      expect(review).toMatchObject({ status: 'REJECTED' });
      expect(review?.reviewMessage).toMatch(/calls someone names/);
      // The author sees it in "Your posts", in kind words.
      const author = await openPage(browser, { javaScriptEnabled: false });
      const value = encodeURIComponent(Buffer.from(JSON.stringify(second.authorKey)).toString('base64'));
      await author.context.addCookies([{ name: 'steady_author', value, url: webUrl('/') }]);
      await author.page.goto(webUrl('/me'));
      const listed = author.page.locator('.my-list > li', { hasText: 'Stop whining, you are such an idiot.' });
      await expect(listed.locator('.status').textContent()).resolves.toBe('Not published');
      await expect(listed.locator('.review-message').textContent()).resolves.toMatch(/calls someone names/);
      await author.context.close();
      // Changed one's mind: it can be published after all.
      await page.getByRole('button', { name: 'Publish it after all' }).click();
      await page.getByText('Published after all. Readers can see it now.').waitFor();
      await expect(reviewOf(second.authorKey, second.id)).resolves.toMatchObject({ status: 'PUBLISHED' });
    });

    test('the crisis item is approved last, with the keyboard too', async () => {
      await page.keyboard.press('j');
      const item = card(page, 'I want to kill myself tonight.');
      await expect(focusedItem(page)).resolves.toBe(await item.getAttribute('data-queue-item'));
      await page.keyboard.press('a');
      await page.getByText('Everything has been read.', { exact: false }).waitFor();
      await expect(reviewOf(crisis.authorKey, crisis.id)).resolves.toMatchObject({ status: 'PUBLISHED' });
    });

    test('the audit log lists the decisions, newest first', async () => {
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      const rows = page.locator('table.log tbody tr');
      await expect(rows.first().textContent()).resolves.toContain('Approved');
      await expect(rows.first().textContent()).resolves.toContain(admin.email);
      await expect(page.locator('table.log').textContent()).resolves.toContain('Not published');
    });
  });

  describe('roles, accessibility and small screens', () => {
    test('a moderator who is not an administrator gets a calm 403 on the log', async () => {
      const { context, page } = await openPage(browser);
      await signIn(page, moderator);
      await expect(page.getByRole('link', { name: 'Audit log' }).count()).resolves.toBe(0);
      const response = await page.goto(webUrl('/moderate/log'));
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Only administrators can read the log');
      await expectNoAxeViolations(page);
      await context.close();
    });

    test('the sign-in page has no accessibility violations, also with an error', async () => {
      const { context, page } = await openPage(browser);
      await page.goto(webUrl('/moderate/login'));
      await expectNoAxeViolations(page);
      await page.getByLabel('E-mail').fill('nobody@example.org');
      await page.getByLabel('Password').fill('nothing at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#login-error').waitFor();
      // With JavaScript too, the password is never kept; the calm sentence takes focus.
      await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('login-error');
      await expectNoAxeViolations(page);
      await context.close();
    });

    test('the queue and the log have no accessibility violations, and fit a phone', async () => {
      await seedPost({ sectionId: section, parentId: opening.id, body: 'You are pathetic. Grow up and stop whining.' });
      await seedPost({ sectionId: section, body: 'I want to kill myself tonight.' });
      const { context, page } = await openPage(browser, { viewport: { width: 360, height: 740 } });
      await signIn(page, admin);
      await expect(page.locator('article.queue-item').count()).resolves.toBeGreaterThan(1);
      // With a reason list and the ban confirmation open too.
      const item = page.locator('article.queue-item').nth(1);
      await item.locator('summary', { hasText: 'Don’t publish' }).click();
      await item.locator('summary', { hasText: 'Ban the author' }).click();
      await item.getByLabel('Why? A few words, for the log').fill('Checking the confirmation.');
      await item.getByRole('button', { name: 'Continue' }).click();
      await page.locator('[data-ban-confirm]').waitFor();
      await expectNoAxeViolations(page);
      await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
      await page.keyboard.press('?');
      await expectNoAxeViolations(page);
      await page.keyboard.press('Escape');

      await page.goto(webUrl('/moderate/log'));
      await expectNoAxeViolations(page);
      await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
      await context.close();
    });
  });
});
