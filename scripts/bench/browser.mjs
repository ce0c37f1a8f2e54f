// The section page in Chromium (scenario `web-browser`): the JavaScript a reader's page loads and
// its Largest Contentful Paint on a throttled phone (bench/browser-page.mjs says how).
import { measurePage } from '../../bench/browser-page.mjs';
import { authorKey } from '../../bench/seed.mjs';
import { ONLY, log } from './options.mjs';

export async function browserRun({ web, articleSlug, main }) {
  if (ONLY && !ONLY.has('web-browser')) return null;
  // A reader with a key (no page cache), on page 1 of the main section: 20 posts, one with 60 replies.
  const url = `${web.url}/articles/${articleSlug}/${main.slug}`;
  log(`Scenario web-browser: ${url} in Chromium (JavaScript shipped, LCP on Slow 4G + 4x CPU)…`);
  const result = await measurePage({ url, key: authorKey(0), runs: 3 });
  if (result.skipped) log(`  skipped: ${result.skipped}`);
  else
    log(
      `  JavaScript ${(result.javaScript.gzipBytes / 1024).toFixed(1)} KB gzip in ${result.javaScript.modules} modules; LCP ${result.lcp.lcpMs} ms`,
    );
  return result;
}
