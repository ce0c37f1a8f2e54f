import { findChromium } from './chromium';
import { startStack, type Stack } from './stack';

declare global {
  var __STEADY_STACK__: Stack | undefined;
}

/**
 * Starts the built API and web app once for every browser spec. Without Chromium or a database
 * the specs are skipped (and counted as skipped) with one plain line, unless
 * STEADY_REQUIRE_BROWSER=1 (CI), where that is a failure.
 */
export default async function globalSetup(): Promise<void> {
  const chromium = findChromium();
  const databaseUrl = process.env.DATABASE_URL;
  const reason = !chromium.path
    ? `no Chromium found at ${chromium.looked.join(' or ')} (install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH)`
    : !databaseUrl
      ? 'DATABASE_URL is not set (the test runner provides a fresh database for them)'
      : null;

  if (reason) {
    if (process.env.STEADY_REQUIRE_BROWSER === '1') {
      throw new Error(`Browser tests must run here (STEADY_REQUIRE_BROWSER=1), but cannot: ${reason}.`);
    }
    console.log(`\nBrowser tests skipped: ${reason}.`);
    process.env.STEADY_BROWSER_SKIP = reason;
    return;
  }

  const stack = await startStack(databaseUrl!);
  globalThis.__STEADY_STACK__ = stack;
  process.env.STEADY_WEB_URL = stack.webUrl;
  process.env.STEADY_API_URL = stack.apiUrl;
  process.env.STEADY_CHROMIUM = chromium.path!;
}
