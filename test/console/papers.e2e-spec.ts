import type { Browser, Page } from 'playwright-core';
import { pdfText } from '@app/documents/__tests__/pdf-probe';
import { stateHasTag } from '@app/workflow';
import { caseDriver, type ReceivedCase } from '../support/case-driver';
import { launchChromium, newContext, shoot } from '../support/browser';
import { BROWSER_MS, consoleOf, inlineCode, signIn } from '../support/console';
import {
  CLERK,
  OFFICER,
  TEST_STAFF_PASSWORD,
  nextWaybill,
  notarisationApplication,
  scanPage,
} from '../support/fixtures';
import { signIn as apiSignIn, uploadScan } from '../support/http';
import { startStack, type InProcessStack } from '../support/stack';

/** A barcode scanner: the code typed 10 ms a key (scanners: 7–16 ms), then its Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 10 });
  await page.keyboard.press('Enter');
}

/** A person: the code typed 150 ms a key (people: 100–200 ms), then Enter. */
async function typeByHand(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 150 });
  await page.keyboard.press('Enter');
}

/** The id of the element that has the keyboard focus. */
const focused = (page: Page) =>
  page.evaluate<string>("document.activeElement ? document.activeElement.id : ''");

/**
 * The papers in the console (issue 14), in a real browser: a clerk packs a parcel with the keyboard
 * only, scanning the receipts' case numbers (a scanner's Enter adds that case and submits nothing
 * else), takes a case out, seals under a scanned waybill and prints the manifest; an officer finds
 * the parcel by its waybill and checks it in with one original missing, and sees where that case
 * went; a clerk uploads a scan, and a stale upload page is refused.
 */
