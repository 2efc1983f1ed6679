import { DEFAULT_DOCUMENT_FONT, loadDocumentFont } from './document-font';
import type { CaseDocumentHead, ManifestView } from './document-views';
import {
  renderAcceptanceNotice,
  renderAcknowledgement,
  renderManifest,
  renderOneTimeNotice,
  renderRefusalNotice,
} from './renderers';
import { pdfPages, pdfQrCode, pdfText } from './__tests__/pdf-probe';

const options = { font: DEFAULT_DOCUMENT_FONT };
const TRACKING = 'http://127.0.0.1:3000/api/v1/track/330902-20261201-000007';
// Invented: a name with 𠮷 (U+20BB7, outside the BMP), an ID number already masked as documents print it.
const head: CaseDocumentHead = {
  caseNumber: '330902-20261201-000007',
  item: { code: '330100-TEST-0001', name: '食品经营许可' },
  applicantName: '𠮷田丽华',
  applicantIdNumber: '3309**********001X',
  window: { code: 'w330902', name: '定海区行政服务中心代收窗口' },
  homeJurisdiction: { code: 'j310115-sfj', name: '上海市浦东新区市场监督管理局' },
  trackingUrl: TRACKING,
  issuedAt: new Date('2026-12-01T06:05:00Z'),
};
/** pdftotext breaks lines where the page does: compare without white space. */
const flat = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, '');

