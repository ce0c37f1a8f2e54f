import type { Page } from 'playwright-core';
import { webUrl } from './browser';

/**
 * Opens a thread page and follows "Show more posts" until the post is on the page: the shared
 * database fills a section's first pages with other specs' posts.
 */
export async function openThreadAt(page: Page, threadPath: string, postId: string): Promise<void> {
  await page.goto(webUrl(threadPath));
  for (let pages = 1; (await page.locator(`#post-${postId}`).count()) === 0; pages++) {
    if (pages >= 50) throw new Error(`post ${postId} is on none of the first 50 pages of ${threadPath}`);
    const more = page.locator('#more-posts a');
    if ((await more.count()) === 0) throw new Error(`post ${postId} is on no page of ${threadPath}`);
    await page.goto(new URL((await more.getAttribute('href'))!, page.url()).toString());
  }
  await page.locator(`#post-${postId}`).waitFor();
}
