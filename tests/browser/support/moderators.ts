import type { Page } from 'playwright-core';
import type { Account } from './api';
import { webUrl } from './browser';

/** Signs a moderator in through the sign-in form (any web server: `loginUrl`), and waits for the queue. */
export async function signIn(page: Page, account: Account, loginUrl = webUrl('/moderate/login')): Promise<void> {
  await page.goto(loginUrl);
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/moderate$/);
  await page.getByRole('heading', { level: 1, name: 'Waiting for review' }).waitFor();
}
