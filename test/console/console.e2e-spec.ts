import type { Browser } from 'playwright-core';
import { caseDriver, type ReceivedCase } from '../support/case-driver';
import { ageClock } from '../support/clocks';
import { launchChromium, newContext, shoot } from '../support/browser';
import { BROWSER_MS, consoleOf, inlineCode, signIn } from '../support/console';
import { CLERK, OFFICER, SUPERVISOR, TEST_STAFF_PASSWORD } from '../support/fixtures';
import { startStack, type InProcessStack } from '../support/stack';

/** The cookies of a `set-cookie` answer as `name=value` pairs, for the next request's Cookie header. */
const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** The CSRF token of the first form of an HTML page. */
const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/**
 * The console in a real browser (Debian's Chromium through playwright-core): staff sign in and out
 * with an httpOnly SameSite=Strict cookie, form posts without the CSRF token refused, a strict CSP
 * and no inline code. The applicant's room has its own file (applicant.e2e-spec.ts).
 * Every page is photographed at desktop width and 375 px (test-artifacts/screenshots/).
 */
describe('console', () => {
  let stack: InProcessStack;
  let browser: Browser;
  let base: string;
  let kase: ReceivedCase;
  let atWindow: ReceivedCase;

  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
    base = consoleOf(stack);
    browser = await launchChromium();
    // Real cases, through the JSON api: one received, checked, forwarded by courier, checked in and
    // accepted; one still at the window. Other test files of the run share the worklists, so each case's
    // clock is aged far into the past: it is the soonest due, the first row of its list.
    const driver = caseDriver(stack.call, 16_000);
    kase = await driver.accepted();
    atWindow = await driver.verified();
    await ageClock(stack.dataSource, kase.id, 'decision', 400);
    await ageClock(stack.dataSource, atWindow.id, 'forward', 400);
  }, BROWSER_MS);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it(
    'signs a clerk in with an httpOnly, SameSite=Strict cookie, shows the window worklist, and signs out',
    async () => {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      await page.goto('/console');
      await shoot(page, 'front-door');
      await signIn(page, CLERK.as);
      expect(new URL(page.url()).pathname).toBe('/console/staff');
      await expect(page.locator('h1').textContent()).resolves.toBe('收件窗口工作台');
      await expect(page.locator('table.list').textContent()).resolves.toContain(atWindow.caseNumber);
      // The session cookie goes to the console and the queue dashboard (/admin/queues) only.
      const sessions = (await context.cookies()).filter((c) => c.name === 'pa_staff');
      expect(sessions.map((c) => c.path).sort()).toEqual(['/admin/queues', '/console']);
      for (const session of sessions) expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      await shoot(page, 'clerk-home');

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/console/sign-in');
      expect((await context.cookies()).some((c) => c.name === 'pa_staff')).toBe(false);
      await page.goto('/console/staff');
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
      await shoot(page, 'staff-sign-in');

      await signIn(page, CLERK.as, 'not-the-password-1');
      await expect(page.getByRole('alert').textContent()).resolves.toContain('用户名或密码不正确');
      await expect(page.getByLabel('用户名').inputValue()).resolves.toBe(CLERK.as);
      await shoot(page, 'staff-sign-in-refused');
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    "shows the officer the inbox queues with counts and the supervisor the division's counts",
    async () => {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      await signIn(page, OFFICER.as);
      await expect(page.locator('h1').textContent()).resolves.toBe('业务属地部门工作台');
      const queues = page.locator('table.counts');
      await expect(queues.textContent()).resolves.toContain('已受理，办理中');
      await expect(page.locator('table.list').nth(1).textContent()).resolves.toContain(kase.caseNumber);
      await shoot(page, 'officer-home');
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/console/sign-in');

      await signIn(page, SUPERVISOR.as);
      await expect(page.locator('h1').textContent()).resolves.toBe('督查工作台');
      await expect(page.locator('table.counts').textContent()).resolves.toMatch(/在办合计\s*\d+/);
      await shoot(page, 'supervisor-home');
      await context.close();
    },
    BROWSER_MS,
  );

  it('refuses a form post without its CSRF token, and takes it with the token', async () => {
    const form = await fetch(`${base}/console/sign-in`);
    const cookie = cookiesOf(form);
    const token = tokenIn(await form.text());
    expect(cookie).toContain('pa_csrf=');
    const post = (body: Record<string, string>, withCookie = cookie) =>
      fetch(`${base}/console/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: withCookie },
        body: new URLSearchParams(body).toString(),
      });
    const credentials = { username: CLERK.as, password: TEST_STAFF_PASSWORD };

    const without = await post(credentials);
    expect(without.status).toBe(403);
    expect(without.headers.get('set-cookie') ?? '').not.toContain('pa_staff=');
    await expect(without.text()).resolves.toContain('页面已过期或来源不明');
    const forged = await post({ ...credentials, _csrf: 'forged-token' });
    expect(forged.status).toBe(403);
    const noSecret = await post({ ...credentials, _csrf: token }, '');
    expect(noSecret.status).toBe(403);
    const signOut = await fetch(`${base}/console/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: '',
    });
    expect(signOut.status).toBe(403);

    const taken = await post({ ...credentials, _csrf: token });
    expect(taken.status).toBe(303);
    expect(taken.headers.get('location')).toBe('/console/staff');
    expect(taken.headers.get('set-cookie')).toMatch(/pa_staff=[^;]+;.*HttpOnly.*SameSite=Strict/i);
  });

  it(
    'sends a strict CSP with every console page, none with the JSON api, and no page holds inline code',
    async () => {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await signIn(page, OFFICER.as);
      await page.waitForFunction(() => 'htmx' in globalThis);
      const pages = ['/console', '/console/sign-in', '/console/track', '/console/staff'];
      for (const path of pages) {
        const answer = await page.goto(path);
        const csp = (await answer!.allHeaders())['content-security-policy'];
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("default-src 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(inlineCode(await page.content())).toEqual([]);
      }
      expect(violations).toEqual([]);

      const json = await fetch(`${stack.baseUrl}/health`);
      expect(json.headers.get('content-security-policy')).toBeNull();
      const htmx = await fetch(`${base}/console/assets/htmx.min.js`);
      expect(htmx.status).toBe(200);
      expect(htmx.headers.get('content-type')).toMatch(/javascript/);
      expect((await fetch(`${base}/console/assets/package.json`)).status).toBe(404);

      const refused = await page.request.post('/console/sign-out', { form: { _csrf: 'stale' } });
      expect(refused.status()).toBe(403);
      await page.setContent(await refused.text());
      await shoot(page, 'error-page');
      await context.close();
    },
    BROWSER_MS,
  );

  it('keeps the JSON api refusing form bodies (415) and its docs at /docs', async () => {
    const form = await fetch(`${stack.baseUrl}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=${CLERK.as}&password=${TEST_STAFF_PASSWORD}`,
    });
    expect(form.status).toBe(415);
    await expect(form.json()).resolves.toMatchObject({ statusCode: 415, details: [{ field: 'body' }] });
    expect((await fetch(`${base}/docs`)).status).toBe(200);
    const token = await stack.call('POST', '/auth/token', {
      body: { username: CLERK.as, password: TEST_STAFF_PASSWORD },
    });
    expect(token.status).toBe(200);
  });
});
