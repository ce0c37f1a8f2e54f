import { findChromium } from '../../browser/support/chromium';
import { startStack } from '../../browser/support/stack';
// Brings the browser suite's `declare global` for __STEADY_STACK__ (its teardown stops the stack).
import type {} from '../../browser/support/global-setup';

/**
 * Starts the built API and web app once for every security spec. Unlike the browser suite, the
 * stack starts without Chromium too: most attacks are plain HTTP. Specs that need a browser use
 * `describeBrowser` from ../../browser/support/browser, which skips (and says why) without one.
 */
export default async function globalSetup(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Security tests need DATABASE_URL (the test runner provides a fresh database).');
  const chromium = findChromium();
  if (!chromium.path) {
    const reason = `no Chromium found at ${chromium.looked.join(' or ')}`;
    if (process.env.STEADY_REQUIRE_BROWSER === '1') {
      throw new Error(`Browser security tests must run here (STEADY_REQUIRE_BROWSER=1), but cannot: ${reason}.`);
    }
    console.log(`\nSecurity tests in Chromium skipped: ${reason}.`);
    process.env.STEADY_BROWSER_SKIP = reason;
  } else {
    process.env.STEADY_CHROMIUM = chromium.path;
  }
  const stack = await startStack(databaseUrl);
  globalThis.__STEADY_STACK__ = stack;
  process.env.STEADY_WEB_URL = stack.webUrl;
  process.env.STEADY_API_URL = stack.apiUrl;
}
