import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
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
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {}
): Promise<{ context: BrowserContext; page: Page }> {
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
      violation.nodes
        .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').join(' ')}`)
        .join('\n')
  );
  expect({ url: page.url(), violations: found }).toEqual({ url: page.url(), violations: [] });
}

/** The document is no wider than the viewport: nothing scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
