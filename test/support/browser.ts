import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/services.sh installs it when missing): no browser download. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Where the console tests leave their screenshots (git-ignored; CI keeps them as artefacts):
 * `test-artifacts/screenshots/` at the repository root, or CONSOLE_SCREENSHOTS.
 */
export const SCREENSHOTS = resolve(
  process.env.CONSOLE_SCREENSHOTS ?? join(__dirname, '../../test-artifacts/screenshots'),
);

/** A desktop counter screen, and a phone 375 px wide (the applicant's). */
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };

/**
 * Headless Chromium with the flags that keep it quiet on a machine without network or GPU: no
 * sandbox (CI runs as root), no background fetches, no component updates, no sync, its own HOME.
 */
export function launchChromium(): Promise<Browser> {
  const home = mkdtempSync(join(tmpdir(), 'pa-chromium-'));
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
    env: { ...process.env, HOME: home },
  });
}

/** A fresh browser context (no cookies) on `baseURL`, Chinese locale, Beijing's zone, other options over them. */
export function newContext(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: DESKTOP,
    ...options,
  });
}

/**
 * Screenshots of `page` as it is now, full length, at desktop width and at 375 px:
 * `<SCREENSHOTS>/<name>-desktop.png` and `<name>-375.png`; the page's viewport is put back after.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? DESKTOP;
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['375', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}
