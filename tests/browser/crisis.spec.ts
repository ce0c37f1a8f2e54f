// The crisis screen: a post that says its author may be in danger is met, at once and before
// anything else, with a warm message and ways to reach help, with JavaScript off and on.
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, describeBrowser, expectNoAxeViolations, launchBrowser, openPage, PHONE, webUrl } from './support/browser';
import { approveAfterwards } from './support/api';
import { ARTICLE } from './support/fixtures';

const SECTION = `${ARTICLE}/where-to-go-next`;
const CRISIS = 'I want to kill myself tonight.';

/** Where on the page (in document order) a piece of text first appears; -1 when it does not. */
function positionOf(page: Page, text: string): Promise<number> {
  return page.evaluate((needle) => document.body.innerText.indexOf(needle), text);
}

/** The large buttons at the top of /help, as [what they say, where they lead]. */
async function firstButtons(page: Page): Promise<string[][]> {
  return page
    .locator('.help-now .help-button')
    .evaluateAll((links) => links.map((link) => [link.textContent.trim(), link.getAttribute('href')!]));
}

async function expectHelpFirst(
  page: Page,
  { axe, viewport, heading = 'If you are in danger' }: { axe: boolean; viewport: { width: number; height: number }; heading?: string },
) {
  expect(new URL(page.url()).pathname).toBe('/help');
  await expect(page.locator('h1').textContent()).resolves.toBe(heading);
  // The page opens at its main content, smoothly with JavaScript: measure once it is there.
  if (axe) await page.waitForFunction(() => Math.abs(document.getElementById('main')!.getBoundingClientRect().top) < 1);
  const message = page.locator('.help .notice-care');
  await expect(message.getAttribute('role')).resolves.toBe('status');
  // The words say where help is, and it is there: on this page, not "beside" the message.
  const words = (await message.textContent())!.trim();
  expect(words).toMatch(/on this page/);
  expect(words).not.toMatch(/beside/);
  const back = page.getByRole('link', { name: 'go back to the conversation' });
  const href = new URL((await back.getAttribute('href'))!, webUrl());
  expect(href.pathname).toBe(new URL(webUrl(SECTION)).pathname);
  expect(href.hash).toMatch(/^#post-\d+$/);
  await expect(page.locator('ol.thread').count()).resolves.toBe(0);

  // A browser in the United States: 911 and 988 first, to call, and 988 to text too.
  await expect(page.getByRole('heading', { name: 'Help in the United States, right now' }).count()).resolves.toBe(1);
  expect(await firstButtons(page)).toEqual([
    ['Call 911', 'tel:911'],
    ['Call 988', 'tel:988'],
    ['Text 988', 'sms:988'],
  ]);
  // Large enough to tap (WCAG 2.5.5), above the warm message, and all in the first view with the way back.
  const messageBox = (await message.boundingBox())!;
  for (const button of await page.locator('.help-now .help-button').all()) {
    const box = (await button.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.y + box.height).toBeLessThanOrEqual(messageBox.y);
  }
  const backBox = (await back.boundingBox())!;
  expect(backBox.y).toBeGreaterThan(messageBox.y);
  expect(backBox.y + backBox.height).toBeLessThanOrEqual(viewport.height);
  // Then the others: every region's services, with numbers to tap.
  const backAt = await positionOf(page, 'go back to the conversation');
  for (const number of ['116 123', '1-800-799-7233', '112']) {
    const link = page.locator('.resources a', { hasText: number }).first();
    await expect(link.getAttribute('href')).resolves.toBe(`tel:${number.replace(/\D/g, '')}`);
    expect(await positionOf(page, number)).toBeGreaterThan(backAt);
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
    await approveAfterwards(posted, 'crisis');
  });

  describe.each([
    ['on a phone (390×844)', PHONE],
    ['on a desktop (1280)', DESKTOP],
  ])('%s', (_name, viewport) => {
    test('with JavaScript off, the numbers to call come first, then the warm message and the way back', async () => {
      const { context, page } = await openPage(browser, { javaScriptEnabled: false, viewport, locale: 'en-US' });
      await page.goto(webUrl(SECTION));
      await page.getByLabel('Share your thoughts').fill(CRISIS);
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      posted.push(await expectHelpFirst(page, { axe: false, viewport }));

      // Another region, without JavaScript: a plain link, and the way back stays.
      await page.getByRole('link', { name: 'Choose where you are' }).click();
      await page.getByRole('navigation', { name: 'Where are you?' }).getByRole('link', { name: 'Canada' }).click();
      expect(new URL(page.url()).searchParams.get('region')).toBe('canada');
      expect(await firstButtons(page)).toEqual([
        ['Call 911', 'tel:911'],
        ['Call 9-8-8', 'tel:988'],
        ['Text 9-8-8', 'sms:988'],
      ]);
      await page.getByRole('link', { name: 'go back to the conversation' }).click();
      const mine = page.locator('article.post', { hasText: CRISIS });
      await expect(mine.locator('.post-status').textContent()).resolves.toMatch(/Waiting for a moderator/);
      await context.close();
    });

    test('with JavaScript on, the same', async () => {
      const { context, page } = await openPage(browser, { viewport, locale: 'en-US' });
      await page.goto(webUrl(SECTION));
      await page.getByLabel('Share your thoughts').fill(CRISIS);
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/help');
      await page.locator('.help .notice-care').waitFor();
      posted.push(await expectHelpFirst(page, { axe: true, viewport }));

      await page.getByRole('navigation', { name: 'Where are you?' }).getByRole('link', { name: 'United Kingdom' }).click();
      await page.waitForURL((url) => url.searchParams.get('region') === 'united-kingdom');
      await page.getByRole('heading', { name: 'Help in the United Kingdom, right now' }).waitFor();
      expect(await firstButtons(page)).toEqual([
        ['Call 999', 'tel:999'],
        ['Call 116 123', 'tel:116123'],
      ]);
      await expect(page.getByRole('link', { name: 'go back to the conversation' }).count()).resolves.toBe(1);
      await expectNoAxeViolations(page);
      await context.close();
    });
  });

  // The writer fears for someone else (the engine's concern OTHER): the same numbers first, and the page speaks to a helper.
  const FOR_SOMEONE_ELSE =
    'My sister keeps saying she wants to die and she has been giving her things away. I am so scared for her, what do I do?';
  test.each([
    ['on a phone, JavaScript off', PHONE, false],
    ['on a desktop, JavaScript on', DESKTOP, true],
  ])('a post that fears for someone else: the numbers first, then how to help them (%s)', async (_name, viewport, js) => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: js, viewport, locale: 'en-US' });
    await page.goto(webUrl(SECTION));
    await page.getByLabel('Share your thoughts').fill(FOR_SOMEONE_ELSE);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/help');
    await page.locator('.help .notice-care').waitFor();
    posted.push(await expectHelpFirst(page, { axe: js, viewport, heading: 'If someone you care about is in danger' }));
    const helping = page.getByRole('region', { name: 'Helping someone through this' });
    await expect(helping.textContent()).resolves.toMatch(/call or text the services above about someone else/);
    // After the way back, not between the buttons and it.
    expect(await positionOf(page, 'Helping someone through this')).toBeGreaterThan(await positionOf(page, 'go back to the conversation'));
    await context.close();
  });

  test.each([
    [
      'en-GB',
      'United Kingdom',
      [
        ['Call 999', 'tel:999'],
        ['Call 116 123', 'tel:116123'],
      ],
    ],
    [
      'fr-CA',
      'Canada',
      [
        ['Call 911', 'tel:911'],
        ['Call 9-8-8', 'tel:988'],
        ['Text 9-8-8', 'sms:988'],
      ],
    ],
    ['ja-JP', 'International', [['Open findahelpline.com', 'https://findahelpline.com']]],
  ])('the region comes from the browser’s language (%s), with JavaScript off', async (locale, region, buttons) => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false, viewport: PHONE, locale });
    await page.goto(webUrl('/help'));
    expect(await firstButtons(page)).toEqual(buttons);
    const current = page.getByRole('navigation', { name: 'Where are you?' }).locator('a[aria-current]');
    await expect(current.textContent()).resolves.toBe(region === 'International' ? 'Somewhere else' : region);
    await context.close();
  });
});
