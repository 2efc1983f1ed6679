import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pdfQrCode } from '../../libs/documents/src/__tests__/pdf-probe';
import { caseDriver, type ReceivedCase } from '../support/case-driver';
import { clocksOf } from '../support/clocks';
import { launchChromium, newContext, PHONE, SCREENSHOTS, shoot } from '../support/browser';
import { BROWSER_MS, consoleOf } from '../support/console';
import { CLERK, nextWaybill, OFFICER } from '../support/fixtures';
import { checkInCase } from '../support/parcels';
import { startStack, type InProcessStack } from '../support/stack';

/** A supplement's item with a long name: it must wrap on a phone, never be cut. */
const LONG_ITEM =
  '经公证的境外学历学位认证书中文译本（须由具有翻译资质的机构出具并加盖翻译专用章，与原件核对一致）';

/**
 * The applicant's room (申请人, /console/track) as the applicant meets it: a phone 375 px wide,
 * JavaScript off, the site's largest text (特大) and browser zoom at 200 %. They scan the receipt's
 * QR code, type the query code, read the steps with their departments and the expected dates of the
 * steps to come, what a supplement asks for and by when, the result's waybill; grade the service
 * once (nothing pre-selected, a reason for a 差评), and withdraw another case after a confirmation
 * page. No page is wider than the phone. Screenshots of every page (desktop and 375 px, and the
 * 200 % zoom as `<name>-zoom200.png`).
 */
