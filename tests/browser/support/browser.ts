import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from './chromium';

const skipReason = process.env.STEADY_BROWSER_SKIP;

/** `describe`, or `describe.skip` (so the tests are counted as skipped) when the browser tests cannot run. */
export const describeBrowser: jest.Describe = skipReason ? describe.skip : describe;

export function webUrl(path = '/'): string {
  const base = process.env.STEADY_WEB_URL;
  if (!base) throw new Error('The web app was not started (STEADY_WEB_URL is not set).');
  return new URL(path, base).toString();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.STEADY_CHROMIUM,
    args: CHROMIUM_FLAGS,
    headless: true,
  });
}

/** A fresh context (axe wants pages from a context, not `browser.newPage()`). */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  const page = await context.newPage();
  return { context, page };
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe with the WCAG 2.2 AA tags and fails with a readable list of what it found. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const found = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').join(' ')}`).join('\n'),
  );
  expect({ url: page.url(), violations: found }).toEqual({ url: page.url(), violations: [] });
}

/** The document is no wider than the viewport: nothing scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Every spec about a form walks it on a desktop and a phone, with JavaScript off and on. */
export const SCREENS_AND_SCRIPT = [
  { name: 'desktop (1280)', viewport: DESKTOP, javaScriptEnabled: false, js: 'off' },
  { name: 'desktop (1280)', viewport: DESKTOP, javaScriptEnabled: true, js: 'on' },
  { name: 'phone (390)', viewport: PHONE, javaScriptEnabled: false, js: 'off' },
  { name: 'phone (390)', viewport: PHONE, javaScriptEnabled: true, js: 'on' },
];

/** Puts an author key in the browser's cookie, as Remix writes it: base64 of the JSON string, URL-encoded. */
export async function holdKey(context: BrowserContext, key: string): Promise<void> {
  const value = encodeURIComponent(Buffer.from(JSON.stringify(key)).toString('base64'));
  await context.addCookies([{ name: 'steady_author', value, url: webUrl('/') }]);
}

/** The author key this browser holds, read back from its cookie; null when it holds none. */
export async function heldKey(context: BrowserContext): Promise<string | null> {
  const cookie = (await context.cookies()).find((c) => c.name === 'steady_author');
  if (!cookie?.value) return null;
  return JSON.parse(Buffer.from(decodeURIComponent(cookie.value), 'base64').toString('utf8')) as string;
}

/** Polls `check` until it holds or `timeout` ms pass; answers what it last saw. */
async function settles(check: () => Promise<boolean>, timeout: number): Promise<boolean> {
  const until = Date.now() + timeout;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whole inside the window as it is scrolled now. */
/** Layout is in fractions of a pixel (a phone's 390 px at device scale): an edge within half a pixel is on screen. */
const SUBPIXEL = 0.5;

async function wholeInView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize()!;
  if (!box) return false;
  return box.y >= -SUBPIXEL && box.y + box.height <= height + SUBPIXEL && box.x >= -SUBPIXEL && box.x + box.width <= width + SUBPIXEL;
}

/**
 * The element is (or comes) whole into the window within `timeout` ms: smooth scrolling takes a
 * moment, longer on a loaded machine, so this polls instead of measuring once after a fixed wait.
 */
export async function expectInView(page: Page, locator: Locator, timeout = 5_000): Promise<void> {
  const seen = await settles(() => wholeInView(page, locator), timeout);
  if (!seen) {
    const box = await locator.boundingBox();
    expect({ inView: false, box, viewport: page.viewportSize() }).toEqual(expect.objectContaining({ inView: true }));
  }
}

/** The keyboard focus is (or comes, within `timeout` ms) on an element matching `selector`, or inside one. */
export async function expectFocusWithin(page: Page, selector: string, timeout = 5_000): Promise<void> {
  const focused = () => page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);
  const held = await settles(focused, timeout);
  if (!held) {
    const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? null);
    expect({ focusWithin: selector, active }).toEqual({ focusWithin: selector, active: `an element inside ${selector}` });
  }
}