describe('document font', () => {
  it('is Noto Sans CJK SC, with 𠮷 (U+20BB7)', () => {
    expect(loadDocumentFont(DEFAULT_DOCUMENT_FONT).postscriptName).toBe('NotoSansCJKsc-Regular');
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadDocumentFont({ path: '/nonexistent/font.ttc' })).toThrow(
      /DOCUMENT_FONT_PATH \/nonexistent/,
    );
  });

  it('refuses a font without CJK glyphs, naming what it lacks', () => {
    expect(() => loadDocumentFont({ path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' })).toThrow(
      /has no glyph for 收/,
    );
  });
});

describe('case documents', () => {
  it('收件回执: case number, query code, item, materials with their form, promised date, window, clerk, Beijing time; QR to tracking', async () => {
    const pdf = await renderAcknowledgement(
      {
        ...head,
        queryCode: '402913',
        receivedAt: new Date('2026-12-01T06:05:00Z'),
        clerk: 'clerk-w330902',
        materials: [
          { name: '食品经营许可申请书', form: 'original', pages: 3 },
          { name: '营业执照', form: 'certifiedCopy', pages: 1 },
          { name: '场所平面图', form: 'electronic', pages: null },
        ],
        promised: { date: '2026-12-22', workingDays: 15, basis: 'estimate' },
      },
      options,
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = flat(pdf);
    for (const expected of [
      '收件回执',
      '办件编号：330902-20261201-000007',
      '查询码：402913',
      '申请人：𠮷田丽华',
      '证件号码：3309**********001X',
      '食品经营许可（事项编码330100-TEST-0001）',
      '收件窗口：定海区行政服务中心代收窗口',
      '收件人员：clerk-w330902',
      '收件时间：2026-12-0114:05（北京时间）',
      '承诺办结日期：2026-12-22（15个工作日',
      '食品经营许可申请书原件3',
      '营业执照复印件（已核验原件）1',
      '场所平面图电子材料—',
    ]) {
      expect(text).toContain(expected);
    }
    expect(pdfQrCode(pdf)).toBe(TRACKING);
  });

  it('收件回执 without the code: masked, with a note', async () => {
    const pdf = await renderAcknowledgement(
      {
        ...head,
        queryCode: null,
        receivedAt: head.issuedAt,
        clerk: 'clerk-w330902',
        materials: [],
        promised: null,
      },
      options,
    );
    const text = flat(pdf);
    expect(text).toContain('查询码：******（查询码仅在收件时打印的回执上显示');
    expect(text).toContain('办理时限暂停计算中');
  });

  it('一次性告知书: every item at once, the note and the supplement deadline; QR to tracking', async () => {
    const pdf = await renderOneTimeNotice(
      {
        ...head,
        kind: 'supplement',
        issuedOn: '2026-12-03',
        items: ['卫生许可证明', '从业人员健康证明'],
        note: '健康证明须在有效期内',
        deadline: '2026-12-31',
      },
      options,
    );
    const text = flat(pdf);
    for (const expected of [
      '一次性告知补正通知书',
      '申请人：𠮷田丽华',
      '1.卫生许可证明',
      '2.从业人员健康证明',
      '说明：健康证明须在有效期内',
      '请于2026-12-31前',
      '告知日期：2026-12-03',
    ]) {
      expect(text).toContain(expected);
    }
    expect(pdfQrCode(pdf)).toBe(TRACKING);
  });

  it('一次性告知书 of the form check, without a clock: no deadline', async () => {
    const pdf = await renderOneTimeNotice(
      {
        ...head,
        kind: 'correction',
        issuedOn: '2026-12-01',
        items: ['营业执照 (original)'],
        note: null,
        deadline: null,
      },
      options,
    );
    const text = flat(pdf);
    expect(text).toContain('补正材料一次性告知书');
    expect(text).toContain('1.营业执照(original)');
    expect(text).not.toContain('请于');
  });

  it('不予受理通知书: reason, legal basis and the right to reconsideration or suit (行政复议法 art. 20, 行政诉讼法 art. 46); QR', async () => {
    const pdf = await renderRefusalNotice(
      {
        ...head,
        refusedOn: '2026-12-04',
        reason: '申请事项不属于本机关职权范围',
        legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第二项',
      },
      options,
    );
    const text = flat(pdf);
    for (const expected of [
      '不予受理通知书',
      '申请人：𠮷田丽华',
      '申请事项不属于本机关职权范围',
      '《中华人民共和国行政许可法》第三十二条第一款第二项',
      '六十日内依法申请行政复议',
      '六个月内依法向人民法院提起行政诉讼',
      '《中华人民共和国行政复议法》第十一条',
      '决定日期：2026-12-04',
    ]) {
      expect(text).toContain(expected);
    }
    expect(pdfQrCode(pdf)).toBe(TRACKING);
  });

  it('受理通知书: accepted day and the decision due day; QR', async () => {
    const pdf = await renderAcceptanceNotice(
      {
        ...head,
        acceptedOn: '2026-12-04',
        deemed: false,
        decision: { dueDate: '2026-12-25', workingDays: 15, provisional: false },
      },
      options,
    );
    const text = flat(pdf);
    expect(text).toContain('受理通知书');
    expect(text).toContain('受理日期：2026-12-04');
    expect(text).toContain('应于2026-12-25前作出决定');
    expect(text).toContain('申请人：𠮷田丽华');
    expect(pdfQrCode(pdf)).toBe(TRACKING);
  });
});

describe('材料交接单 (renderManifest)', () => {
  const originals = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `原件材料${i + 1}`,
      pages: i + 1,
      form: i % 2 ? 'certifiedCopy' : 'original',
    }));
  const manifest: ManifestView = {
    parcelNumber: 'P-330902-20261201-0001',
    waybillNumber: 'SF1234567890123',
    leg: 'materials',
    from: { code: 'w330902', name: '定海区行政服务中心代收窗口' },
    to: { code: 'j310115-sfj', name: '上海市浦东新区市场监督管理局' },
    sealedAt: new Date('2026-12-01T08:30:00Z'),
    cases: [
      { caseNumber: '330902-20261201-000007', itemName: '食品经营许可', originals: originals(2) },
      { caseNumber: '330902-20261201-000008', itemName: '𠮷祥药品经营许可', originals: originals(1) },
    ],
    manifestSha256: 'a'.repeat(64),
  };

  it('lists the parcel, each case and each original with pages and form, and the signature lines', async () => {
    const pdf = await renderManifest(manifest, options);
    const text = flat(pdf);
    for (const expected of [
      '材料交接单',
      '交接单号：P-330902-20261201-0001',
      '运单号：SF1234567890123',
      '移交单位：定海区行政服务中心代收窗口（w330902）',
      '接收单位：上海市浦东新区市场监督管理局（j310115-sfj）',
      '封包时间：2026-12-0116:30（北京时间）',
      '330902-20261201-000007',
      '330902-20261201-000008',
      '𠮷祥药品经营许可',
      '原件材料1原件1',
      '原件材料2复印件（已核验原件）2',
      'a'.repeat(64),
      '移交人（交出方）',
      '签收人（接收方）',
    ]) {
      expect(text).toContain(expected);
    }
    expect(pdfQrCode(pdf)).toBeNull();
  });

  it('breaks a long parcel across pages and keeps every original', async () => {
    const many: ManifestView = {
      ...manifest,
      waybillNumber: null,
      cases: Array.from({ length: 12 }, (_, i) => ({
        caseNumber: `330902-20261201-${String(i + 1).padStart(6, '0')}`,
        itemName: '食品经营许可',
        originals: originals(4),
      })),
    };
    const pdf = await renderManifest(many, options);
    expect(pdfPages(pdf)).toBeGreaterThan(1);
    const text = flat(pdf);
    expect(text).toContain('运单号：（未填写）');
    expect(text).toContain('330902-20261201-000012');
    expect(text.match(/原件材料4/g)).toHaveLength(12);
  });
});
