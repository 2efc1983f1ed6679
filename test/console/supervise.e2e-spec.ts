import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { caseDriver, type ReceivedCase } from '../support/case-driver';
import { ageClockPastDue } from '../support/clocks';
import { launchChromium, newContext, shoot } from '../support/browser';
import { BROWSER_MS, consoleOf, inlineCode, signIn } from '../support/console';
import { CLERK, nextWaybill, OFFICER, SUPERVISOR } from '../support/fixtures';
import { startStack, type InProcessStack } from '../support/stack';
import { QUEUE_BOARD_CSP } from '../../apps/api/src/queue-board/queue-board';

/** The seeded admin account (demo accounts: `admin`). */
const ADMIN = { as: 'admin' };

/** Today in Beijing, yyyy-mm-dd. */
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The bar of links to the staff's rooms, at the top of every staff page. */
const nav = (page: Page) => page.getByRole('navigation', { name: '工作区' });

/** The queues of the job map (libs/transfer QUEUES), as bull-board lists them. */
const QUEUES = ['courier', 'parcel-tracking', 'scan', 'result-delivery', 'notify'];

/**
 * The supervisor's room (statistics as charts and tables, each table's CSV) and the admin's
 * (accounts, the calendar's official years, the queue dashboard at /admin/queues) in a real browser,
 * on real cases driven through the JSON api. Every page photographed at desktop width and 375 px.
 */
