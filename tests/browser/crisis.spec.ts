// The crisis screen: a post that says its author may be in danger is met, at once and before
// anything else, with a warm message and ways to reach help, with JavaScript off and on.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage, webUrl } from './support/browser';
import { ARTICLE } from './support/fixtures';

const SECTION = `${ARTICLE}/where-to-go-next`;
const CRISIS = 'I want to kill myself tonight.';
const ROOT = path.resolve(__dirname, '..', '..');

/**
 * A moderator reads this spec's crisis posts afterwards, so the queue is as other specs expect
 * it whatever order the specs run in.
 */
async function reviewAfterwards(postIds: string[]): Promise<void> {
  if (postIds.length === 0) return;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(ROOT, 'scripts', 'run-api-cli.mjs'), 'moderator', 'create', '--email', `crisis-${Date.now().toString(36)}@example.org`, '--role', 'MODERATOR'],
    { cwd: ROOT, env: { ...process.env, STEADY_SKIP_BUILD: '1' } }
  );
  const account = JSON.parse(stdout.trim().split('\n').at(-1)!) as { email: string; password: string };
  const call = async <T,>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const response = await fetch(process.env.STEADY_API_URL!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const payload = (await response.json()) as { data?: T; errors?: unknown[] };
    if (payload.errors?.length) throw new Error(JSON.stringify(payload.errors));
    return payload.data as T;
  };
  const { login } = await call<{ login: { token: string } }>(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, {
    e: account.email,
    p: account.password,
  });
  for (const postId of postIds) {
    await call(
      `mutation ($input: ReviewPostInput!) { reviewPost(input: $input) { id } }`,
      { input: { postId, decision: 'APPROVE' } },
      login.token
    );
  }
}

/** Where on the page (in document order) a piece of text first appears; -1 when it does not. */
function positionOf(page: Page, text: string): Promise<number> {
  return page.evaluate((needle) => document.body.innerText.indexOf(needle), text);
}

async function expectHelpFirst(page: Page, { axe }: { axe: boolean }) {
  expect(new URL(page.url()).pathname).toBe('/help');
  const message = page.locator('main > .notice-care');
  await expect(message.textContent()).resolves.toMatch(/\S/);
  await expect(message.getAttribute('role')).resolves.toBe('status');
  const back = page.getByRole('link', { name: 'go back to the conversation' });
  const href = new URL((await back.getAttribute('href'))!, webUrl());
  expect(href.pathname).toBe(new URL(webUrl(SECTION)).pathname);
  expect(href.hash).toMatch(/^#post-\d+$/);
  await expect(page.locator('ol.thread').count()).resolves.toBe(0);

  const messageAt = await positionOf(page, (await message.textContent())!.trim());
  const backAt = await positionOf(page, 'go back to the conversation');
  for (const number of ['988', '116 123', '911']) {
    const link = page.locator('.resources a', { hasText: number }).first();
    await expect(link.getAttribute('href')).resolves.toBe(`tel:${number.replace(/\D/g, '')}`);
    const at = await positionOf(page, number);
    expect(at).toBeGreaterThan(messageAt);
    expect(at).toBeLessThan(backAt);
  }
  // The note about the new key waits until after the help.
  const keyNote = await positionOf(page, 'This browser now holds your private key');
  if (keyNote >= 0) expect(keyNote).toBeGreaterThan(backAt);
  // axe runs inside the page, so it needs JavaScript: checked on the same screen with it on.
  if (axe) await expectNoAxeViolations(page);
  return href.hash.slice('#post-'.length);
}

describeBrowser('the crisis screen', () => {
  let browser: Browser;
  const posted: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await reviewAfterwards(posted);
  });

  test('with JavaScript off, the message and the services come first, with numbers to call', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(webUrl(SECTION));
    await page.getByLabel('Share your thoughts').fill(CRISIS);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    posted.push(await expectHelpFirst(page, { axe: false }));
    await page.getByRole('link', { name: 'go back to the conversation' }).click();
    const mine = page.locator('article.post', { hasText: CRISIS });
    await expect(mine.locator('.post-status').textContent()).resolves.toMatch(/Waiting for a moderator/);
    await context.close();
  });

  test('with JavaScript on, the same', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(webUrl(SECTION));
    await page.getByLabel('Share your thoughts').fill(CRISIS);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/help');
    await page.locator('main > .notice-care').waitFor();
    posted.push(await expectHelpFirst(page, { axe: true }));
    await context.close();
  });
});
