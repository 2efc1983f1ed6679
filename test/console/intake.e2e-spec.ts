import type { Browser, Page } from 'playwright-core';
import { pdfText } from '../../libs/documents/src/__tests__/pdf-probe';
import { launchChromium, newContext, shoot } from '../support/browser';
import { BROWSER_MS, consoleOf, inlineCode, signIn } from '../support/console';
import { CLERK, OFFICER } from '../support/fixtures';
import { residentId, withWrongCheckDigit } from '../support/resident-id';
import { startStack, type InProcessStack } from '../support/stack';

/** The id of the element that has the keyboard focus. */
const focused = (page: Page): Promise<string> => page.evaluate("document.activeElement?.id ?? ''");

/** Presses Tab (at most `limit` times) until the element `id` has the focus, as a person tabs to a field. */
async function tabTo(page: Page, id: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await focused(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id} (focus on #${await focused(page)})`);
}

/**
 * Opens action `type` of the case page with the keyboard alone (Tab to its summary, Enter), lets
 * `fill` type its fields, then Tab to its button and Enter; waits for the page saying it was done.
 */
async function actByKeyboard(page: Page, type: string, fill: () => Promise<void>): Promise<void> {
  const at = (what: string) =>
    page.evaluate(
      `(() => { const e = document.activeElement; return !!e && e.closest('details')?.id === 'action-${type}' && ${what}; })()`,
    );
  for (let i = 0; i < 80 && !(await at("e.tagName === 'SUMMARY'")); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await fill();
  for (let i = 0; i < 20 && !(await at("e.tagName === 'BUTTON'")); i++) await page.keyboard.press('Tab');
  await Promise.all([page.waitForURL(`**?done=${type}`), page.keyboard.press('Enter')]);
}

/** The field `name` of the intake form (names hold dots: found by attribute, not by CSS id). */
const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);

/** The drafts the page's script keeps, by storage: what a reload would restore. */
const drafts = (page: Page): Promise<{ session: string[]; local: number }> =>
  page.evaluate(
    "({ session: Object.keys(sessionStorage).filter((k) => k.startsWith('intake-draft:')), local: localStorage.length })",
  );

/**
 * The clerk's intake window (收件窗口) in a real browser: the item search with its service guide,
 * a case received with the keyboard alone (Tab, Enter moving on, space on checkboxes, the ID-card
 * reader's button, Ctrl+Enter), a refused intake shown beside its field with every value kept, a
 * draft that survives a reload, and the acknowledgement receipt printed as a PDF and read back.
 */
describe('console: the clerk intake', () => {
  let stack: InProcessStack;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
    base = consoleOf(stack);
    browser = await launchChromium();
  }, BROWSER_MS);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const clerkPage = async () => {
    const context = await newContext(browser, base);
    const page = await context.newPage();
    await signIn(page, CLERK.as);
    return { context, page };
  };

  it(
    'finds an item by name (Chinese) and by code and shows its service guide',
    async () => {
      const { context, page } = await clerkPage();
      await page.getByRole('link', { name: '收件', exact: true }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('收件');
      await expect(
        page.getByRole('link', { name: '收件', exact: true }).getAttribute('aria-current'),
      ).resolves.toBe('page');
      await shoot(page, 'intake-empty');

      await page.getByLabel('事项名称或编码').fill('学历');
      await page.getByLabel('事项名称或编码').press('Enter');
      const byName = page.locator('#item-results');
      await byName.getByRole('link', { name: /KS1-001/ }).waitFor();
      await expect(byName.textContent()).resolves.toContain('学历公证');
      await shoot(page, 'intake-search-results');

      await page.getByLabel('事项名称或编码').fill('ks1-00');
      await page.getByLabel('事项名称或编码').press('Enter');
      await byName.getByRole('link', { name: /KS1-005/ }).waitFor();
      const codes = await byName.locator('.code').allTextContents();
      expect(codes.length).toBeGreaterThan(1);
      expect(codes.every((c) => c.startsWith('KS1-00'))).toBe(true);

      await byName.getByRole('link', { name: /KS1-001/ }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL('**/console/staff/intake?item=KS1-001*');
      const guide = page.locator('section.guide');
      const text = (await guide.textContent()) ?? '';
      for (const expected of [
        '办事指南：学历公证（KS1-001）',
        '受理条件',
        '承诺时限',
        '法定时限',
        '收费',
        '送达方式',
        '邮寄送达',
        '业务属地部门',
        '上海市浦东新区',
      ]) {
        expect(text).toContain(expected);
      }
      const materials = await guide.locator('table.list tbody tr').allTextContents();
      expect(materials.join('|')).toMatch(/公证申请表\s*原件\s*必交/);
      expect(materials.join('|')).toMatch(/申请人居民身份证\s*复印件\s*必交；复印件须与原件核验/);
      expect(inlineCode(await page.content())).toEqual([]);
      await shoot(page, 'intake-guide');
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    'receives a case with the keyboard alone (Tab, Enter to the next field, the ID reader, space on checkboxes, Ctrl+Enter), prints the receipt, and forwards it under a scanned waybill',
    async () => {
      const { context, page } = await clerkPage();
      const reads: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/id-reader/read')) reads.push(r.url());
      });
      await page.goto('/console/staff/intake?item=KS1-001');

      await tabTo(page, 'jurisdictionCode');
      await page.keyboard.press('ArrowDown');
      const jurisdiction = await field(page, 'jurisdictionCode').inputValue();
      expect(jurisdiction).toMatch(/^J\d{6}-/);
      // Enter moves on (never submits): to the reader's button, which Enter presses once.
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('');
      await expect(page.locator(':focus').textContent()).resolves.toContain('读取身份证（申请人）');
      const card = page.waitForResponse((r) => r.url().includes('/id-reader/read'));
      await page.keyboard.press('Enter');
      const read = (await (await card).json()) as { name: string; idNumber: string };
      await page.getByText(`已读取：${read.name}`).waitFor();
      expect(reads).toHaveLength(1);
      await expect(field(page, 'applicant.name').inputValue()).resolves.toBe(read.name);
      await expect(field(page, 'applicant.idNumber').inputValue()).resolves.toBe(read.idNumber);
      await expect(field(page, 'applicant.idType').inputValue()).resolves.toBe('resident_id');
      // After the read the focus waits in the phone field.
      expect(await focused(page)).toBe('applicant.phone');
      await page.keyboard.type('13800005678');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('applicant.legalRepresentative.name');
      expect(new URL(page.url()).pathname).toBe('/console/staff/intake');

      // The checklist: space ticks what was received; 申请人居民身份证 is a copy checked against the original.
      for (const row of [0, 1, 2]) {
        await tabTo(page, `material.${row}.received`);
        await page.keyboard.press('Space');
      }
      await tabTo(page, 'material.1.checked');
      await page.keyboard.press('Space');
      await expect(field(page, 'material.1.form').inputValue()).resolves.toBe('copy');
      // 原件核验 is for a copy only: an original's box is closed (and Tab passes it by).
      await expect(field(page, 'material.0.checked').isDisabled()).resolves.toBe(true);
      await shoot(page, 'intake-filled');
      expect((await drafts(page)).session).toEqual(['intake-draft:KS1-001']);

      await page.keyboard.press('Control+Enter');
      await page.locator('[data-intake-done]').waitFor();
      await expect(page.locator('h1').textContent()).resolves.toBe('收件成功');
      const caseNumber = (await page.locator('.case-number').textContent()) ?? '';
      const queryCode = (await page.locator('.query-code').textContent()) ?? '';
      expect(caseNumber).toMatch(/^330902-\d{8}-\d{6}$/);
      expect(queryCode).toMatch(/^\d{6}$/);
      expect(await drafts(page)).toEqual({ session: [], local: 0 });
      await shoot(page, 'intake-received');

      // What the api recorded: the card's person, the ticked materials in their forms.
      const found = await stack.call('GET', `/applications/${caseNumber}`, { as: CLERK.as });
      expect(found.status).toBe(200);
      expect(found.body.caseNumber).toBe(caseNumber);
      expect(found.body.jurisdictionCode).toBe(jurisdiction);
      expect(
        found.body.materials.map((m: { name: string; form: string }) => `${m.name}:${m.form}`).sort(),
      ).toEqual(['公证申请表:original', '学历证书:original', '申请人居民身份证:copy'].sort());
      await expect(page.getByRole('link', { name: '查看案件' }).getAttribute('href')).resolves.toBe(
        `/console/staff/cases/${found.body.id}`,
      );

      // The receipt, printed from the link with the session cookie, read back.
      const href = (await page.getByRole('link', { name: '打印收件回执（PDF）' }).getAttribute('href')) ?? '';
      const pdf = await page.request.get(href);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const text = pdfText(await pdf.body()).replace(/\s+/g, '');
      for (const expected of [
        '收件回执',
        `办件编号：${caseNumber}`,
        `查询码：${queryCode}`,
        `申请人：${read.name}`,
        '收件人员：clerk-w330902',
      ]) {
        expect(text).toContain(expected);
      }

      // On to the case and through the window's steps, still by keyboard: the link, form check,
      // identity check (arrow keys pick in a select), then the forward under a waybill scanned in
      // (keys 10 ms apart): the scan's Enter submits nothing, it moves on to the button.
      await page.getByRole('link', { name: '查看案件' }).focus();
      await Promise.all([
        page.waitForURL(`**/console/staff/cases/${found.body.id}`),
        page.keyboard.press('Enter'),
      ]);
      await actByKeyboard(page, 'PASS_FORM_CHECK', async () => {});
      await actByKeyboard(page, 'VERIFY_IDENTITY', async () => {
        await page.keyboard.press('Tab');
        await page.keyboard.press('ArrowDown'); // 身份证读卡
        await page.keyboard.press('Tab');
        await page.keyboard.press('ArrowDown'); // 核验通过
      });
      const waybill = `SF${String(Date.now()).slice(-12)}`;
      await actByKeyboard(page, 'FORWARD', async () => {
        await page.keyboard.press('Tab');
        await page.keyboard.press('ArrowDown'); // 寄递原件（快递）
        await page.keyboard.press('Tab');
        await page.keyboard.type(waybill, { delay: 10 });
        await page.keyboard.press('Enter');
        expect(new URL(page.url()).searchParams.get('done')).toBe('VERIFY_IDENTITY');
        await expect(page.locator('#action-FORWARD [data-scan-status]').textContent()).resolves.toContain(
          '扫码录入',
        );
      });
      await shoot(page, 'intake-forwarded');
      const forwarded = await stack.call('GET', `/applications/${found.body.id}`, { as: CLERK.as });
      expect(forwarded.body.state).toMatch(/^forwarded\./); // in its parcel, or already delivered (400 ms transit in tests)
      expect(forwarded.body.transfers.map((t: { waybillNumber: string }) => t.waybillNumber)).toEqual([
        waybill,
      ]);
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    'refuses an intake with a wrong ID number: the field named in Chinese beside it, every value kept',
    async () => {
      const { context, page } = await clerkPage();
      await page.goto('/console/staff/intake?item=KS1-001');
      const wrong = withWrongCheckDigit(residentId('330902', '19900307', '417'));
      await field(page, 'jurisdictionCode').selectOption({ index: 1 });
      await field(page, 'applicant.name').fill('韩知秋');
      await field(page, 'applicant.idNumber').fill(wrong);
      await field(page, 'applicant.idType').selectOption('resident_id');
      await field(page, 'applicant.phone').fill('13800004321');
      await field(page, 'material.0.received').check();
      await field(page, 'applicant.phone').press('Control+Enter');
      await page.getByRole('alert').waitFor();
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        '申请人证件号码与所选证件类型不符',
      );
      await expect(page.locator('#applicant\\.idNumber-problem').textContent()).resolves.toContain('校验位');
      await expect(field(page, 'applicant.idNumber').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(field(page, 'applicant.idNumber').inputValue()).resolves.toBe(wrong);
      await expect(field(page, 'applicant.name').inputValue()).resolves.toBe('韩知秋');
      await expect(field(page, 'applicant.phone').inputValue()).resolves.toBe('13800004321');
      await expect(field(page, 'material.0.received').isChecked()).resolves.toBe(true);
      await expect(field(page, 'material.1.received').isChecked()).resolves.toBe(false);
      await shoot(page, 'intake-refused');

      // Corrected beside its field and sent again: received.
      await page.locator('.problem a').first().focus();
      await page.keyboard.press('Enter');
      await field(page, 'applicant.idNumber').fill(residentId('330902', '19900307', '417'));
      // An agent hands it in: their power of attorney (授权委托书) ticked as received.
      await field(page, 'agent.name').fill('韩知夏');
      await field(page, 'agent.idType').selectOption('resident_id');
      await field(page, 'agent.idNumber').fill(residentId('330902', '19920415', '526'));
      await field(page, 'agent.phone').fill('13900004321');
      await field(page, 'material.3.received').check();
      await field(page, 'agent.phone').press('Control+Enter');
      await page.locator('[data-intake-done]').waitFor();
      const caseNumber = (await page.locator('.case-number').textContent()) ?? '';
      const found = await stack.call('GET', `/applications/${caseNumber}`, { as: CLERK.as });
      expect(found.body.materials.map((m: { name: string }) => m.name)).toEqual(
        expect.arrayContaining(['公证申请表', '授权委托书']),
      );
      await context.close();
    },
    BROWSER_MS,
  );

  it(
    'receives a resent form once (a reload of the answer, a second Ctrl+Enter): the same case number both times',
    async () => {
      const { context, page } = await clerkPage();
      const html = await (await page.request.get('/console/staff/intake?item=KS1-001')).text();
      const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';
      const form = {
        _csrf: hidden('_csrf'),
        intakeKey: hidden('intakeKey'),
        itemCode: 'KS1-001',
        jurisdictionCode: 'J310115-SFJ',
        'applicant.kind': 'natural_person',
        'applicant.name': '邵云帆',
        'applicant.idType': 'resident_id',
        'applicant.idNumber': residentId('330902', '19870202', '613'),
        'applicant.phone': '13800006613',
        'material.0.received': 'on',
        'material.0.form': 'original',
      };
      expect(form.intakeKey).toMatch(/^[0-9a-f-]{36}$/);
      const send = async () => {
        const res = await page.request.post('/console/staff/intake', { form });
        expect(res.status()).toBe(200);
        return /class="case-number">([^<]+)</.exec(await res.text())?.[1];
      };
      const first = await send();
      expect(first).toMatch(/^330902-\d{8}-\d{6}$/);
      await expect(send()).resolves.toBe(first);
      await context.close();

      // Receiving is the clerk's: an officer's session reads no card (403, in words).
      const other = await newContext(browser, base);
      const officer = await other.newPage();
      await signIn(officer, OFFICER.as);
      const refused = await officer.request.get('/console/staff/id-reader/read');
      expect(refused.status()).toBe(403);
      await expect(refused.text()).resolves.toContain('您的岗位无权进行此操作');
      await other.close();
    },
    BROWSER_MS,
  );

  it(
    'keeps a draft across a reload (sessionStorage, never localStorage) and restores it',
    async () => {
      const { context, page } = await clerkPage();
      await page.goto('/console/staff/intake?item=KS1-001');
      await field(page, 'applicant.name').fill('许望舒');
      await field(page, 'applicant.idNumber').fill(residentId('330902', '19850101', '028'));
      await field(page, 'agent.name').fill('许青禾');
      await field(page, 'material.2.received').check();
      await field(page, 'material.0.form').selectOption('certifiedCopy');
      await page.reload();
      await page.getByText('已恢复未提交的草稿').waitFor();
      await expect(field(page, 'applicant.name').inputValue()).resolves.toBe('许望舒');
      await expect(field(page, 'applicant.idNumber').inputValue()).resolves.toBe(
        residentId('330902', '19850101', '028'),
      );
      await expect(field(page, 'agent.name').inputValue()).resolves.toBe('许青禾');
      await expect(field(page, 'material.2.received').isChecked()).resolves.toBe(true);
      await expect(field(page, 'material.0.form').inputValue()).resolves.toBe('certifiedCopy');
      expect(await drafts(page)).toEqual({ session: ['intake-draft:KS1-001'], local: 0 });
      await shoot(page, 'intake-draft-restored');
      await context.close();
    },
    BROWSER_MS,
  );
});
