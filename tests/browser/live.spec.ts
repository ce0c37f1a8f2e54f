// Steady live in real browsers, across two API instances behind one Redis (ADR 020): a reader on
// one web server sees a reply written through the other appear without reloading, announced
// politely and shown only when asked; a moderator's queue shows a new crisis item at the top.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { clearModerationQueue, createModerator, type Account } from './support/api';
import { signIn } from './support/moderators';
import { describeBrowser, expectNoAxeViolations, launchBrowser, openPage } from './support/browser';
import { startApi, startWeb } from './support/stack';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECTION_SLUG = 'what-quietly-undermines-reconnection';
const SECTION = `/articles/rebuilding-connection/${SECTION_SLUG}`;

/** Does a Redis answer PING there? */
function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port || 6379), hostname, () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.end();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function gql<T>(apiUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const payload = (await response.json()) as { data: T; errors?: unknown[] };
  if (payload.errors) throw new Error(JSON.stringify(payload.errors));
  return payload.data;
}

describeBrowser('live across two API instances and Redis', () => {
  let available = false;
  let browser: Browser;
  const stops: Array<() => Promise<void>> = [];
  let apiA = '';
  let webA = '';
  let webB = '';
  let sectionId = '';

  beforeAll(async () => {
    available = await redisAnswers(REDIS_URL);
    if (!available) {
      if (process.env.STEADY_REQUIRE_REDIS === '1')
        throw new Error(`Redis is required (STEADY_REQUIRE_REDIS=1) but none answers at ${REDIS_URL}.`);
      console.warn(`Skipped: the live browser test needs Redis at ${REDIS_URL}, and none answers.`);
      return;
    }
    // Both instances on the stack's database and one Redis, under this run's own namespace.
    const env = {
      REDIS_URL,
      REDIS_NAMESPACE: `${process.env.LIVE_TEST_PREFIX ?? 'steady-test'}-${randomUUID().slice(0, 8)}`,
      RATE_LIMIT_WRITES: '100000',
      AUTHOR_KEYS_PER_ADDRESS_PER_HOUR: '100000',
      LOGIN_ATTEMPTS_PER_ADDRESS_PER_15_MIN: '100000',
      LOGIN_BACKOFF_AFTER_FAILURES: '100000',
    };
    const a = await startApi(process.env.DATABASE_URL!, env);
    stops.push(() => a.stop());
    const b = await startApi(process.env.DATABASE_URL!, env);
    stops.push(() => b.stop());
    const wa = await startWeb(a.apiUrl);
    stops.push(() => wa.stop());
    const wb = await startWeb(b.apiUrl);
    stops.push(() => wb.stop());
    apiA = a.apiUrl;
    webA = wa.webUrl;
    webB = wb.webUrl;
    const data = await gql<{ article: { section: { id: string } } }>(
      apiA,
      `query($s: String!) { article(slug: "rebuilding-connection") { section(slug: $s) { id } } }`,
      {
        s: SECTION_SLUG,
      },
    );
    sectionId = data.article.section.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const stop of stops.reverse()) await stop();
  });

  const maybe = (name: string, fn: () => Promise<void>) => test(name, async () => (available ? fn() : undefined));

  async function hydrated(page: Page) {
    await page.locator('#new-post input[name="_js"]').waitFor({ state: 'attached' });
  }

  maybe('a reader on web B sees a reply written through web A appear without reloading, and shows it when they choose', async () => {
    const tag = randomUUID().slice(0, 6);
    const seeded = await gql<{ createPost: { post: { id: string } } }>(
      apiA,
      `mutation($i: CreatePostInput!) { createPost(input: $i) { post { id } } }`,
      {
        i: { sectionId, body: `Some evenings we sit in the same room and say nothing (${tag}).` },
      },
    );
    const postId = `post-${seeded.createPost.post.id}`;

    const reader = await openPage(browser);
    const page = reader.page;
    await page.goto(`${webB}${SECTION}`);
    await hydrated(page);
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    await expect(page.locator('.live-thread').getAttribute('aria-live')).resolves.toBe('polite');
    const before = await page.locator(`#${postId}`).boundingBox();

    const writer = await openPage(browser);
    await writer.page.goto(`${webA}${SECTION}`);
    await hydrated(writer.page);
    const post = writer.page.locator(`#${postId}`);
    const pseudonym = (await post.locator('.pseudonym').textContent())!;
    await post.locator('summary', { hasText: `Reply to ${pseudonym}` }).click();
    await post.getByLabel(`Your reply to ${pseudonym}`).fill(`You are not alone in that (${tag}).`);
    await post.getByRole('button', { name: 'Send reply' }).click();

    const show = page.getByRole('button', { name: '1 new reply: show it' });
    await show.waitFor({ timeout: 20_000 });
    // Announced, not shown: what the reader is reading has not moved.
    expect(await page.getByText(`You are not alone in that (${tag}).`).count()).toBe(0);
    expect((await page.locator(`#${postId}`).boundingBox())?.y).toBe(before?.y);
    await expectNoAxeViolations(page);
    await show.click();
    await page.getByText(`You are not alone in that (${tag}).`).waitFor();
    expect(navigations).toBe(0);
    await reader.context.close();
    await writer.context.close();
  });

  maybe('a moderator’s queue on web B shows a crisis post made through API A at the top, with a visible cue', async () => {
    const account: Account = await createModerator(`live-${randomUUID().slice(0, 8)}@example.org`, 'ADMIN');
    // Older crisis items from other specs would rightly sit above a new one: start from an empty queue.
    await clearModerationQueue(account);
    const { context, page } = await openPage(browser);
    await signIn(page, account, `${webB}/moderate/login`);
    await page.locator('.keys-hint').waitFor();
    await page.locator('.live-queue').waitFor({ state: 'attached' });
    // Let the page's live connection settle before the post.
    await page.waitForTimeout(1000);

    const words = `I want to kill myself tonight. Everyone would be better off without me. (${randomUUID().slice(0, 6)})`;
    await gql(apiA, `mutation($i: CreatePostInput!) { createPost(input: $i) { outcome } }`, { i: { sectionId, body: words } });

    await page.getByText('A crisis post just arrived. It is at the top of the queue.').waitFor({ timeout: 20_000 });
    await page.locator('[data-queue-item]', { hasText: words }).waitFor();
    await expect(page.locator('[data-queue-item]').first().textContent()).resolves.toContain(words);
    await expectNoAxeViolations(page);
    await context.close();
  });
});
