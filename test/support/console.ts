import type { Page } from 'playwright-core';
import type { InProcessStack } from './stack';
import { TEST_STAFF_PASSWORD } from './fixtures';

/** A console test's time, milliseconds: Chromium on a busy two-core machine is slow to start and to render. */
export const BROWSER_MS = 120_000;

/** The console's address: the api's, without `/api/v1`. */
export const consoleOf = (stack: InProcessStack): string => stack.baseUrl.replace(/\/api\/v1$/, '');

/** Signs `page` in as `username` through the sign-in form, as a person does (keyboard: Enter submits). */
export async function signIn(page: Page, username: string, password = TEST_STAFF_PASSWORD): Promise<void> {
  await page.goto('/console/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await page.waitForLoadState('load');
}

/**
 * Inline code the CSP would block, in an HTML page: a `<script>` without `src`, an `on…=` handler
 * attribute, a `style=` attribute or a `<style>` element, a `javascript:` URL.
 */
export function inlineCode(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) if (!/\bsrc=/.test(tag)) found.push(tag);
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    if (/\son[a-z]+\s*=/i.test(tag) || /\sstyle\s*=/i.test(tag) || /javascript:/i.test(tag)) found.push(tag);
  }
  if (/<style\b/i.test(html)) found.push('<style>');
  return found;
}
