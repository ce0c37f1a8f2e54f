// Issue 12, finding 1: pages on another site (localhost vs 127.0.0.1) and on the same site
// (127.0.0.1, another port) auto-submit forms at the web app in Chromium, as documents, as
// single-fetch `.data` and as legacy `?_data=` requests. Every one is refused, the reader's and
// the moderator's cookies stay as they were, and nothing is written.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { asModeratorAccount, createModerator, graphql, publishedBodies, sectionId, seedPost, type Account } from '../browser/support/api';
import { describeBrowser, launchBrowser, openPage } from '../browser/support/browser';
import { startAttackerSite, webUrl, type AttackerSite } from './support/web';

const SECTION_PATH = '/articles/rebuilding-connection/where-rebuilding-usually-begins';
const HELD_BODY = 'You are pathetic, grow up.';

/** The three shapes of a Remix write to one route: document, single fetch, legacy `_data`. */
function shapes(path: string, routeId: string): Array<[string, string]> {
  const [pathname, search] = path.split('?');
  const query = search ? `?${search}` : '';
  const and = search ? `${query}&` : '?';
  return [
    ['document', path],
    ['.data', `${pathname}.data${query}`],
    ['?_data', `${path}${and}_data=${encodeURIComponent(routeId)}`],
  ];
}

const ORIGINS: Array<[string, string]> = [
  ['another site (localhost)', 'localhost'],
  ['the same site on another port (127.0.0.1)', '127.0.0.1'],
];

async function cookie(context: BrowserContext, name: string): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === name)?.value;
}

/** Opens the attacker's page, which posts at once; resolves with the web app's answer to that post. */
async function attack(page: Page, site: AttackerSite, host: string, target: string, fields: Record<string, string>) {
  const webOrigin = new URL(webUrl()).origin;
  const answered = page.waitForResponse((r) => r.url().startsWith(webOrigin) && r.request().method() === 'POST');
  await page.goto(site.url(host, webUrl(target), fields));
  const response = await answered;
  return response.status();
}

async function supportCount(postId: string): Promise<number> {
  const data = await graphql<{ post: { reactions: Array<{ kind: string; count: number }> } }>(
    `
      query ($id: ID!) {
        post(id: $id) {
          reactions {
            kind
            count
          }
        }
      }
    `,
    { id: postId },
  );
  return data.post.reactions.find((r) => r.kind === 'SUPPORT')?.count ?? 0;
}