describe('console: the supervisor and the admin', () => {
  let stack: InProcessStack;
  let browser: Browser;
  let base: string;
  let late: ReceivedCase;

  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
    base = consoleOf(stack);
    browser = await launchChromium();
    // Two cases of 定海区 (舟山市, the supervisor's division) for 上海市浦东新区: one decided, its result
    // delivered and rated (stopped clocks, an evaluation); one accepted, its decision clock past due.
    const driver = caseDriver(stack.call, 27_500);
    const rated = await driver.accepted();
    await driver.send(rated, OFFICER, {
      type: 'APPROVE',
      result: { documentType: '公证书', documentNumber: rated.caseNumber },
    });
    await driver.send(rated, OFFICER, {
      type: 'DISPATCH_RESULT',
      method: 'mail',
      waybillNumber: nextWaybill('EMS'),
    });
    await driver.reach(rated, 'resultDelivered');
    const evaluation = await stack.call(
      'POST',
      `/track/${rated.caseNumber}/evaluation?code=${rated.queryCode}`,
      {
        body: { grade: 'satisfied' },
      },
    );
    expect(evaluation.status).toBe(201);
    late = await driver.accepted();
    await ageClockPastDue(stack.dataSource, late.id, 'decision');
  }, 4 * BROWSER_MS);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** The text of every `<svg>` chart of `page`, its `<title>` first. */
  const charts = (page: Page) =>
    page.locator('figure.chart svg').evaluateAll((svgs) =>
      svgs.map((svg) => ({
        title: svg.querySelector('title')?.textContent ?? '',
        text: svg.textContent ?? '',
      })),
    );

  it(
    "shows the supervisor the division's statistics as SVG charts with their tables, each table as CSV",
    async () => {
      const context = await newContext(browser, base, { acceptDownloads: true });
      const page = await context.newPage();
      await signIn(page, SUPERVISOR.as);
      await nav(page).getByRole('link', { name: '督查统计' }).click();
      await page.waitForURL('**/console/staff/statistics');
      expect(inlineCode(await page.content())).toEqual([]);

      const drawn = await charts(page);
      expect(drawn.map((c) => c.title)).toEqual([
        '各环节用时：已结束时限所用法定工作日',
        '各责任方在计时限：已超期与预警',
        '按月跨域办件：本地窗口代收外地件与外地窗口代收本地件',
        '各收件窗口满意率（非常满意、满意、基本满意所占比例）',
        '各业务属地部门满意率（非常满意、满意、基本满意所占比例）',
      ]);
      // Axis titles, and every value written as words beside its bar.
      for (const c of drawn) expect(c.text).toMatch(/纵轴：.+横轴：/s);
      expect(drawn[0].text).toMatch(/中位数 \d+(\.\d)? 个工作日/);
      expect(drawn[1].text).toContain('业务属地部门');
      expect(drawn[1].text).toMatch(/已超期 [1-9]\d* 件/);
      expect(drawn[2].text).toMatch(/代收外地 [1-9]\d* 件/);
      expect(drawn[3].text).toContain('定海区行政服务中心');
      expect(drawn[3].text).toMatch(/满意率 \d+(\.\d)?%/);

      // The table beside each chart holds the same numbers, with the CSV's header row.
      const byParty = page.locator('#table-late-clocks-by-party');
      await expect(byParty.locator('thead').textContent()).resolves.toBe('责任方超期预警');
      const overdue = await byParty
        .locator('tr', { hasText: '业务属地部门' })
        .locator('td')
        .first()
        .textContent();
      expect(drawn[1].text).toContain(`已超期 ${overdue} 件`);
      await expect(page.locator('table.stats').count()).resolves.toBe(5);
      await shoot(page, 'supervisor-statistics');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '导出“各责任方超期与预警” CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('statistics-late-clocks-by-party.csv');
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv.split('\r\n')[0]).toBe('\uFEFF责任方,超期,预警');
      expect(csv).toContain(`业务属地部门,${overdue},`);

      // A period: today only (Beijing); the CSV links carry it.
      await page.getByLabel('收件日期自').fill(beijingToday());
      await page.getByLabel('至（含当日）').fill(beijingToday());
      await page.getByRole('button', { name: '查看' }).click();
      await page.waitForURL(`**/console/staff/statistics?from=${beijingToday()}&to=${beijingToday()}`);
      await expect(page.locator('main > p').first().textContent()).resolves.toContain(
        `收件日期 ${beijingToday()} 至 ${beijingToday()}`,
      );
      await expect(page.getByRole('link', { name: '预警与超期时限明细' }).getAttribute('href')).resolves.toBe(
        `/console/staff/statistics/late-clocks.csv?from=${beijingToday()}&to=${beijingToday()}`,
      );
      await expect(page.locator('#table-late-clocks-by-party').textContent()).resolves.toContain(
        '业务属地部门',
      );
      await shoot(page, 'supervisor-statistics-today');
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    'refuses the rooms to other roles: the statistics to a clerk, the accounts and calendar to a supervisor',
    async () => {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      await signIn(page, CLERK.as);
      expect((await page.goto('/console/staff/statistics'))?.status()).toBe(403);
      await expect(page.locator('main').textContent()).resolves.toContain('您的岗位无权进行此操作');
      await shoot(page, 'statistics-refused');
      await context.clearCookies();
      await signIn(page, SUPERVISOR.as);
      expect((await page.goto('/console/staff/admin/accounts'))?.status()).toBe(403);
      expect((await page.goto('/console/staff/admin/calendar'))?.status()).toBe(403);
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    'lets an admin create an account, reset its password and deactivate it (then it cannot sign in)',
    async () => {
      const username = `clerk-h6-${Date.now() % 1_000_000}`;
      const admin = await newContext(browser, base);
      const page = await admin.newPage();
      await signIn(page, ADMIN.as);
      await nav(page).getByRole('link', { name: '账户管理' }).click();
      await page.waitForURL('**/console/staff/admin/accounts');
      expect(inlineCode(await page.content())).toEqual([]);
      await expect(page.locator('table.accounts').textContent()).resolves.toContain(CLERK.as);
      await shoot(page, 'admin-accounts');

      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('初始密码').fill('first-password-01');
      await page.getByLabel('岗位', { exact: true }).selectOption('clerk');
      await page.getByLabel('绑定窗口（收件窗口岗位）').selectOption('W330902');
      await page.getByRole('button', { name: '开设账户' }).click();
      await page.waitForURL(`**/console/staff/admin/accounts/${username}?done=created`);
      await expect(page.getByRole('status').textContent()).resolves.toContain('账户已创建');
      await expect(page.locator('dl.facts').textContent()).resolves.toContain('窗口 W330902');
      await shoot(page, 'admin-account-created');

      // The new clerk signs in, in a browser of their own.
      const clerk = await newContext(browser, base);
      const clerkPage = await clerk.newPage();
      await signIn(clerkPage, username, 'first-password-01');
      await expect(clerkPage.locator('h1').textContent()).resolves.toBe('收件窗口工作台');

      // A password too short is refused in Chinese, naming the rule.
      await page.getByLabel('新密码').fill('short-01');
      await page.getByRole('button', { name: '重置密码' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('密码：至少 12 个可见字符');
      await page.getByLabel('新密码').fill('second-password-02');
      await page.getByRole('button', { name: '重置密码' }).click();
      await page.waitForURL(`**/console/staff/admin/accounts/${username}?done=password`);
      await expect(page.getByRole('status').textContent()).resolves.toContain('密码已重置');
      // The clerk's session ends at the next page; the old password no longer works, the new one does.
      await clerkPage.goto('/console/staff');
      expect(new URL(clerkPage.url()).pathname).toBe('/console/sign-in');
      await signIn(clerkPage, username, 'first-password-01');
      await expect(clerkPage.getByRole('alert').textContent()).resolves.toContain('用户名或密码不正确');
      await signIn(clerkPage, username, 'second-password-02');
      expect(new URL(clerkPage.url()).pathname).toBe('/console/staff');

      // Deactivating asks for the checkbox first (no pop-up); nothing is done without it.
      await page.getByRole('button', { name: '停用账户' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('请勾选“确认停用此账户”');
      await expect(page.locator('dl.facts').textContent()).resolves.toContain('启用');
      await shoot(page, 'admin-account-deactivate-unconfirmed');
      await page.getByLabel(`确认停用此账户（${username}）`).check();
      await page.getByRole('button', { name: '停用账户' }).click();
      await page.waitForURL(`**/console/staff/admin/accounts/${username}?done=deactivated`);
      await expect(page.locator('dl.facts').textContent()).resolves.toContain('已停用');
      await shoot(page, 'admin-account-deactivated');

      await clerkPage.goto('/console/staff');
      expect(new URL(clerkPage.url()).pathname).toBe('/console/sign-in');
      await signIn(clerkPage, username, 'second-password-02');
      await expect(clerkPage.getByRole('alert').textContent()).resolves.toContain('用户名或密码不正确');
      await clerk.close();
      await admin.close();
    },
    BROWSER_MS,
  );

  it(
    "lets an admin enter a year's official arrangement and says how many clocks were recomputed",
    async () => {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      await signIn(page, ADMIN.as);
      await nav(page).getByRole('link', { name: '节假日安排' }).click();
      await page.waitForURL('**/console/staff/admin/calendar');
      expect(inlineCode(await page.content())).toEqual([]);
      const thisYear = beijingToday().slice(0, 4);
      await expect(
        page.locator('table.calendar-years tr', { hasText: thisYear }).textContent(),
      ).resolves.toMatch(/官方|内置数据|暂定/);
      await shoot(page, 'admin-calendar');

      // 2098: a year no other test counts in. A weekday as a 调休 working day is refused, naming the field.
      await page.getByLabel('年份').fill('2098');
      await page.getByLabel('放假日期').fill('2098-01-01\n2098-01-02, 2098-01-03');
      await page.getByLabel('调休上班日期（周六、周日上班）').fill('2098-01-06');
      await page.getByLabel('通知文号或标题').fill('国办发明电〔2097〕1号');
      await page.getByRole('button', { name: '录入并重新计算时限' }).click();
      const said = (await page.getByRole('alert').textContent()) ?? '';
      expect(said).toContain('调休上班日期：该年的周六或周日');
      expect(said).not.toMatch(/[a-z]{3,}/); // said in Chinese, not the service's English reason
      await expect(page.getByLabel('年份').inputValue()).resolves.toBe('2098');
      await shoot(page, 'admin-calendar-refused');

      await page.getByLabel('调休上班日期（周六、周日上班）').fill('2098-01-05');
      await page.getByRole('button', { name: '录入并重新计算时限' }).click();
      await page.waitForURL('**/console/staff/admin/calendar?stored=2098**');
      await expect(page.getByRole('status').textContent()).resolves.toMatch(
        /已录入 2098 年官方安排：重新计算了 \d+ 个时限，涉及 \d+ 件案件/,
      );
      const row = page.locator('table.calendar-years tr', { hasText: '2098' });
      await expect(row.textContent()).resolves.toContain('官方');
      await expect(row.textContent()).resolves.toContain('国办发明电〔2097〕1号');
      await shoot(page, 'admin-calendar-stored');
      const year = await stack.call('GET', '/calendar/years/2098', ADMIN);
      expect(year.body).toMatchObject({
        source: 'official',
        holidays: ['2098-01-01', '2098-01-02', '2098-01-03'],
        adjustedWorkingDays: ['2098-01-05'],
      });
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    'shows bull-board at /admin/queues with every queue to an admin, 403 to a clerk, sign-in when signed out',
    async () => {
      const signedOut = await fetch(`${base}/admin/queues`, { redirect: 'manual' });
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('location')).toBe('/console/sign-in');

      const context = await newContext(browser, base);
      const page = await context.newPage();
      await signIn(page, CLERK.as);
      const refused = await page.goto('/admin/queues');
      expect(refused?.status()).toBe(403);
      await expect(page.locator('h1').textContent()).resolves.toBe('无权访问');
      await shoot(page, 'admin-queues-refused');
      await context.clearCookies();

      await signIn(page, ADMIN.as);
      // bull-board's page has inline styles: a CSP of its own, scripts from the api only, nothing from elsewhere.
      const fetched: string[] = [];
      page.on('response', (r) => fetched.push(r.url()));
      const [board] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/queues'),
        nav(page).getByRole('link', { name: '队列看板' }).click(),
      ]);
      expect(board.headers()['content-security-policy']).toBe(QUEUE_BOARD_CSP);
      for (const queue of QUEUES) await page.getByText(queue, { exact: true }).first().waitFor();
      const api = await page.request.get('/admin/queues/api/queues');
      expect(api.status()).toBe(200);
      expect(fetched.filter((url) => !url.startsWith(base) && !url.startsWith('data:'))).toEqual([]);
      await shoot(page, 'admin-queues');
      await context.close();
    },
    BROWSER_MS,
  );
});
