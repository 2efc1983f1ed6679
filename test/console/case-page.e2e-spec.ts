import type { Browser, Page } from 'playwright-core';
import { pdfText } from '../../libs/documents/src/__tests__/pdf-probe';
import { launchChromium, newContext, PHONE, shoot } from '../support/browser';
import { caseDriver, type ReceivedCase } from '../support/case-driver';
import { ageClock } from '../support/clocks';
import { BROWSER_MS, consoleOf, inlineCode, signIn } from '../support/console';
import { CLERK, notarisationApplication, OFFICER, scanPage, TEST_STAFF_PASSWORD } from '../support/fixtures';
import { signIn as apiToken, uploadScan } from '../support/http';
import { startStack, type InProcessStack } from '../support/stack';

/**
 * The staff case page (issue 14) in a real browser: the clerk fails the form check naming two
 * missing materials and prints the one-time notice; the officer reads materials and scans beside
 * history and clocks, accepts from the allowed events, and a page opened before that change is
 * refused naming the current state; the officer's queues and finding a case by waybill and case
 * number. Every page photographed at desktop width and 375 px.
 */
describe('console: the staff case page and the officer room', () => {
  let stack: InProcessStack;
  let browser: Browser;
  let base: string;
  let drive: ReturnType<typeof caseDriver>;
  let arrived: ReceivedCase;
  let waybill: string;

  /** The case page of `c` as `page` shows it. */
  const openCase = async (page: Page, c: ReceivedCase) => {
    await page.goto(`/console/staff/cases/${c.caseNumber}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(`案件 ${c.caseNumber}`);
    expect(inlineCode(await page.content())).toEqual([]);
  };
  const stateOn = (page: Page) => page.locator('h2#now').textContent();
  /** Opens the action of event `type` (a <details>) and answers its form. */
  const action = async (page: Page, type: string) => {
    const details = page.locator(`details#action-${type}`);
    await details.locator('summary').click();
    return details.locator('form');
  };

  beforeAll(async () => {
    // The clock sweep passes once at start-up only: an acceptance clock aged past due stays for the
    // officer to act on (a sweep would deem the case accepted).
    stack = await startStack({ workers: 1, env: { CLOCK_SWEEP_EVERY_MS: String(24 * 3600_000) } });
    base = consoleOf(stack);
    browser = await launchChromium();
    drive = caseDriver(stack.call, 24_400);
    // At the window: verified, one scan uploaded; then forwarded by courier and checked in. Its
    // acceptance clock aged far into the past: first of its queue whatever else the run put there.
    arrived = await drive.verified();
    const token = await apiToken(stack.baseUrl, CLERK.as, TEST_STAFF_PASSWORD);
    const scan = await uploadScan(stack.baseUrl, token, arrived.id, '学历证书', scanPage('学历证书 第1页'));
    expect(scan.status).toBe(201);
    await drive.arrived(arrived);
    await ageClock(stack.dataSource, arrived.id, 'acceptance', 400);
    waybill = (await drive.view(arrived, OFFICER)).transfers[0].waybillNumber;
  }, BROWSER_MS);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it(
    'lets the clerk fail the form check naming two missing materials, and prints the one-time notice naming both',
    async () => {
      const res = await stack.call('POST', '/applications', {
        ...CLERK,
        body: notarisationApplication(24_390),
      });
      expect(res.status).toBe(201);
      const kase = res.body as ReceivedCase;
      const context = await newContext(browser, base);
      const page = await context.newPage();
      await signIn(page, CLERK.as);
      await openCase(page, kase);
      await expect(stateOn(page)).resolves.toBe('当前状态：已收件');
      const summaries = await page.locator('details.action summary').allTextContents();
      expect(summaries).toEqual(
        expect.arrayContaining([
          '形式审查通过',
          expect.stringContaining('形式审查不通过'),
          expect.stringContaining('撤回申请'),
        ]),
      );
      // Only the allowed events: nothing of the officer's, nothing the system sends.
      expect(summaries.join()).not.toMatch(/受理|签收|送达/);
      await shoot(page, 'case-page-clerk');

      // Nothing ticked: the api's refusal beside the field, in Chinese, the note kept.
      let form = await action(page, 'FAIL_FORM_CHECK');
      await form.getByLabel('补正说明').fill('请携带原件到窗口');
      await form.getByRole('button', { name: /形式审查不通过/ }).click();
      await page.waitForURL('**/events');
      form = page.locator('details#action-FAIL_FORM_CHECK form');
      await expect(form.locator('.field-error').first().textContent()).resolves.toContain(
        '请至少勾选一份需要补正的材料',
      );
      await expect(form.getByLabel('补正说明').inputValue()).resolves.toBe('请携带原件到窗口');
      await expect(stateOn(page)).resolves.toBe('当前状态：已收件');
      await shoot(page, 'case-page-refused-field');

      await form.getByLabel('学历证书', { exact: true }).check();
      await form.getByLabel('申请人居民身份证', { exact: true }).check();
      await form.getByRole('button', { name: /形式审查不通过/ }).click();
      await page.waitForURL(`**/console/staff/cases/${kase.caseNumber}?done=FAIL_FORM_CHECK`);
      await expect(page.getByRole('status').textContent()).resolves.toContain('已办理');
      await expect(stateOn(page)).resolves.toBe('当前状态：材料需补正');
      await expect(page.locator('ol.timeline').textContent()).resolves.toMatch(
        /需补正：(学历证书、申请人居民身份证|申请人居民身份证、学历证书)/,
      );
      await shoot(page, 'case-page-form-check-failed');
      // The resubmission's form: a row per material of the item, its form and 原件核验.
      const resubmit = await action(page, 'RESUBMIT');
      await expect(resubmit.locator('.material-row').count()).resolves.toBeGreaterThanOrEqual(3);
      await shoot(page, 'case-page-resubmit-form');

      const notice = page.getByRole('link', { name: '一次性告知书（PDF）' });
      const href = await notice.getAttribute('href');
      expect(href).toBe(`/console/staff/cases/${kase.caseNumber}/documents/one-time-notice.pdf`);
      const pdf = await page.request.get(href!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const text = pdfText(await pdf.body()).replace(/\s+/g, '');
      expect(text).toContain('一次性告知');
      expect(text).toContain('学历证书');
      expect(text).toContain('申请人居民身份证');
      expect(text).toContain('请携带原件到窗口');
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    "shows the officer materials and scans beside history and clocks, accepts, and refuses a stale page's action naming the current state",
    async () => {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      await signIn(page, OFFICER.as);
      await openCase(page, arrived);
      // The page opened before the acceptance: it will be stale.
      const stale = await context.newPage();
      await openCase(stale, arrived);

      await expect(stateOn(page)).resolves.toBe('当前状态：待受理');
      await expect(page.locator('section[aria-labelledby="materials"]').textContent()).resolves.toMatch(
        /学历证书\s*原件/,
      );
      await expect(page.locator('section[aria-labelledby="scans"]').textContent()).resolves.toContain(
        '学历证书',
      );
      const clocks = await page.locator('ul.clocks').textContent();
      expect(clocks).toMatch(/受理（业务属地部门）：计时中/);
      expect(clocks).toContain('已逾期');
      expect(clocks).toMatch(/已超过 \d+ 个工作日/);
      await expect(page.locator('ol.timeline').textContent()).resolves.toMatch(
        /业务属地部门签收材料[\s\S]*办理后状态：待受理/,
      );
      // Side by side on a desk, stacked on a phone.
      const box = (p: Page, id: string) => p.locator(`section[aria-labelledby="${id}"]`).boundingBox();
      const [materials, historyBox] = [await box(page, 'materials'), await box(page, 'history')];
      expect(historyBox!.x).toBeGreaterThan(materials!.x + materials!.width - 1);
      await page.setViewportSize(PHONE);
      const [phoneMaterials, phoneHistory] = [await box(page, 'materials'), await box(page, 'history')];
      expect(phoneHistory!.y).toBeGreaterThan(phoneMaterials!.y);
      expect(await page.locator('body').evaluate((b) => b.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await page.setViewportSize({ width: 1280, height: 800 });
      const summaries = await page.locator('details.action summary').allTextContents();
      expect(summaries).toEqual([
        '受理',
        expect.stringContaining('一次性告知补正'),
        expect.stringContaining('不予受理'),
      ]);
      await shoot(page, 'case-page-officer');

      const accept = await action(page, 'ACCEPT');
      await accept.getByRole('button', { name: '受理', exact: true }).click();
      await page.waitForURL('**?done=ACCEPT');
      await expect(stateOn(page)).resolves.toBe('当前状态：已受理，办理中');
      await expect(page.getByRole('link', { name: '受理通知书（PDF）' }).count()).resolves.toBe(1);
      await shoot(page, 'case-page-accepted');

      // The stale page still offers 不予受理: refused with the state as it is now, nothing applied.
      const refuse = await action(stale, 'REFUSE');
      await refuse.getByLabel('理由').fill('申请事项不属于本机关职权范围');
      await refuse.getByLabel('法律依据').fill('《中华人民共和国行政许可法》第三十二条');
      const [answer] = await Promise.all([
        stale.waitForResponse((r) => r.request().method() === 'POST'),
        refuse.getByRole('button', { name: '不予受理' }).click(),
      ]);
      expect(answer.status()).toBe(409);
      await expect(stale.locator('h1').textContent()).resolves.toBe('页面已过期，未予办理');
      await expect(stale.getByRole('alert').textContent()).resolves.toContain('案件当前状态：已受理，办理中');
      await shoot(stale, 'case-page-stale');
      await stale.getByRole('link', { name: '重新打开案件页面' }).click();
      await expect(stateOn(stale)).resolves.toBe('当前状态：已受理，办理中');
      const rows = await drive.history(arrived);
      expect(rows.filter((e) => e.type === 'REFUSE')).toEqual([]);
      expect(rows.filter((e) => e.type === 'ACCEPT')).toHaveLength(1);
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    "shows the officer's queues with counts, a queue soonest due first, and finds a case by waybill and by case number",
    async () => {
      const kase = await drive.arrived();
      await ageClock(stack.dataSource, kase.id, 'acceptance', 500);
      const kaseWaybill = (await drive.view(kase, OFFICER)).transfers[0].waybillNumber as string;
      const context = await newContext(browser, base);
      const page = await context.newPage();
      await signIn(page, OFFICER.as);
      await page.getByRole('link', { name: '待办队列' }).first().click();
      await page.waitForURL('**/console/staff/queues');
      const queues = await page.locator('table.queues').textContent();
      for (const name of [
        '已送达待签收',
        '待受理',
        '已受理，办理中',
        '待申请人补正',
        '特别程序中',
        '待送达结果',
      ]) {
        expect(queues).toContain(name);
      }
      expect(queues).toMatch(/待受理\s*受理、不予受理或一次性告知补正\s*[1-9]\d*/);
      expect(inlineCode(await page.content())).toEqual([]);
      await shoot(page, 'officer-queues');

      await page.getByRole('link', { name: '待受理', exact: true }).click();
      await page.waitForURL('**/console/staff/queues/awaiting-acceptance');
      const first = page.locator('table.list tbody tr').first();
      await expect(first.textContent()).resolves.toContain(kase.caseNumber);
      await expect(first.locator('.due-words').textContent()).resolves.toContain('已逾期');
      await shoot(page, 'officer-queue');
      await first.getByRole('link', { name: kase.caseNumber }).click();
      await page.waitForURL(`**/console/staff/cases/${kase.caseNumber}`);

      await page.goto('/console/staff/find');
      expect(await page.getByLabel('案件编号、申请人身份证号码或运单号').getAttribute('data-scan')).toBe('');
      await shoot(page, 'find');
      await page.getByLabel('案件编号、申请人身份证号码或运单号').fill(kaseWaybill);
      await page.getByLabel('案件编号、申请人身份证号码或运单号').press('Enter');
      await page.waitForURL(`**/console/staff/cases/${kase.caseNumber}`);
      await page.goto('/console/staff/find');
      await page.getByLabel('案件编号、申请人身份证号码或运单号').fill(arrived.caseNumber);
      await page.getByLabel('案件编号、申请人身份证号码或运单号').press('Enter');
      await page.waitForURL(`**/console/staff/cases/${arrived.caseNumber}`);
      expect(waybill).toMatch(/^SF/);

      // By the applicant's ID number (its keyed lookup hash; the number stays encrypted): the
      // person's cases listed, this one first (the soonest due), the number masked in the list's caption.
      const idNumber = (await drive.view(kase, OFFICER)).applicant.idNumber as string;
      await page.goto('/console/staff/find');
      await page.getByLabel('案件编号、申请人身份证号码或运单号').fill(idNumber.toLowerCase());
      await page.getByLabel('案件编号、申请人身份证号码或运单号').press('Enter');
      await page.waitForURL('**/console/staff/find?q=*');
      const listed = page.locator('table.list');
      await expect(listed.locator('tbody tr').first().textContent()).resolves.toContain(kase.caseNumber);
      await expect(listed.locator('caption').textContent()).resolves.toContain(
        `证件号码 ${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
      );
      await shoot(page, 'find-id-number');
      // A waybill of no case in the officer's reach finds nothing.
      await page.goto('/console/staff/find?q=SF0000000000');
      await expect(page.locator('table.list').textContent()).resolves.toContain('暂无案件');
      await context.close();
    },
    BROWSER_MS,
  );
});
