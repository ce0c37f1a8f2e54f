import type { Browser } from 'playwright-core';
import { describeBrowser, launchBrowser, openPage } from './support/browser';
import { freePort, startWeb } from './support/stack';

describeBrowser('when the API cannot be reached', () => {
  let browser: Browser;
  let web: Awaited<ReturnType<typeof startWeb>>;
  beforeAll(async () => {
    // A port where nothing listens.
    web = await startWeb(`http://127.0.0.1:${await freePort()}/graphql`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  test('pages say so calmly, with status 503', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    const response = await page.goto(`${web.webUrl}/articles/rebuilding-connection`);
    expect(response?.status()).toBe(503);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe("Steady can't reach its discussions right now");
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'If you are in danger' }).count()).resolves.toBe(1);
    await context.close();
  });

  test('the help page still lists services that can help', async () => {
    const { context, page } = await openPage(browser, { javaScriptEnabled: false });
    const response = await page.goto(`${web.webUrl}/help`);
    expect(response?.status()).toBe(200);
    await expect(page.getByText('Call or text 988').count()).resolves.toBe(1);
    await context.close();
  });
});
