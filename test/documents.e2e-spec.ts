import { pdfQrCode, pdfText } from '../libs/documents/src/__tests__/pdf-probe';
import { caseDriver, type ReceivedCase } from './support/case-driver';
import { CLERK, OFFICER, PUTUO_CLERK } from './support/fixtures';
import { signIn } from './support/http';
import { TEST_STAFF_PASSWORD } from './support/fixtures';
import { startStack, type InProcessStack } from './support/stack';

/**
 * Issue 13 item 8: the documents people hold, as PDF, served to whoever may read the case (staff in
 * scope, the applicant with the receipt's code), read back as text (pdftotext) and their QR code
 * decoded back to the case's tracking address.
 */
describe('case documents (PDF)', () => {
  let api: InProcessStack;
  let drive: ReturnType<typeof caseDriver>;
  const PUBLIC = 'https://zwfw.example.cn';
  const tracking = (c: ReceivedCase) => `${PUBLIC}/api/v1/track/${c.caseNumber}`;
  const tokens = new Map<string, Promise<string>>();

  /** GET `path` as `as` (a staff username) or as no one; the PDF's bytes, or the error's JSON. */
  const get = async (path: string, as?: string) => {
    const headers: Record<string, string> = {};
    if (as) {
      if (!tokens.has(as)) tokens.set(as, signIn(api.baseUrl, as, TEST_STAFF_PASSWORD));
      headers.authorization = `Bearer ${await tokens.get(as)}`;
    }
    const res = await fetch(api.baseUrl + path, { headers });
    const bytes = Buffer.from(await res.arrayBuffer());
    const isPdf = res.headers.get('content-type') === 'application/pdf';
    return {
      status: res.status,
      headers: res.headers,
      pdf: bytes,
      body: isPdf ? undefined : JSON.parse(bytes.toString('utf8') || 'null'),
    };
  };
  const staffDoc = (c: ReceivedCase, doc: string, as: { as: string } = CLERK, query = '') =>
    get(`/applications/${c.id}/documents/${doc}.pdf${query}`, as.as);
  const applicantDoc = (c: ReceivedCase, doc: string, code = c.queryCode) =>
    get(`/track/${c.caseNumber}/documents/${doc}.pdf?code=${code}`);
  /** pdftotext breaks lines where the page does: compare without white space. */
  const text = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, '');

  beforeAll(async () => {
    api = await startStack({ workers: 1, env: { PUBLIC_BASE_URL: PUBLIC } });
    // The first applicant (8003) is 𠮷田一 (fixtures.applicant): a name outside the BMP.
    drive = caseDriver(api.call, 8002);
  });
  afterAll(() => api.stop());

  let received: ReceivedCase;
  it('收件回执 for the clerk right after receipt: the query code, 𠮷, materials with their form, Beijing time, QR to tracking', async () => {
    received = await drive.verified();
    const res = await staffDoc(received, 'acknowledgement', CLERK, `?code=${received.queryCode}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="${received.caseNumber}-acknowledgement.pdf"`,
    );
    const t = text(res.pdf);
    for (const expected of [
      '收件回执',
      `办件编号：${received.caseNumber}`,
      `查询码：${received.queryCode}`,
      '申请人：𠮷田一',
      '学历公证（事项编码KS1-001）',
      '收件人员：clerk-w330902',
      '公证申请表原件',
      '申请人居民身份证复印件',
      '学历证书原件2',
      '承诺办结日期：',
      '（北京时间）',
    ]) {
      expect(t).toContain(expected);
    }
    expect(pdfQrCode(res.pdf)).toBe(tracking(received));
  });

  it('收件回执 without the code shows it masked; a wrong code is 400 naming `code`', async () => {
    const masked = await staffDoc(received, 'acknowledgement');
    expect(text(masked.pdf)).toContain('查询码：******');
    expect(text(masked.pdf)).not.toContain(`查询码：${received.queryCode}`);
    const wrong = String((Number(received.queryCode) + 1) % 1_000_000).padStart(6, '0');
    const refused = await staffDoc(received, 'acknowledgement', CLERK, `?code=${wrong}`);
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it("is the case's readers' only: another window's clerk gets 404, an unknown document 404", async () => {
    expect((await staffDoc(received, 'acknowledgement', PUTUO_CLERK)).status).toBe(404);
    expect((await staffDoc(received, 'manifest')).status).toBe(404);
    expect((await get(`/applications/${received.id}/documents/acknowledgement.pdf`)).status).toBe(401);
  });

  it('gives the applicant with the right code their receipt (code printed, name masked); a wrong code 404', async () => {
    const res = await applicantDoc(received, 'acknowledgement');
    expect(res.status).toBe(200);
    const t = text(res.pdf);
    expect(t).toContain(`查询码：${received.queryCode}`);
    expect(t).toContain('申请人：𠮷**');
    expect(pdfQrCode(res.pdf)).toBe(tracking(received));
    const wrong = String((Number(received.queryCode) + 7) % 1_000_000).padStart(6, '0');
    expect((await applicantDoc(received, 'acknowledgement', wrong)).status).toBe(404);
  });

  it('answers 409 naming the state for a document that does not apply yet', async () => {
    for (const doc of ['refusal-notice', 'acceptance-notice', 'one-time-notice']) {
      const res = await staffDoc(received, doc);
      expect({ doc, status: res.status }).toEqual({ doc, status: 409 });
      expect(res.body.details).toMatchObject({ document: doc, state: 'identityVerified' });
      expect(res.body.message).toContain('identityVerified');
    }
    expect((await applicantDoc(received, 'refusal-notice')).status).toBe(409);
  });

  it('不予受理通知书: reason, legal basis and the remedies, to the officer and the applicant', async () => {
    const c = await drive.arrived();
    await drive.send(c, OFFICER, {
      type: 'REFUSE',
      reason: '申请事项不属于本机关职权范围',
      legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第二项',
    });
    for (const res of [
      await staffDoc(c, 'refusal-notice', OFFICER),
      await applicantDoc(c, 'refusal-notice'),
    ]) {
      expect(res.status).toBe(200);
      const t = text(res.pdf);
      expect(t).toContain('不予受理通知书');
      expect(t).toContain('申请事项不属于本机关职权范围');
      expect(t).toContain('第三十二条第一款第二项');
      expect(t).toContain('申请行政复议');
      expect(t).toContain('提起行政诉讼');
      expect(pdfQrCode(res.pdf)).toBe(tracking(c));
    }
    expect((await staffDoc(c, 'acceptance-notice', OFFICER)).status).toBe(409);
  });

  it('一次性告知书 of a supplement request: every item and the supplement clock’s deadline', async () => {
    const c = await drive.arrived();
    await drive.send(c, OFFICER, {
      type: 'REQUEST_SUPPLEMENT',
      items: ['学位证书', '户口簿'],
      note: '请携带原件',
    });
    const clocks = (await drive.view(c, OFFICER)).clocks as { stage: string; dueDate: string }[];
    const supplement = clocks.find((k) => k.stage === 'supplement')!;
    const res = await applicantDoc(c, 'one-time-notice');
    expect(res.status).toBe(200);
    const t = text(res.pdf);
    expect(t).toContain('一次性告知补正通知书');
    expect(t).toContain('1.学位证书');
    expect(t).toContain('2.户口簿');
    expect(t).toContain('说明：请携带原件');
    expect(t).toContain(`请于${supplement.dueDate}前`);
    expect(pdfQrCode(res.pdf)).toBe(tracking(c));
  });

  it('受理通知书: the day accepted and the decision clock’s due day', async () => {
    const c = await drive.accepted();
    const decision = ((await drive.view(c, OFFICER)).clocks as { stage: string; dueDate: string }[]).find(
      (k) => k.stage === 'decision',
    )!;
    const res = await staffDoc(c, 'acceptance-notice', OFFICER);
    expect(res.status).toBe(200);
    const t = text(res.pdf);
    expect(t).toContain('受理通知书');
    expect(t).toMatch(/受理日期：\d{4}-\d{2}-\d{2}/);
    expect(t).toContain(`应于${decision.dueDate}前作出决定`);
    expect(pdfQrCode(res.pdf)).toBe(tracking(c));
    // The receipt now gives the decision clock's day as the promised date.
    expect(text((await staffDoc(c, 'acknowledgement')).pdf)).toContain(`承诺办结日期：${decision.dueDate}`);
  });
});
