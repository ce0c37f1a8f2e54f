/* global document, window */
// A page as a reader's browser gets it (issue 15), in real Chromium (playwright-core, CHROMIUM_PATH
// or Debian's /usr/bin/chromium):
//  - JavaScript shipped: every script the page requests until the network is quiet (modulepreloads,
//    the route modules, anything loaded lazily after hydration), each gzipped (level 9, as a
//    server or CDN would send it) and summed; plus the inline scripts' size, for reference;
//  - Largest Contentful Paint on a throttled phone: DevTools' "Slow 4G" (562.5 ms latency,
//    1.44 Mbit/s down, 675 kbit/s up) and a 4x CPU slowdown, through the DevTools protocol, a
//    390 x 844 screen, cold cache; the median of `runs` loads.
// Asserts nothing about time. Used by `npm run bench` (scenario `web-browser`) and on its own:
//   node bench/browser-page.mjs <url> [author key] [runs]
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

/** DevTools' "Slow 4G" preset (front_end/core/sdk/NetworkManager.ts), in the protocol's units (bytes/s, ms). */
export const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};
export const CPU_SLOWDOWN = 4;
const PHONE = { width: 390, height: 844 };

export function chromiumPath() {
  for (const candidate of [process.env.CHROMIUM_PATH, process.env.STEADY_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}

/** The web app's cookie for an author key, as Remix writes it: base64 of the JSON string, URL-encoded. */
function keyCookie(url, key) {
  return {
    name: 'steady_author',
    value: encodeURIComponent(Buffer.from(JSON.stringify(key)).toString('base64')),
    url: new URL('/', url).toString(),
  };
}

async function newContext(browser, url, key, options = {}) {
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  if (key) await context.addCookies([keyCookie(url, key)]);
  return context;
}

/** The scripts a reader's page loads, gzipped and summed. */
export async function javaScriptShipped(browser, url, key) {
  const context = await newContext(browser, url, key);
  const page = await context.newPage();
  const scripts = new Map();
  page.on('response', async (response) => {
    const request = response.request();
    if (request.resourceType() !== 'script' && !/\.m?js(\?|$)/.test(new URL(response.url()).pathname)) return;
    try {
      const body = await response.body();
      scripts.set(response.url(), { bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
    } catch {
      // a redirect or a cancelled request: nothing was shipped
    }
  });
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
  // Hydrated: the forms carry the "JavaScript ran" field. Then whatever loads lazily after it.
  await page.locator('input[name="_js"]').first().waitFor({ state: 'attached', timeout: 30000 });
  await page.waitForLoadState('networkidle');
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')].reduce((n, s) => n + new TextEncoder().encode(s.textContent ?? '').length, 0),
  );
  await context.close();
  const modules = [...scripts.entries()].map(([u, s]) => ({ path: new URL(u).pathname, ...s })).sort((a, b) => b.gzip - a.gzip);
  return {
    modules: modules.length,
    bytes: modules.reduce((n, m) => n + m.bytes, 0),
    gzipBytes: modules.reduce((n, m) => n + m.gzip, 0),
    inlineScriptBytes: inline,
    largest: modules.slice(0, 8),
  };
}

/** One cold load on the throttled phone profile: LCP (ms after navigation start), and what it was. */
async function lcpOnce(browser, url, key) {
  const context = await newContext(browser, url, key, { viewport: PHONE, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.addInitScript(() => {
    // The last candidate before the first input is the page's LCP.
    window.__lcp = { time: 0, element: '' };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const el = entry.element;
        window.__lcp = {
          time: entry.startTime,
          element: el
            ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`
            : '',
          size: entry.size,
        };
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  const response = await page.goto(url, { waitUntil: 'load', timeout: 120000 });
  if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
  await page.waitForTimeout(500);
  const result = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      lcp: window.__lcp,
      ttfb: nav?.responseStart ?? null,
      htmlTransferBytes: nav?.transferSize ?? null,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
      load: nav?.loadEventEnd ?? null,
    };
  });
  await context.close();
  return result;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function largestContentfulPaint(browser, url, key, runs = 3) {
  const loads = [];
  for (let i = 0; i < runs; i++) loads.push(await lcpOnce(browser, url, key));
  const round = (x) => (x == null ? null : Math.round(x));
  return {
    profile: `Slow 4G (${SLOW_4G.latency} ms, ${Math.round((SLOW_4G.downloadThroughput * 8) / 1000)} kbit/s down) + ${CPU_SLOWDOWN}x CPU, ${PHONE.width}x${PHONE.height}`,
    runs,
    lcpMs: round(median(loads.map((l) => l.lcp.time))),
    lcpMsEach: loads.map((l) => round(l.lcp.time)),
    lcpElement: loads[loads.length - 1].lcp.element,
    ttfbMs: round(median(loads.map((l) => l.ttfb))),
    domContentLoadedMs: round(median(loads.map((l) => l.domContentLoaded))),
    loadMs: round(median(loads.map((l) => l.load))),
    htmlTransferBytes: loads[loads.length - 1].htmlTransferBytes,
  };
}

/** Both figures for one page; null (with the reason) when no Chromium is installed. */
export async function measurePage({ url, key = null, runs = 3 }) {
  const executablePath = chromiumPath();
  if (!executablePath) return { skipped: 'no Chromium (set CHROMIUM_PATH)' };
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const javaScript = await javaScriptShipped(browser, url, key);
    const lcp = await largestContentfulPaint(browser, url, key, runs);
    return { url: new URL(url).pathname, reader: key ? 'with a key (cookie)' : 'without a cookie', javaScript, lcp };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, key, runs] = process.argv.slice(2);
  if (!url) {
    console.error('Usage: node bench/browser-page.mjs <url> [author key] [runs]');
    process.exit(2);
  }
  const result = await measurePage({ url, key: key || null, runs: runs ? Number(runs) : 3 });
  const js = result.javaScript;
  if (js) {
    console.error(
      `JavaScript shipped: ${(js.gzipBytes / 1024).toFixed(1)} KB gzip (${(js.bytes / 1024).toFixed(1)} KB) in ${js.modules} modules`,
    );
    console.error(
      `LCP: ${result.lcp.lcpMs} ms (${result.lcp.lcpMsEach.join(', ')}) on ${result.lcp.profile}; element ${result.lcp.lcpElement}`,
    );
  }
  console.log(JSON.stringify(result));
}
