// The server's verdict is authoritative (issue 11). The live hint runs the quick rules alone
// (`@steady/moderation/rules`); the server adds the learned layer, which reads meaning the rules'
// phrasings do not cover. Where the server's answer is stronger, the page shows the server's
// answer on submit: with JavaScript off (no hint at all, plain forms) and with it on (the hint
// stays quiet, the submit still meets the server's answer).
import type { Browser } from 'playwright-core';
import { analyse, decide, moderate } from '@steady/moderation';
import { describeBrowser, launchBrowser, openPage, webUrl } from './support/browser';
import { approveAfterwards } from './support/api';
import { ARTICLE } from './support/fixtures';

// A section no other spec fills past one page (threads.spec puts 21 posts in where-to-go-next and
// thread-navigation.spec 22 in what-real-connection-is-built-on): the way back from the crisis
// screen opens the thread's first page, and this spec looks for its post there.
const SECTION = `${ARTICLE}/what-quietly-undermines-reconnection`;
/** Indirect warning signs (life insurance, letters "just in case"), without a phrase any rule lists. */
const QUIET_CRISIS = `I looked up how much my life insurance pays out and wrote letters to each of the kids just in case. I think everyone will be fine. (${nonce()})`;
/** Sarcasm aimed at a poster, without a word any rule lists. */
const QUIET_CONTEMPT = `Must be nice to have so much time to write essays about your feelings while the rest of us work. (${nonce()})`;

const rulesAlone = (text: string) => decide(analyse({ text, kind: 'post' }, null), null).action;

describeBrowser('the server’s verdict is stronger than the live hint’s', () => {
  let browser: Browser;
  const posted: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await approveAfterwards(posted, 'verdict');
  });

  test('the texts: the quick rules let them through, the server’s engine does not', () => {
    expect(rulesAlone(QUIET_CRISIS)).toBe('publish');
    expect(moderate({ text: QUIET_CRISIS }).action).toBe('crisis');
    expect(rulesAlone(QUIET_CONTEMPT)).toBe('publish');
    expect(moderate({ text: QUIET_CONTEMPT }).action).toBe('hold');
  });

  test('with JavaScript off, a crisis the rules miss is met with help first', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(webUrl(SECTION));
    await page.getByLabel('Share your thoughts').fill(QUIET_CRISIS);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/help');
    await expect(page.locator('.help .notice-care').textContent()).resolves.toMatch(/\S/);
    await expect(page.locator('.resources a', { hasText: '988' }).count()).resolves.toBeGreaterThan(0);
    const back = page.getByRole('link', { name: 'go back to the conversation' });
    const hash = new URL((await back.getAttribute('href'))!, webUrl()).hash;
    expect(hash).toMatch(/^#post-\d+$/);
    posted.push(hash.slice('#post-'.length));
    await back.click();
    const mine = page.locator('article.post', { hasText: QUIET_CRISIS });
    await expect(mine.locator('.post-status').textContent()).resolves.toMatch(/Waiting for a moderator/);
    await context.close();
  });

  test('with JavaScript off, contempt the rules miss waits for a moderator and is not published', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(webUrl(SECTION));
    await page.getByLabel('Share your thoughts').fill(QUIET_CONTEMPT);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    expect(new URL(page.url()).pathname).not.toBe('/help');
    const mine = page.locator('article.post', { hasText: QUIET_CONTEMPT });
    await expect(mine.locator('.post-status').textContent()).resolves.toMatch(/Waiting for a moderator/);
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/moderator/i);

    const stranger = await openPage(browser, { javaScriptEnabled: false });
    await stranger.page.goto(webUrl(SECTION));
    await expect(stranger.page.locator('article.post', { hasText: QUIET_CONTEMPT }).count()).resolves.toBe(0);
    await stranger.context.close();
    await context.close();
  });

  test('with JavaScript on, the hint stays quiet on the same crisis, and the submit still shows help first', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(webUrl(SECTION));
    const text = QUIET_CRISIS.replace(/\)$/, ' again)');
    const field = page.getByLabel('Share your thoughts');
    // First words the quick rules do catch: the hint appears, so the rules are loaded and running.
    await field.pressSequentially('Give him an ultimatum.', { delay: 5 });
    const hint = page.locator('#new-post .tone-hint');
    await hint.waitFor();
    // Then the quiet crisis: the rules find nothing in it, and the hint goes away (no care hint either).
    await field.fill('');
    await field.pressSequentially(text, { delay: 2 });
    await hint.waitFor({ state: 'detached' });
    await expect(page.locator('#new-post .tone-hint-region > *').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/help');
    await page.locator('.help .notice-care').waitFor();
    const back = page.getByRole('link', { name: 'go back to the conversation' });
    const hash = new URL((await back.getAttribute('href'))!, webUrl()).hash;
    posted.push(hash.slice('#post-'.length));
    await context.close();
  });
});

function nonce(): string {
  return Math.random().toString(36).slice(2, 8);
}