describe('console: the applicant on a phone', () => {
  let stack: InProcessStack;
  let browser: Browser;
  let base: string;
  let driver: ReturnType<typeof caseDriver>;

  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
    base = consoleOf(stack);
    browser = await launchChromium();
    driver = caseDriver(stack.call, 16_500);
  }, BROWSER_MS);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** A phone with JavaScript off, its text set to the site's largest size (特大) through the footer's form. */
  async function phone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser, base, { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/console/track');
    await page.getByRole('button', { name: /^特大/ }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('html').getAttribute('class')).resolves.toBe('text-larger');
    return { context, page };
  }

  /**
   * The page fits the phone: nothing wider than 375 px at the site's largest text, nor at 200 %
   * browser zoom (a layout viewport half as wide, 187 px, as the browser makes it); photographs both.
   */
  async function fitsPhone(page: Page, name: string): Promise<void> {
    const scrollWidth = () => page.locator('body').evaluate((body) => body.scrollWidth);
    await expect(scrollWidth()).resolves.toBeLessThanOrEqual(PHONE.width);
    await shoot(page, name);
    const zoomed = { width: Math.floor(PHONE.width / 2), height: Math.floor(PHONE.height / 2) };
    await page.setViewportSize(zoomed);
    await expect(scrollWidth()).resolves.toBeLessThanOrEqual(zoomed.width);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-zoom200.png`), fullPage: true });
    await page.setViewportSize(PHONE);
  }

  /** Opens case `c` from the sign-in form (already on it, the case number filled in or not). */
  async function openCase(page: Page, c: ReceivedCase): Promise<void> {
    await page.getByLabel('案件编号').fill(c.caseNumber);
    await page.getByLabel('查询码').fill(c.queryCode);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.waitForURL(`**/console/track/${c.caseNumber}`);
  }

  /** The due day of case `c`'s open clock of `stage`, as stored (Beijing day). */
  async function dueOf(c: ReceivedCase, stage: string): Promise<string> {
    const clock = (await clocksOf(stack.dataSource, c.id)).find(
      (k) => k.stage === stage && k.status === 'running',
    );
    if (!clock) throw new Error(`case ${c.caseNumber} has no running ${stage} clock`);
    return clock.due_date as string;
  }

  it(
    "lands from the receipt's QR code on the sign-in form, and shows the steps with departments and expected dates, masked",
    async () => {
      // Forwarded by courier and left with the carrier until it delivers (its legs recorded: the
      // page shows the carrier's steps), then checked in and accepted.
      const kase = await driver.verified();
      await driver.send(kase, CLERK, { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() });
      await driver.reach(kase, 'forwarded.awaitingCheckIn');
      await checkInCase(stack.call, OFFICER, kase.id);
      await driver.reach(kase, 'forwarded.awaitingAcceptance');
      await driver.send(kase, OFFICER, { type: 'ACCEPT' });
      const receipt = await fetch(
        `${stack.baseUrl}/track/${kase.caseNumber}/documents/acknowledgement.pdf?code=${kase.queryCode}`,
      );
      expect(receipt.status).toBe(200);
      const qr = new URL(pdfQrCode(Buffer.from(await receipt.arrayBuffer()))!);
      expect(qr.pathname).toBe(`/api/v1/track/${kase.caseNumber}`);
      expect(qr.search).toBe(''); // the query code is not in the QR code: the applicant types it
      // A JSON client at that address still gets the api's answer (400: the code is required).
      expect((await fetch(`${base}${qr.pathname}`, { headers: { accept: 'application/json' } })).status).toBe(
        400,
      );

      const { context, page } = await phone();
      await page.goto(qr.pathname);
      expect(new URL(page.url()).pathname).toBe('/console/track');
      await expect(page.getByLabel('案件编号').inputValue()).resolves.toBe(kase.caseNumber);
      // A text-size change keeps the case number the QR code filled in.
      await page.getByRole('button', { name: /^大/ }).click();
      await expect(page.getByLabel('案件编号').inputValue()).resolves.toBe(kase.caseNumber);
      await page.getByRole('button', { name: /^特大/ }).click();
      await fitsPhone(page, 'applicant-sign-in');

      // A wrong code looks exactly like an unknown case.
      const wrong = String((Number(kase.queryCode) + 1) % 1_000_000).padStart(6, '0');
      await page.getByLabel('查询码').fill(wrong);
      await page.getByRole('button', { name: '查询', exact: true }).click();
      const refusedWrong = await page.getByRole('alert').textContent();
      expect(refusedWrong).toContain('案件编号或查询码不正确');
      await expect(page.getByLabel('案件编号').inputValue()).resolves.toBe(kase.caseNumber);
      await fitsPhone(page, 'applicant-sign-in-refused');
      await page.getByLabel('案件编号').fill('330902-20010101-999999');
      await page.getByLabel('查询码').fill(kase.queryCode);
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toBe(refusedWrong);

      await openCase(page, kase);
      await expect(page.locator('h2#now').textContent()).resolves.toBe('当前状态：已受理，办理中');
      const text = (await page.locator('ol.timeline > li').allTextContents()).join('\n');
      expect(text).toContain('窗口收件');
      expect(text).toContain('受理');
      expect(text).toMatch(/快递(已揽收|运输中|已送达)（材料原件寄往业务属地部门，运单 SF\d+/);
      expect(text).toMatch(/业务属地部门签收材料\s*办理部门：上海市浦东新区/);
      expect(text).toContain('办理部门：寄递企业');
      expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      // The step to come: the decision, by the home jurisdiction, by its clock's due day.
      const expected = page.locator('section[aria-labelledby="expected"] li');
      await expect(expected.first().textContent()).resolves.toMatch(
        new RegExp(`审查决定\\s*办理部门：上海市浦东新区.*\\s*预计 ${await dueOf(kase, 'decision')} 前`),
      );
      const facts = await page.locator('dl.facts').first().textContent();
      expect(facts).toMatch(/证件号码\d{4}\*+\d{3}[\dX]/);
      expect(facts).toMatch(/联系电话\d{3}\*{4}\d{4}/);
      expect(facts).toMatch(/申请人.\*+/);
      await expect(page.locator('section[aria-labelledby="waybills"]').textContent()).resolves.toMatch(
        /运单号SF\d+/,
      );
      const cookie = (await context.cookies()).find((c) => c.name === 'pa_case');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console/track' });
      await expect(page.locator('form[action$="/evaluation"]').count()).resolves.toBe(0);
      await fitsPhone(page, 'applicant-case');

      await page.getByRole('button', { name: '退出查询' }).click();
      await page.waitForURL('**/console/track');
      await page.goto(`/console/track/${kase.caseNumber}`);
      expect(new URL(page.url()).search).toBe(`?caseNumber=${kase.caseNumber}`);
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    'shows what a supplement asks for, every item at once, long names whole, and by when',
    async () => {
      const kase = await driver.arrived();
      const items = ['学历证书原件（第二页）', LONG_ITEM];
      await driver.send(kase, OFFICER, {
        type: 'REQUEST_SUPPLEMENT',
        items,
        note: '请一次性补齐后交到收件窗口',
      });
      const { context, page } = await phone();
      await openCase(page, kase);
      const notice = page.locator('section[aria-labelledby="notice"]');
      await expect(notice.locator('h2').textContent()).resolves.toBe('一次性告知补正通知书');
      await expect(notice.locator('ol.needed-items li').allTextContents()).resolves.toEqual(items);
      await expect(notice.locator('p.needed').textContent()).resolves.toContain(
        `需要您一次性补交以下 2 项材料，请于 ${await dueOf(kase, 'supplement')} 前交到收件窗口`,
      );
      // The long name wraps inside the phone's width: its box is several lines high and fully shown.
      const long = notice.locator('ol.needed-items li').nth(1);
      const box = (await long.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      expect(box.height).toBeGreaterThan(60);
      await expect(long.evaluate((li) => li.scrollWidth <= li.clientWidth)).resolves.toBe(true);
      // The applicant's own step to come, and the acceptance clock paused meanwhile.
      const expected = await page.locator('section[aria-labelledby="expected"]').textContent();
      expect(expected).toMatch(/申请人补正\s*办理部门：申请人\s*预计 \d{4}-\d{2}-\d{2} 前/);
      expect(expected).toMatch(/受理\s*办理部门：上海市浦东新区.*\s*暂停计时/);
      await fitsPhone(page, 'applicant-supplement');
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    'takes one evaluation of a delivered case: nothing pre-selected, a 差评 needs its reason, then no form',
    async () => {
      const kase = await driver.accepted();
      await driver.send(kase, OFFICER, {
        type: 'APPROVE',
        result: { documentType: '公证书', documentNumber: '(2026)沪浦证字第3001号' },
      });
      const resultWaybill = nextWaybill('EMS');
      await driver.send(kase, OFFICER, {
        type: 'DISPATCH_RESULT',
        method: 'mail',
        waybillNumber: resultWaybill,
      });
      await driver.reach(kase, 'resultDelivered');

      const { context, page } = await phone();
      await openCase(page, kase);
      await expect(page.locator('h2#now').textContent()).resolves.toBe('当前状态：已送达');
      await expect(page.locator('section[aria-labelledby="notice"]').textContent()).resolves.toContain(
        '办理结果：公证书（(2026)沪浦证字第3001号）',
      );
      const waybills = await page.locator('section[aria-labelledby="waybills"]').textContent();
      expect(waybills).toContain('办理结果寄往申请人');
      expect(waybills).toContain(`运单号${resultWaybill}`);
      await expect(page.locator('input[type="radio"]').count()).resolves.toBe(10);
      await expect(page.locator('input[type="radio"]:checked').count()).resolves.toBe(0);
      const choices = await page.locator('#windowGrade label').allTextContents();
      expect(choices.map((c) => c.trim())).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
      await expect(page.getByRole('link', { name: '撤回申请' }).count()).resolves.toBe(0);
      await fitsPhone(page, 'applicant-evaluation');

      // 不满意 without a reason: refused, the reason named beside its field, the grades kept.
      const grade = (side: string, label: string) =>
        page.locator(`#${side}`).getByLabel(label, { exact: true }).check();
      await grade('windowGrade', '满意');
      await grade('jurisdictionGrade', '不满意');
      await page.getByRole('button', { name: '提交评价' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('请填写理由');
      await expect(page.locator('#comment-problem').textContent()).resolves.toContain(
        '选择“不满意”或“非常不满意”时，请填写理由',
      );
      await expect(page.locator('#comment').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.locator('input[name="windowGrade"]:checked').getAttribute('value')).resolves.toBe(
        'satisfied',
      );
      await expect(
        page.locator('input[name="jurisdictionGrade"]:checked').getAttribute('value'),
      ).resolves.toBe('dissatisfied');
      await fitsPhone(page, 'applicant-evaluation-refused');

      await page.getByLabel('理由').fill('补正材料的要求\n前后说法不一');
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.waitForURL(`**/console/track/${kase.caseNumber}#evaluation`);
      const given = await page.locator('section[aria-labelledby="evaluation"]').textContent();
      expect(given).toMatch(/收件窗口的服务\s*满意/);
      expect(given).toMatch(/业务属地部门的服务\s*不满意/);
      expect(given).toContain('补正材料的要求 前后说法不一');
      await expect(page.locator('form[action$="/evaluation"]').count()).resolves.toBe(0);
      await fitsPhone(page, 'applicant-evaluated');

      // Once: the page has no form, and a second post is refused.
      await page.reload();
      await expect(page.locator('input[type="radio"]').count()).resolves.toBe(0);
      const token = await page.locator('input[name="_csrf"]').first().getAttribute('value');
      const again = await page.request.post(`/console/track/${kase.caseNumber}/evaluation`, {
        form: { _csrf: token!, windowGrade: 'very_satisfied', jurisdictionGrade: 'very_satisfied' },
      });
      expect(again.status()).toBe(409);
      expect(await again.text()).toContain('本案件已经评价过');
      const json = await stack.call('GET', `/track/${kase.caseNumber}?code=${kase.queryCode}`);
      expect(json.body.evaluation).toMatchObject({
        window: { grade: 'satisfied' },
        jurisdiction: { grade: 'dissatisfied' },
        comment: '补正材料的要求 前后说法不一',
      });
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    'withdraws after a confirmation page; a confirmation from before the case changed is not applied',
    async () => {
      const kase = await driver.verified();
      const { context, page } = await phone();
      await openCase(page, kase);
      await page.getByRole('link', { name: '撤回申请' }).click();
      await page.waitForURL(`**/console/track/${kase.caseNumber}/withdraw`);
      await fitsPhone(page, 'applicant-withdraw');

      // No reason: refused beside the field.
      await page.getByRole('button', { name: '下一步：确认撤回' }).click();
      await expect(page.locator('#reason-problem').textContent()).resolves.toContain('请填写撤回理由');
      await fitsPhone(page, 'applicant-withdraw-refused');
      await page.getByLabel('撤回理由').fill('已在户籍地办理');
      await page.getByRole('button', { name: '下一步：确认撤回' }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('确认撤回申请');
      await expect(page.locator('.card dl.facts').textContent()).resolves.toContain('撤回理由已在户籍地办理');
      await fitsPhone(page, 'applicant-withdraw-confirm');

      // Meanwhile the window forwards the case: the confirmation's version is stale, nothing is done.
      await driver.send(kase, CLERK, { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() });
      await page.getByRole('button', { name: '确认撤回' }).click();
      const now = (await page.locator('h2#now').textContent())!.replace('当前状态：', '');
      expect(now).not.toMatch(/身份核验通过|已撤回/);
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        `现在的状态是“${now}”，未予撤回`,
      );
      expect((await driver.view(kase)).state).toMatch(/^forwarded\./);
      await fitsPhone(page, 'applicant-withdraw-stale');

      // Once the carrier has delivered the papers the case rests (awaiting check-in): withdrawn now.
      await driver.reach(kase, 'forwarded.awaitingCheckIn');
      await page.getByRole('link', { name: '撤回申请' }).click();
      await page.getByLabel('撤回理由').fill('已在户籍地办理');
      await page.getByRole('button', { name: '下一步：确认撤回' }).click();
      await page.getByRole('button', { name: '确认撤回' }).click();
      await page.waitForURL(`**/console/track/${kase.caseNumber}`);
      await expect(page.locator('h2#now').textContent()).resolves.toBe('当前状态：已撤回');
      await expect(page.getByRole('link', { name: '撤回申请' }).count()).resolves.toBe(0);
      expect((await driver.view(kase)).state).toBe('withdrawn');
      await fitsPhone(page, 'applicant-withdrawn');
      // The withdrawal page of a withdrawn case is the case page again.
      await page.goto(`/console/track/${kase.caseNumber}/withdraw`);
      expect(new URL(page.url()).pathname).toBe(`/console/track/${kase.caseNumber}`);
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    "refuses the applicant's form posts without their CSRF token, and without the case cookie sends them to sign in",
    async () => {
      const kase = await driver.verified();
      const { context, page } = await phone();
      await openCase(page, kase);
      const forged = await page.request.post(`/console/track/${kase.caseNumber}/withdraw`, {
        form: { reason: '伪造', version: '1', confirm: 'yes' },
      });
      expect(forged.status()).toBe(403);
      expect((await driver.view(kase)).state).toBe('identityVerified');
      const token = await page.locator('input[name="_csrf"]').first().getAttribute('value');
      const other = await newContext(browser, base, { viewport: PHONE, javaScriptEnabled: false });
      const stranger = await other.newPage();
      await stranger.goto('/console/track');
      const strangerToken = await stranger.locator('input[name="_csrf"]').first().getAttribute('value');
      const noCase = await stranger.request.post(`/console/track/${kase.caseNumber}/evaluation`, {
        form: { _csrf: strangerToken!, windowGrade: 'satisfied', jurisdictionGrade: 'satisfied' },
        maxRedirects: 0,
      });
      expect(noCase.status()).toBe(303);
      expect(noCase.headers().location).toBe(`/console/track?caseNumber=${kase.caseNumber}`);
      // With its token, the applicant's own post goes through (the first page of the withdrawal).
      const own = await page.request.post(`/console/track/${kase.caseNumber}/withdraw`, {
        form: { _csrf: token!, reason: '改日再办', version: '1' },
      });
      expect(own.status()).toBe(200);
      expect(await own.text()).toContain('确认撤回申请');
      await other.close();
      await context.close();
    },
    BROWSER_MS,
  );
});
