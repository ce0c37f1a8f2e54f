// Issue 13, the moderators' part (ADR 017): readers' flag notes on the card, internal notes, a
// crisis card's private message (read by the author on "Your posts", beside the services that
// help) and "handled", and a readable, filterable audit log. Desktop and phone, JavaScript off
// and on where there are forms, axe on every page.
import type { Browser, Page } from 'playwright-core';
import {
  asModeratorAccount,
  clearModerationQueue,
  createModerator,
  establishedReaderKey,
  graphql,
  sectionId,
  seedPost,
  type Account,
} from './support/api';
import { signIn } from './support/moderators';
import {
  describeBrowser,
  DESKTOP,
  expectNoAxeViolations,
  holdKey,
  horizontalOverflow,
  launchBrowser,
  openPage,
  PHONE,
  SCREENS_AND_SCRIPT,
  webUrl,
} from './support/browser';

const CRISIS = 'I want to kill myself tonight. Everyone would be better off without me.';

/** A page whose waits give up well before the test's own time, so a failure names the step. */
async function open(browser: Browser, options: Parameters<typeof openPage>[1]) {
  const opened = await openPage(browser, options);
  opened.context.setDefaultTimeout(20_000);
  return opened;
}

/** axe runs inside the page, so only with JavaScript on (as in the other specs); the same markup is served either way. */
async function axeWhenScripted(page: Page, javaScriptEnabled: boolean): Promise<void> {
  if (javaScriptEnabled) await expectNoAxeViolations(page);
}

const card = (page: Page, text: string) => page.locator('article.queue-item', { hasText: text });

/**
 * Submits a card's form and waits for the queue to come back with its notice (JavaScript on or
 * off). Without JavaScript the answer is a new page, streamed: the notice at its top can be there
 * before the cards below it, so this also waits for the whole document.
 */
async function submitAndWait(page: Page, click: () => Promise<void>, notice: string | RegExp): Promise<void> {
  await click();
  await page.locator('.moderate-status', { hasText: notice }).waitFor();
  await page.waitForLoadState('domcontentloaded');
}

