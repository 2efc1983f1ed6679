import type {
  AcceptanceNoticeView,
  AcknowledgementView,
  CaseDocumentHead,
  DocumentMaterial,
  ManifestView,
  OneTimeNoticeView,
  RefusalNoticeView,
} from './document-views';
import { printedTime, Sheet, type RenderOptions } from './sheet';

/**
 * The documents people hold, as PDF (pdfkit, A4, the CJK font of `RenderOptions` embedded as a
 * subset). Pure: a view model in, the PDF's bytes out; the same view gives the same text. Each
 * applicant-facing document carries a QR code of the case's tracking address (`trackingUrl`).
 */

/** How each material form prints (the forms of libs/workflow, and certified copies). */
export const FORM_LABELS: Readonly<Record<string, string>> = {
  original: '原件',
  certifiedCopy: '复印件（已核验原件）',
  copy: '复印件',
  electronic: '电子材料',
};

/** The printed label of `form`; an unknown form prints as it is. */
export const formLabel = (form: string): string => FORM_LABELS[form] ?? form;

/** What a manifest's leg means, printed in its title line. */
export const LEG_LABELS: Readonly<Record<ManifestView['leg'], string>> = {
  materials: '申请材料转递（收件窗口→业务属地部门）',
  result: '办理结果寄递（业务属地部门→申请人）',
  archive: '原件归档（收件窗口→业务属地部门）',
};

const QR_CAPTION = '扫码查询办理进度';

/** The fields every case document opens with, beside its QR code. */
async function caseHead(sheet: Sheet, head: CaseDocumentHead): Promise<void> {
  await sheet.qr(head.trackingUrl, QR_CAPTION);
  sheet
    .field('办件编号', head.caseNumber)
    .field('申请人', head.applicantName)
    .field('证件号码', head.applicantIdNumber)
    .field('申请事项', `${head.item.name}（事项编码 ${head.item.code}）`)
    .field('收件窗口', head.window.name)
    .field('业务属地部门', head.homeJurisdiction.name);
}

/** Where to follow the case, printed in words under the fields. */
function trackingLine(sheet: Sheet, head: CaseDocumentHead): void {
  sheet.paragraph(`进度查询：凭办件编号和查询码访问 ${head.trackingUrl}，或扫描右上角二维码。`, 9);
}

const materialRows = (materials: readonly DocumentMaterial[]) =>
  materials.map((m, i) => [
    String(i + 1),
    m.name,
    formLabel(m.form),
    m.pages === null ? '—' : String(m.pages),
  ]);

const MATERIAL_COLUMNS = [
  { heading: '序号', share: 0.08 },
  { heading: '材料名称', share: 0.56 },
  { heading: '形式', share: 0.24 },
  { heading: '页数', share: 0.12 },
];

/**
 * 收件回执: the acknowledgement receipt the window hands the applicant (国办发〔2020〕35号 跨省通办:
 * the window issues a receipt; 行政许可法 art. 32 for what follows). The query code prints only when
 * the view carries it; otherwise masked, with a note where to find it.
 * @returns the PDF's bytes
 * @throws Error from loadDocumentFont when the font is missing or lacks a needed glyph
 */
export async function renderAcknowledgement(
  view: AcknowledgementView,
  options: RenderOptions,
): Promise<Buffer> {
  const sheet = new Sheet(options, { title: '收件回执', issuedAt: view.issuedAt });
  sheet.title('收件回执', view.window.name);
  await caseHead(sheet, view);
  sheet
    .field('查询码', view.queryCode ?? '******（查询码仅在收件时打印的回执上显示，请妥善保管）')
    .field('收件时间', printedTime(view.receivedAt))
    .field('收件人员', view.clerk)
    .field(
      '承诺办结日期',
      view.promised === null
        ? '办理时限暂停计算中，恢复后另行告知'
        : `${view.promised.date}（${view.promised.workingDays}个工作日${
            view.promised.basis === 'estimate' ? '，自收件日起预计，以受理通知书为准' : '，自受理之日起计算'
          }）`,
    );
  sheet.heading('已收取的申请材料').table(MATERIAL_COLUMNS, materialRows(view.materials));
  sheet.paragraph(
    '本回执仅证明收件窗口已收到上列申请材料，不代表已经受理。收件窗口将对材料进行形式审查后转递业务属地部门，' +
      '由业务属地部门依法决定是否受理并作出决定。',
  );
  trackingLine(sheet, view);
  return sheet.footer(view.window.name, view.issuedAt).finish();
}

/**
 * 一次性告知书: everything missing or defective, listed at once (行政许可法 art. 32 (4): 一次告知申请人
 * 需要补正的全部内容), with the deadline where the supplement clock runs.
 * @returns the PDF's bytes
 * @throws Error from loadDocumentFont
 */
export async function renderOneTimeNotice(view: OneTimeNoticeView, options: RenderOptions): Promise<Buffer> {
  const title = view.kind === 'supplement' ? '一次性告知补正通知书' : '补正材料一次性告知书';
  const issuer = view.kind === 'supplement' ? view.homeJurisdiction.name : view.window.name;
  const sheet = new Sheet(options, { title, issuedAt: view.issuedAt });
  sheet.title(title, issuer);
  await caseHead(sheet, view);
  sheet.field('告知日期', view.issuedOn);
  sheet
    .heading('请补正以下全部材料')
    .paragraph(
      view.kind === 'supplement'
        ? `经审查，您的申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条，现一次性告知您需要补正的全部内容：`
        : `经形式审查，您提交的申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条，现一次性告知您需要补正的全部内容：`,
    )
    .list(view.items);
  if (view.note) sheet.field('说明', view.note);
  sheet.paragraph(
    view.deadline
      ? `请于 ${view.deadline} 前将上述材料提交至${view.window.name}。补正期间办理时限暂停计算。`
      : `请将上述材料提交至${view.window.name}，补正齐全后继续办理。`,
  );
  trackingLine(sheet, view);
  return sheet.footer(issuer, view.issuedAt).finish();
}