describe('console: papers (scanner, parcels, check-in, scans)', () => {
  let stack: InProcessStack;
  let browser: Browser;
  let base: string;
  let a: ReceivedCase;
  let b: ReceivedCase;
  let c: ReceivedCase;
  let scanned: ReceivedCase;
  let notReady: ReceivedCase;
  let parcelId = '';
  let parcelNumber = '';
  let waybill = '';

  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
    base = consoleOf(stack);
    browser = await launchChromium();
    const driver = caseDriver(stack.call, 18_500);
    [a, b, c, scanned] = [
      await driver.verified(),
      await driver.verified(),
      await driver.verified(),
      await driver.verified(),
    ];
    const received = await stack.call('POST', '/applications', {
      ...CLERK,
      body: notarisationApplication(18_499),
    });
    expect(received.status).toBe(201);
    notReady = received.body;
  }, BROWSER_MS);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const stateOf = async (kase: ReceivedCase) =>
    (await stack.call('GET', `/applications/${kase.id}`, CLERK)).body.state as string;

  it(
    'lets a clerk pack two cases by scanning their receipts, seal under a scanned waybill and print the manifest, keyboard only',
    async () => {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      const posts: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
      });
      await signIn(page, CLERK.as);
      await page.getByRole('link', { name: '寄递包裹' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL('**/console/staff/parcels');
      await shoot(page, 'papers-parcels-clerk');

      // Open a parcel for the cases' home jurisdiction: arrow keys in the list, Tab, Enter.
      const to = page.getByLabel('寄往（业务属地部门）');
      await to.focus();
      for (let i = 0; i < 50 && (await to.inputValue()) !== 'J310115-SFJ'; i++)
        await page.keyboard.press('ArrowDown');
      expect(await to.inputValue()).toBe('J310115-SFJ');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/console\/staff\/parcels\/[0-9a-f-]{36}\?done=opened/);
      parcelId = new URL(page.url()).pathname.split('/').at(-1)!;
      parcelNumber = ((await page.locator('h1').textContent()) ?? '').replace('包裹 ', '');
      expect(parcelNumber).toMatch(/^W330902-P\d{8}-\d{6}$/);
      expect(inlineCode(await page.content())).toEqual([]);

      // The scan field has the focus; each scan (fast keys + Enter) adds that case, the page comes back ready.
      for (const kase of [a, b, c]) {
        expect(await focused(page)).toBe('caseNumber');
        await Promise.all([page.waitForURL(`**case=${kase.caseNumber}`), scan(page, kase.caseNumber)]);
        await expect(page.getByRole('status').textContent()).resolves.toContain(
          `已装入案件 ${kase.caseNumber}`,
        );
      }
      await expect(page.locator('#parcel-status').textContent()).resolves.toBe('装包中');
      expect(posts.filter((p) => p.endsWith('/seal'))).toEqual([]);
      await shoot(page, 'papers-parcel-packing');

      // Refusals in Chinese, nothing written: a number of no case of the window, a case not ready.
      await Promise.all([page.waitForEvent('load'), scan(page, '330902-20000101-999999')]);
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        '未找到案件编号 330902-20000101-999999',
      );
      await page.locator('#caseNumber').fill('');
      await page.locator('#caseNumber').focus();
      await Promise.all([page.waitForEvent('load'), scan(page, notReady.caseNumber)]);
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        `案件 ${notReady.caseNumber} 当前为「已收件」，不能装入`,
      );
      await shoot(page, 'papers-parcel-refused');
      await expect(page.locator('table.parcel-lines tbody tr').count()).resolves.toBe(3);

      // Take the third case out before sealing.
      await page.getByRole('button', { name: `取出 ${c.caseNumber}` }).focus();
      await Promise.all([page.waitForURL(`**done=removed**`), page.keyboard.press('Enter')]);
      const lines = await page.locator('table.parcel-lines tbody').textContent();
      expect(lines).toContain(a.caseNumber);
      expect(lines).toContain(b.caseNumber);
      expect(lines).not.toContain(c.caseNumber);

      // The waybill: a person's Enter and a scanner's Enter both end the field; neither submits the seal.
      waybill = nextWaybill();
      const waybillField = page.locator('#waybillNumber');
      await waybillField.focus();
      await typeByHand(page, waybill);
      expect(await focused(page)).toBe('confirmed');
      await expect(page.locator('label[for="waybillNumber"] [data-scan-status]').textContent()).resolves.toBe(
        '手工录入',
      );
      await page.keyboard.press('Space'); // the form is complete now: an Enter would submit it
      await waybillField.focus();
      await page.keyboard.press('Control+A');
      await scan(page, waybill);
      expect(await focused(page)).toBe('confirmed');
      await expect(waybillField.getAttribute('data-scan-input')).resolves.toBe('scanner');
      await expect(page.locator('label[for="waybillNumber"] [data-scan-status]').textContent()).resolves.toBe(
        '扫码录入',
      );
      await expect(waybillField.inputValue()).resolves.toBe(waybill);
      expect(posts.filter((p) => p.endsWith('/seal'))).toEqual([]);
      expect(await stateOf(a)).toBe('identityVerified');
      await shoot(page, 'papers-parcel-waybill-scanned');

      await page.keyboard.press('Tab');
      await Promise.all([page.waitForURL('**done=sealed'), page.keyboard.press('Enter')]);
      await expect(page.locator('#parcel-status').textContent()).resolves.toBe('已封包寄出');
      // Sealed: both travel in the parcel (the simulated carrier may have delivered it already).
      expect(stateHasTag(await stateOf(a), 'inParcel')).toBe(true);
      expect(stateHasTag(await stateOf(b), 'inParcel')).toBe(true);
      expect(await stateOf(c)).toBe('identityVerified');
      await shoot(page, 'papers-parcel-sealed');

      const manifest = await page.request.get(`/console/staff/parcels/${parcelId}/manifest.pdf`);
      expect(manifest.status()).toBe(200);
      expect(manifest.headers()['content-type']).toBe('application/pdf');
      const printed = pdfText(await manifest.body()).replace(/\s+/g, '');
      for (const text of [parcelNumber, waybill, a.caseNumber, b.caseNumber, '学历证书'])
        expect(printed).toContain(text);
      expect(printed).not.toContain(c.caseNumber);
      const download = await page.request.get(`/console/staff/parcels/${parcelId}/manifest.pdf?download=1`);
      expect(download.headers()['content-disposition']).toMatch(/^attachment; filename=".+-manifest\.pdf"$/);
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    'lets the officer find the parcel by its scanned waybill and check it in with one original missing',
    async () => {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      await signIn(page, OFFICER.as);
      await page.goto('/console/staff/parcels');
      await expect(page.locator('h1').textContent()).resolves.toBe('包裹签收');
      await page.locator('#waybill').focus();
      await Promise.all([page.waitForURL(`**waybill=${waybill}`), scan(page, waybill)]);
      await shoot(page, 'papers-parcels-officer');
      await page.getByRole('link', { name: `签收包裹 ${parcelNumber}` }).click();
      await page.waitForURL(`**/${parcelId}/check-in`);
      expect(inlineCode(await page.content())).toEqual([]);

      const short = page
        .locator('fieldset', { hasText: b.caseNumber })
        .getByRole('group', { name: '学历证书' });
      await short.getByLabel('缺失').check();
      await short.getByLabel(/情况说明/).fill('包内未见');
      await shoot(page, 'papers-check-in');
      await Promise.all([
        page.waitForURL('**done=checkedIn'),
        page.getByRole('button', { name: '确认签收' }).click(),
      ]);

      await expect(page.locator('#parcel-status').textContent()).resolves.toBe('已签收');
      const rowOf = (kase: ReceivedCase) =>
        page.locator('table.parcel-lines tbody tr', { hasText: kase.caseNumber });
      await expect(rowOf(b).locator('.case-state').textContent()).resolves.toBe('转递异常');
      await expect(rowOf(b).textContent()).resolves.toMatch(/学历证书（原件，2 页）：⚠ 缺失（包内未见）/);
      await expect(rowOf(b).textContent()).resolves.toContain('原件不符');
      await expect(rowOf(a).locator('.case-state').textContent()).resolves.toBe('待受理');
      await shoot(page, 'papers-checked-in');
      expect(await stateOf(b)).toBe('transferException');
      expect(await stateOf(a)).toBe('forwarded.awaitingAcceptance');
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    "takes a clerk's scan upload, and refuses one from a page older than the case",
    async () => {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      await signIn(page, CLERK.as);
      await page.goto(`/console/staff/cases/${scanned.id}/scans`);
      expect(inlineCode(await page.content())).toEqual([]);
      await shoot(page, 'papers-scans');
      await page.getByLabel('材料').selectOption('学历证书');
      await page.getByLabel(/扫描文件/).setInputFiles({
        name: 'diploma.png',
        mimeType: 'image/png',
        buffer: scanPage('papers diploma'),
      });
      await Promise.all([
        page.waitForURL('**/scans?uploaded=*'),
        page.getByRole('button', { name: '上传' }).click(),
      ]);
      await expect(page.getByRole('status').textContent()).resolves.toContain('已上传「学历证书」的扫描件');
      await expect(page.locator('table.list tbody').textContent()).resolves.toMatch(/学历证书\s*image\/png/);
      await shoot(page, 'papers-scan-uploaded');

      // Meanwhile another scan is uploaded through the JSON api: this page's version is stale now.
      const token = await apiSignIn(stack.baseUrl, CLERK.as, TEST_STAFF_PASSWORD);
      const other = await uploadScan(stack.baseUrl, token, scanned.id, '公证申请表', scanPage('papers form'));
      expect(other.status).toBe(201);
      await page.getByLabel('材料').selectOption('申请人居民身份证');
      await page.getByLabel(/扫描文件/).setInputFiles({
        name: 'id.png',
        mimeType: 'image/png',
        buffer: scanPage('papers id card'),
      });
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: '上传' }).click(),
      ]);
      expect(answer.status()).toBe(409);
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        '案件在您打开页面后已有变动，未予办理',
      );
      const scans = (await stack.call('GET', `/applications/${scanned.id}`, CLERK)).body.scans as {
        materialName: string;
      }[];
      expect(scans.map((s) => s.materialName).sort()).toEqual(['公证申请表', '学历证书']);
      await shoot(page, 'papers-scan-stale');
      await context.close();
    },
    BROWSER_MS,
  );
});