describeBrowser('the moderators’ tools', () => {
  let browser: Browser;
  let admin: Account;
  let moderator: Account;
  let section: string;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    browser = await launchBrowser();
    [admin, moderator] = await Promise.all([
      createModerator(`tools-admin-${stamp}@example.org`, 'ADMIN'),
      createModerator(`tools-mod-${stamp}@example.org`, 'MODERATOR'),
    ]);
    section = await sectionId('rebuilding-connection', 'what-quietly-undermines-reconnection');
    await clearModerationQueue(admin);
  });
  afterAll(async () => {
    await clearModerationQueue(admin);
    await browser?.close();
  });

  describe.each([
    { name: 'desktop (1280)', viewport: DESKTOP },
    { name: 'phone (390)', viewport: PHONE },
  ])('a reader’s flag on the card, $name', ({ name, viewport }) => {
    test('shows the reason in words and the note, never who flagged', async () => {
      const body = `We never talk about money without shouting (${name} ${stamp}).`;
      const written = await seedPost({ sectionId: section, body });
      const reader = await establishedReaderKey(section);
      await graphql(
        `
          mutation ($i: FlagPostInput!) {
            flagPost(input: $i) {
              ok
            }
          }
        `,
        { i: { postId: written.id, reason: 'ATTACK', note: `The last line mocks her (${name}).` } },
        reader,
      );
      const { context, page } = await open(browser, { viewport });
      await signIn(page, moderator);
      const item = card(page, body);
      const flags = item.locator('.reader-flags');
      await expect(flags.getByRole('heading').textContent()).resolves.toBe('What readers said (1)');
      await expect(flags.textContent()).resolves.toContain('It attacks or belittles someone');
      await expect(flags.locator('.flag-note').textContent()).resolves.toBe(`The last line mocks her (${name}).`);
      // Words, not codes; and nothing about the reader.
      await expect(flags.textContent()).resolves.not.toMatch(/ATTACK|flag:/);
      await expectNoAxeViolations(page);
      await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
      await context.close();
      await asModeratorAccount(admin, `mutation ($i: ReviewPostInput!) { reviewPost(input: $i) { id } }`, {
        i: { postId: written.id, decision: 'APPROVE' },
      });
    });
  });

  describe.each(SCREENS_AND_SCRIPT)('a crisis card, $name, JavaScript $js', ({ name, viewport, javaScriptEnabled, js }) => {
    test('internal notes: a kind error keeps the words, then the note shows with its author and goes to the log', async () => {
      const body = `${CRISIS} (notes ${name} ${js} ${stamp})`;
      const crisis = await seedPost({ sectionId: section, body });
      const { context, page } = await open(browser, { viewport, javaScriptEnabled });
      await signIn(page, moderator);
      let item = card(page, body);
      await item.locator('summary', { hasText: 'Add a note' }).click();
      // Only spaces: the server says what to do, beside the field.
      await item.getByLabel('Note for the other moderators').fill('   ');
      await item.getByRole('button', { name: 'Add the note' }).click();
      item = card(page, body);
      const field = item.getByLabel('Note for the other moderators');
      await item.locator('.field-error', { hasText: 'Please write the note first' }).waitFor();
      await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
      await axeWhenScripted(page, javaScriptEnabled);

      const note = `Checked with the on-call lead (${js}).`;
      await field.fill(note);
      await submitAndWait(page, () => item.getByRole('button', { name: 'Add the note' }).click(), 'Note added');
      item = card(page, body);
      const notes = item.locator('.queue-notes');
      await expect(notes.getByRole('heading').textContent()).resolves.toBe('Notes for moderators (1)');
      await expect(notes.locator('.note-body').textContent()).resolves.toBe(note);
      await expect(notes.locator('.note-meta').textContent()).resolves.toContain(moderator.email);
      await axeWhenScripted(page, javaScriptEnabled);
      await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
      await context.close();

      const log = await asModeratorAccount<{ auditLog: { entries: Array<{ postId: string; reason: string; actor: string }> } }>(
        admin,
        `{ auditLog(first: 50, actions: ["note"]) { entries { postId reason actor } } }`,
      );
      expect(log.auditLog.entries.find((e) => e.postId === crisis.id)).toEqual({ postId: crisis.id, reason: note, actor: moderator.email });
    });

    test('a private message reaches the author on “Your posts”, with help beside it; then “handled” takes it off the queue', async () => {
      const body = `${CRISIS} (message ${name} ${js} ${stamp})`;
      const crisis = await seedPost({ sectionId: section, body });
      const { context, page } = await open(browser, { viewport, javaScriptEnabled });
      await signIn(page, moderator);
      let item = card(page, body);
      await item.locator('summary', { hasText: 'Write to the author' }).click();
      const message = `We read what you wrote, and we are glad you told us (${js}). You matter here.`;
      await item.getByLabel('A private message to the author').fill(message);
      await submitAndWait(page, () => item.getByRole('button', { name: 'Send the message' }).click(), 'Message sent');
      // Still waiting: a message is not a decision.
      item = card(page, body);
      await expect(item.count()).resolves.toBe(1);

      // The author, on their own device, reads it beside the services that can help.
      const author = await browser.newContext({ viewport, javaScriptEnabled });
      await holdKey(author, crisis.authorKey);
      const mine = await author.newPage();
      await mine.goto(webUrl('/me'));
      const box = mine.locator('.moderator-message');
      await expect(box.getByRole('heading', { level: 3 }).textContent()).resolves.toBe('A message for you from the moderators');
      await expect(box.textContent()).resolves.toContain(message);
      await expect(box.getByRole('heading', { level: 4 }).textContent()).resolves.toBe('If you need someone right now');
      await expect(box.locator('a.help-button').count()).resolves.toBeGreaterThan(0);
      await expect(box.locator('a.help-button').first().getAttribute('href')).resolves.toMatch(/^(tel|sms|https?|mailto):/);
      await expect(box.getByRole('link', { name: /every service that can help/ }).getAttribute('href')).resolves.toBe('/help');
      await expect(box.textContent()).resolves.not.toContain(moderator.email);
      await axeWhenScripted(mine, javaScriptEnabled);
      await expect(horizontalOverflow(mine)).resolves.toBeLessThanOrEqual(0);
      await author.close();

      // Handled, with a note: the item leaves the queue.
      await item.locator('summary', { hasText: 'Mark handled' }).click();
      await item.getByLabel('How was it handled?').fill(`Message sent with the crisis lines (${js}).`);
      await submitAndWait(page, () => item.getByRole('button', { name: 'Mark handled' }).click(), 'Marked handled');
      await expect(card(page, body).count()).resolves.toBe(0);
      await axeWhenScripted(page, javaScriptEnabled);
      await context.close();
    });
  });

  describe.each(SCREENS_AND_SCRIPT)('the audit log, $name, JavaScript $js', ({ viewport, javaScriptEnabled, js }) => {
    test('reads in words, links posts, fits the screen, and filters by moderator, action and dates', async () => {
      const body = `A small step today: we had tea together (${js} ${viewport.width} ${stamp}).`;
      const written = await seedPost({ sectionId: section, body });
      await asModeratorAccount(moderator, `mutation ($p: ID!, $b: String!) { addQueueNote(postId: $p, body: $b) { id } }`, {
        p: written.id,
        b: `A note to find in the log (${js} ${viewport.width}).`,
      });
      const { context, page } = await open(browser, { viewport, javaScriptEnabled });
      await signIn(page, admin);
      await page.goto(webUrl('/moderate/log'));
      await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      const table = page.locator('table.log');
      // Words, never codes like "(review:approve)".
      await expect(table.textContent()).resolves.not.toMatch(/\((?:review|create|flag|edit|crisis):[a-z]+\)|review:approve/);
      // Nothing is cut off: the page and every row fit the screen.
      await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
      const widest = await page.evaluate(() =>
        Math.max(...Array.from(document.querySelectorAll('table.log tr, table.log'), (el) => el.getBoundingClientRect().right)),
      );
      expect(widest).toBeLessThanOrEqual(viewport.width);
      // A post number is a link to the post.
      const link = table.getByRole('link', { name: `Post ${written.id}` }).first();
      await expect(link.getAttribute('href')).resolves.toBe(
        `/articles/rebuilding-connection/what-quietly-undermines-reconnection#post-${written.id}`,
      );
      await axeWhenScripted(page, javaScriptEnabled);

      // Filter: this moderator's notes.
      await page.getByLabel('Who').selectOption({ label: moderator.email });
      await page.getByLabel('What').selectOption({ label: 'Notes for moderators' });
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/what=notes/);
      await page.locator('table.log caption', { hasText: 'as chosen above' }).waitFor();
      const rows = page.locator('table.log tbody tr');
      const texts = await rows.allTextContents();
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.every((row) => row.includes('Note for moderators') && row.includes(moderator.email))).toBe(true);
      expect(texts.some((row) => row.includes(`A note to find in the log (${js} ${viewport.width}).`))).toBe(true);
      await expect(page.getByLabel('What').inputValue()).resolves.toBe('notes');
      await axeWhenScripted(page, javaScriptEnabled);

      // Dates: a range in the future holds nothing; a swapped range says so kindly.
      const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
      await page.getByLabel('From (UTC)').fill(tomorrow);
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(new RegExp(`from=${tomorrow}`));
      await page.getByText('Nothing in the log matches these choices.').waitFor();
      await page.getByLabel('To (UTC, included)').fill(yesterday);
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(new RegExp(`to=${yesterday}`));
      await page.getByText('The last day comes before the first', { exact: false }).waitFor();
      await expect(page.getByLabel('From (UTC)').inputValue()).resolves.toBe(tomorrow);
      await axeWhenScripted(page, javaScriptEnabled);
      await page.getByLabel('From (UTC)').fill(yesterday);
      await page.getByLabel('To (UTC, included)').fill(tomorrow);
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(new RegExp(`from=${yesterday}&to=${tomorrow}`));
      await expect(page.locator('table.log tbody tr').count()).resolves.toBeGreaterThan(0);
      await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
      await context.close();
    });
  });
});