/**
 * 不予受理通知书: the refusal with its reason and legal basis (行政许可法 art. 32: a written notice, dated,
 * of the refusal to accept), and the applicant's right to apply for administrative reconsideration
 * (行政复议法 art. 11, within sixty days, art. 20) or to sue (行政诉讼法 art. 12, within six months, art. 46).
 * @returns the PDF's bytes
 * @throws Error from loadDocumentFont
 */
export async function renderRefusalNotice(view: RefusalNoticeView, options: RenderOptions): Promise<Buffer> {
  const sheet = new Sheet(options, { title: '不予受理通知书', issuedAt: view.issuedAt });
  sheet.title('不予受理通知书', view.homeJurisdiction.name);
  await caseHead(sheet, view);
  sheet.field('决定日期', view.refusedOn);
  sheet.heading('不予受理的理由').paragraph(view.reason);
  sheet.heading('法律依据').paragraph(view.legalBasis);
  sheet
    .heading('救济途径')
    .paragraph(
      '如对本决定不服，您可以自收到本通知书之日起六十日内依法申请行政复议，或者自收到本通知书之日起六个月内' +
        '依法向人民法院提起行政诉讼（《中华人民共和国行政许可法》第三十二条，《中华人民共和国行政复议法》第十一条、' +
        '第二十条，《中华人民共和国行政诉讼法》第十二条、第四十六条）。',
    );
  trackingLine(sheet, view);
  return sheet.footer(view.homeJurisdiction.name, view.issuedAt).finish();
}

/**
 * 受理通知书: the day the home jurisdiction accepted (or the case was deemed accepted, 行政许可法
 * art. 32: 逾期不告知的，自收到申请材料之日起即为受理) and the day the decision is due (art. 42).
 * @returns the PDF's bytes
 * @throws Error from loadDocumentFont
 */
export async function renderAcceptanceNotice(
  view: AcceptanceNoticeView,
  options: RenderOptions,
): Promise<Buffer> {
  const sheet = new Sheet(options, { title: '受理通知书', issuedAt: view.issuedAt });
  sheet.title('受理通知书', view.homeJurisdiction.name);
  await caseHead(sheet, view);
  sheet.field('受理日期', view.acceptedOn + (view.deemed ? '（逾期未作受理决定，依法视为受理）' : ''));
  const decision = view.decision;
  sheet.field(
    '办理期限',
    decision === null
      ? '按法定期限办理'
      : decision.dueDate === null
        ? `${decision.workingDays}个工作日（办理时限暂停计算中）`
        : `${decision.workingDays}个工作日，应于 ${decision.dueDate} 前作出决定${decision.provisional ? '（节假日安排未公布，日期可能调整）' : ''}`,
  );
  sheet.paragraph(
    '您的申请材料齐全、符合法定形式，本机关决定予以受理。依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，' +
      '所需时间不计算在办理期限内（《中华人民共和国行政许可法》第三十二条、第四十二条、第四十五条）。',
  );
  trackingLine(sheet, view);
  return sheet.footer(view.homeJurisdiction.name, view.issuedAt).finish();
}

/**
 * 材料交接单: the manifest of a parcel, for the courier and for check-in at arrival: each case and
 * each original in it (name, pages, form), and signature lines for the hand-over and the check-in.
 * No QR code: it concerns offices, not an applicant.
 * @returns the PDF's bytes
 * @throws Error from loadDocumentFont
 */
export async function renderManifest(view: ManifestView, options: RenderOptions): Promise<Buffer> {
  // The PDF's date is the sealing time, so one view gives one document (an unsealed draft: the epoch).
  const issuedAt = view.sealedAt ?? new Date(0);
  const sheet = new Sheet(options, { title: '材料交接单', issuedAt });
  sheet.title('材料交接单', LEG_LABELS[view.leg]);
  sheet
    .field('交接单号', view.parcelNumber)
    .field('运单号', view.waybillNumber ?? '（未填写）')
    .field('移交单位', `${view.from.name}（${view.from.code}）`)
    .field('接收单位', `${view.to.name}（${view.to.code}）`)
    .field('封包时间', view.sealedAt ? printedTime(view.sealedAt) : '未封包')
    .field(
      '件数',
      `${view.cases.length} 件，材料 ${view.cases.reduce((n, c) => n + c.originals.length, 0)} 份`,
    );
  if (view.manifestSha256) sheet.field('交接单摘要（SHA-256）', view.manifestSha256);
  const rows = view.cases.flatMap((c, i) =>
    c.originals.length === 0
      ? [[String(i + 1), `${c.caseNumber}\n${c.itemName}`, '（无纸质材料）', '', '', '']]
      : c.originals.map((o, j) => [
          j === 0 ? String(i + 1) : '',
          j === 0 ? `${c.caseNumber}\n${c.itemName}` : '',
          o.name,
          formLabel(o.form),
          o.pages === null ? '—' : String(o.pages),
          '□收到 □缺失 □破损',
        ]),
  );
  sheet.table(
    [
      { heading: '序号', share: 0.06 },
      { heading: '办件编号 / 事项', share: 0.29 },
      { heading: '材料名称', share: 0.22 },
      { heading: '形式', share: 0.12 },
      { heading: '页数', share: 0.07 },
      { heading: '签收核对', share: 0.24 },
    ],
    rows,
  );
  return sheet.signatures(['移交人（交出方）', '承运人（快递）', '签收人（接收方）']).finish();
}