describeBrowser('writes from other sites’ pages, in Chromium', () => {
  let browser: Browser;
  let site: AttackerSite;
  let section: string;
  let reader: { id: string; authorKey: string };
  let intruder: { id: string; authorKey: string };
  let held: { id: string; authorKey: string };
  let admin: Account;

  beforeAll(async () => {
    browser = await launchBrowser();
    site = await startAttackerSite();
    section = await sectionId('rebuilding-connection', 'where-rebuilding-usually-begins');
    reader = await seedPost({ sectionId: section, body: 'We started walking together after dinner again.' });
    // An ordinary post by the person who wants her key (its words must publish: the forged writes are the test, not the tone rules).
    intruder = await seedPost({ sectionId: section, body: 'An ordinary post: we walked by the river tonight and talked a little.' });
    held = await seedPost({ sectionId: section, body: HELD_BODY });
    admin = await createModerator(`forged-${Date.now().toString(36)}@example.org`, 'ADMIN');
  });
  afterAll(async () => {
    await site?.stop();
    await browser?.close();
  });

  describe.each(ORIGINS)('from %s', (_name, host) => {
    let context: BrowserContext;
    let page: Page;
    let readerCookie: string | undefined;

    beforeAll(async () => {
      ({ context, page } = await openPage(browser));
      // The reader brings her key to this browser the way Steady offers: pasting it on /me.
      await page.goto(webUrl('/me'));
      await page.getByLabel('Your private key').fill(reader.authorKey);
      await page.getByRole('button', { name: 'Use this key' }).click();
      await page.getByText('We started walking together after dinner again.').waitFor();
      readerCookie = await cookie(context, 'steady_author');
      expect(readerCookie).toBeTruthy();
    });
    afterAll(async () => {
      await context?.close();
    });

    afterEach(async () => {
      // Whatever the attack, the reader still holds her own key, and only hers.
      expect(await cookie(context, 'steady_author')).toBe(readerCookie);
    });

    it.each(shapes('/me', 'routes/me'))("cannot plant another person's key in the reader's browser (%s)", async (_shape, target) => {
      expect(await attack(page, site, host, target, { key: intruder.authorKey })).toBe(403);
      await page.goto(webUrl('/me'));
      await expect(page.getByText('We started walking together after dinner again.').count()).resolves.toBe(1);
      await expect(page.getByText('An ordinary post, from the person who wants her key.').count()).resolves.toBe(0);
    });

    it.each(shapes(SECTION_PATH, 'routes/articles.$slug.$section'))('cannot post in her name (%s)', async (_shape, target) => {
      const body = `Planted from ${host}, ${Math.random().toString(36).slice(2)}.`;
      const fields = { intent: 'create', formId: 'new-post', sectionId: section, body };
      expect(await attack(page, site, host, target, fields)).toBe(403);
      expect(await publishedBodies(section)).not.toContain(body);
    });

    it.each(shapes(SECTION_PATH, 'routes/articles.$slug.$section'))('cannot react in her name (%s)', async (_shape, target) => {
      const before = await supportCount(intruder.id);
      const fields = { intent: 'react', formId: `react-${intruder.id}`, postId: intruder.id, kind: 'SUPPORT' };
      expect(await attack(page, site, host, target, fields)).toBe(403);
      expect(await supportCount(intruder.id)).toBe(before);
    });

    it.each(shapes(SECTION_PATH, 'routes/articles.$slug.$section'))('cannot flag in her name (%s)', async (_shape, target) => {
      const stats = () => asModeratorAccount<{ moderationStats: { flags: number } }>(admin, '{ moderationStats { flags } }');
      const before = (await stats()).moderationStats.flags;
      const fields = { intent: 'flag', formId: `flag-${intruder.id}`, postId: intruder.id, reason: 'SPAM' };
      expect(await attack(page, site, host, target, fields)).toBe(403);
      expect((await stats()).moderationStats.flags).toBe(before);
    });

    // The flag page (ADR 027) is a write of its own: the same checks, whatever its `back`.
    it.each(shapes(`${SECTION_PATH}/flag/:post?back=${encodeURIComponent(SECTION_PATH)}`, 'routes/articles.$slug.$section_.flag.$post'))(
      'cannot flag in her name through the flag page (%s)',
      async (_shape, path) => {
        const stats = () => asModeratorAccount<{ moderationStats: { flags: number } }>(admin, '{ moderationStats { flags } }');
        const before = (await stats()).moderationStats.flags;
        const fields = { intent: 'flag', formId: `flag-${intruder.id}`, postId: intruder.id, reason: 'SPAM' };
        expect(await attack(page, site, host, path.replace(':post', intruder.id), fields)).toBe(403);
        expect((await stats()).moderationStats.flags).toBe(before);
      },
    );
  });

  describe.each(ORIGINS)('against a signed-in moderator, from %s', (_name, host) => {
    let context: BrowserContext;
    let page: Page;
    let session: string | undefined;

    beforeAll(async () => {
      ({ context, page } = await openPage(browser));
      await page.goto(webUrl('/moderate/login'));
      await page.getByLabel('E-mail').fill(admin.email);
      await page.getByLabel('Password').fill(admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/moderate$/);
      session = await cookie(context, 'steady_session');
      expect(session).toBeTruthy();
    });
    afterAll(async () => {
      await context?.close();
    });

    const heldStatus = async () => {
      const data = await graphql<{ me: { posts: { edges: Array<{ node: { id: string; status: string } }> } } }>(
        '{ me { posts(first: 10) { edges { node { id status } } } } }',
        {},
        held.authorKey,
      );
      return data.me.posts.edges.find((e) => e.node.id === held.id)?.node.status;
    };

    it.each(shapes('/moderate?index', 'routes/moderate._index'))('cannot approve a held post (%s)', async (_shape, target) => {
      expect(await heldStatus()).toBe('PENDING');
      const fields = { intent: 'approve', postId: held.id, status: 'PENDING' };
      expect(await attack(page, site, host, target, fields)).toBe(403);
      expect(await heldStatus()).toBe('PENDING');
      expect(await cookie(context, 'steady_session')).toBe(session);
    });

    it.each(shapes('/moderate?index', 'routes/moderate._index'))('cannot ban an author (%s)', async (_shape, target) => {
      const fields = { intent: 'ban-confirm', postId: held.id, reason: 'Because another site said so.' };
      expect(await attack(page, site, host, target, fields)).toBe(403);
      // Not banned: the author can still post.
      const next = await seedPost({ sectionId: section, body: 'Still here, still welcome.' }, held.authorKey);
      expect(next.id).toMatch(/^\d+$/);
      expect(await cookie(context, 'steady_session')).toBe(session);
    });
  });
});
