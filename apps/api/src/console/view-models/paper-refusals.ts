import { HttpException } from '@nestjs/common';
import { Conflict, InvalidInput, NotFound, UnsupportedContent, type FieldProblem } from '@app/common';
import { stateLabel } from '@app/workflow';
import type { Said } from '../http/console-page.filter';
import { PARCEL_STATUS_WORDS } from './parcel-pages';

/** What the refused action was about, for the sentence that says why. */
export interface RefusalContext {
  /** The case number the clerk scanned or typed (packing). */
  caseNumber?: string;
  /** The parcel's leg (packing into an archive parcel has its own rule). */
  leg?: 'materials' | 'archive' | 'result';
}

/** What each field of the papers' forms is called when the api's own check names it. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  file: '请选择一个 PDF、JPEG 或 PNG 扫描文件（每次一个，不能为空）。',
  material: '请选择这份扫描件所属的材料（须为本案已收取的材料）。',
  waybillNumber: '运单号应为 8 至 30 位大写字母或数字，请重新扫描。',
  jurisdictionCode: '请选择业务属地部门。',
  leg: '请选择包裹类别。',
  caseId: '该案件不在本包裹中。',
  cases: '请逐件核对交接单上的每个案件。',
  body: '提交的内容格式不正确。',
  version: '页面缺少案件版本：请重新打开页面后再上传。',
};

/** A detail of a refusal as text ('' when absent or not text). */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const state = (details: unknown) => {
  const s = (details as { state?: string } | undefined)?.state;
  return s ? (stateLabel(s)?.label ?? s) : '';
};

/** Why a case cannot be packed, in Chinese (not_packable's `details.why`). */
function notPackableWords(details: Record<string, unknown>, ctx: RefusalContext): string {
  const n = text(details.caseNumber) || (ctx.caseNumber ?? '');
  if (details.why === 'jurisdiction') return `案件 ${n} 的业务属地部门不是本包裹的收件单位，不能装入。`;
  if (details.why === 'noOriginals') return `案件 ${n} 没有需要寄递的纸质原件。`;
  if (ctx.leg === 'archive') {
    return `案件 ${n}（${state(details)}）不能装入归档包裹：只有已办结、原件仍在窗口的案件可以归档。`;
  }
  return `案件 ${n} 当前为「${state(details)}」，不能装入：只有身份核验通过待转递、或转递异常待重新寄递的案件可以寄递原件。`;
}

/** A conflict of the papers' services in Chinese. */
function conflictWords(e: Conflict, ctx: RefusalContext): string {
  const details = (e.details ?? {}) as Record<string, unknown>;
  const status = PARCEL_STATUS_WORDS[details.status as keyof typeof PARCEL_STATUS_WORDS] ?? '';
  switch (e.reason) {
    case 'parcel_not_open':
      return `包裹${status}，不能再装入、取出或封包。`;
    case 'parcel_not_in_transit':
      return `包裹当前为「${status}」，只有已封包寄出或已送达的包裹可以签收。`;
    case 'parcel_empty':
      return '包裹内还没有案件：请先扫描收件回执装入案件，再封包。';
    case 'parcel_changed':
      return '包裹内的案件在您打开页面后有变动，未封包。请核对下方清单后再封包。';
    case 'packed_elsewhere':
      return `案件 ${text(details.caseNumber)} 已装在本窗口另一个未封包的包裹中，请先从那个包裹取出。`;
    case 'not_packable':
      return notPackableWords(details, ctx);
    case 'waybill_in_use':
      return '该运单号已用于另一个包裹，未封包。请核对运单后重新扫描。';
    case 'event_not_allowed':
      return `包裹中有案件当前为「${state(details)}」，已不能转递，未封包。请先取出该案件。`;
    case 'stale_version':
      return '案件在您打开页面后已有变动，未予办理。请核对下方案件的当前状态后重试。';
    case 'not_at_window':
      return `案件当前为「${state(details)}」，材料已不在窗口，不能上传扫描件。`;
    case 'scan_exists':
      return `这份文件已是本案「${text(details.materialName)}」的扫描件。`;
    default:
      return '当前状态不允许此操作，未予办理。';
  }
}

/**
 * A refusal of the papers' services (ParcelService, ScanService, a case looked up by its number)
 * as the page that was posted says it: status and a Chinese sentence, with the fields it names.
 * Null for anything else (the console's error page answers it).
 */
export function paperRefusal(e: unknown, ctx: RefusalContext = {}): Said | null {
  if (e instanceof InvalidInput) {
    const fields: FieldProblem[] = ((e.details as FieldProblem[]) ?? []).map((p) => ({
      field: p.field,
      message: /[\u4e00-\u9fff]/.test(p.message) ? p.message : (FIELD_WORDS[p.field] ?? '请检查填写的内容。'),
    }));
    return { status: 400, message: fields[0]?.message ?? '请检查填写的内容。', fields };
  }
  if (e instanceof NotFound) {
    const message =
      e.reason === 'case' && ctx.caseNumber
        ? `未找到案件编号 ${ctx.caseNumber}：请核对收件回执（只能装入本窗口收件的案件）。`
        : e.reason === 'parcel'
          ? '未找到该包裹。'
          : '未找到该案件。';
    return { status: 404, message, fields: [] };
  }
  if (e instanceof Conflict) return { status: 409, message: conflictWords(e, ctx), fields: [] };
  if (e instanceof UnsupportedContent) {
    return {
      status: 415,
      message: '扫描件须为 PDF、JPEG 或 PNG 文件。',
      fields: [{ field: 'file', message: FIELD_WORDS.file }],
    };
  }
  if (e instanceof HttpException && e.getStatus() === 413) {
    return {
      status: 413,
      message: '扫描件超过允许的大小，未上传。',
      fields: [{ field: 'file', message: '文件过大' }],
    };
  }
  return null;
}
