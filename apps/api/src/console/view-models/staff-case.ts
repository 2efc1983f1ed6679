import type { CaseDocument, CaseView, ClockView, HistoryRow } from '@app/cases';
import { documentsIssued, PARCEL_LEG_LABELS, TRACKING_LABELS } from '@app/cases';
import { clockStageLabel, EVENT_LABELS, partyLabel, stateLabel } from '@app/workflow';
import {
  formsFor,
  IDENTITY_METHODS,
  MATERIAL_FORM_LABELS,
  type FormChoices,
  type RenderedForm,
} from './case-event-forms';
import { DUE_STATE_WORDS } from './staff-landing';

/** A code and the name the catalogue gives it. */
export interface Named {
  code: string;
  name: string;
}

/** What the catalogue says of a case: its item (with its checklist's material names), window and home jurisdiction. */
export interface CaseCatalogue {
  item: Named & { checklist: string[] };
  window: Named;
  jurisdiction: Named;
}

/** One line of the case's history as the page shows it. */
export interface HistoryLine {
  at: Date;
  what: string;
  /** Who: the actor's id (a username, `applicant:<case number>`, `<job>-job`). */
  by: string;
  /** The state after it, in words; '' for a record that moved nothing (a scan uploaded). */
  stateAfter: string;
  /** The payload's particulars in words (missing materials, a waybill, a reason), '' when none. */
  detail: string;
}

/** One clock of the case in words: stage, party, status, due, days left, pause, warning. */
export interface ClockLine {
  stage: string;
  party: string;
  status: string;
  dueDate: string;
  /** `剩余 3 个工作日`, `已超过 2 个工作日`, `用时 4 个工作日`, ''. */
  days: string;
  /** 正常, 预警, 已逾期 (with 暂定 for a provisional year), or '' for a clock not running. */
  dueWords: string;
  /** `overdue`, `warned` or `running` for the row's class, '' when not running. */
  dueState: 'overdue' | 'warned' | 'running' | '';
  /** The open pause's reason, or ''. */
  pausedFor: string;
  budget: string;
}

/** A document the case has, as a print link. */
export interface DocumentLink {
  document: CaseDocument;
  label: string;
  href: string;
}

/** What the staff case page shows (views/staff/case.eta). */
export interface StaffCasePage {
  view: CaseView;
  catalogue: CaseCatalogue;
  stateLabel: string;
  stateNext: string;
  materials: { name: string; form: string; pages: string; receivedAt: Date; check: string }[];
  scans: {
    materialName: string;
    kind: string;
    size: string;
    uploadedAt: Date;
    digest: string;
    check: string;
  }[];
  history: HistoryLine[];
  clocks: ClockLine[];
  parcels: {
    leg: string;
    parcelNumber: string;
    waybillNumber: string;
    carrier: string;
    status: string;
    line: string;
    legs: { at: Date; status: string; location: string }[];
  }[];
  transfers: { direction: string; channel: string; waybillNumber: string; status: string; at: Date }[];
  documents: DocumentLink[];
  actions: RenderedForm[];
  choices: FormChoices;
  /** The case's address on the console (its case number). */
  href: string;
}

/** The print name of each document (issue 13: 收件回执, 一次性告知书, 不予受理通知书, 受理通知书). */
export const DOCUMENT_LABELS: Readonly<Record<CaseDocument, string>> = {
  acknowledgement: '收件回执',
  'one-time-notice': '一次性告知书',
  'refusal-notice': '不予受理通知书',
  'acceptance-notice': '受理通知书',
};

/** History records that are not events (libs/db HISTORY_RECORD_TYPES), in words. */
const RECORD_LABELS: Readonly<Record<string, string>> = {
  SCAN_UPLOADED: '上传扫描件',
  EVALUATED: '申请人评价',
  CLOCKS_RECOMPUTED: '法定节假日调整，时限重算',
  RECTIFIED: '差评整改完成',
};

/** The payload fields a history line names, and how. */
const DETAIL_FIELDS: readonly [string, string][] = [
  ['missing', '需补正'],
  ['items', '需补正'],
  ['note', '说明'],
  ['reason', '理由'],
  ['legalBasis', '依据'],
  ['waybillNumber', '运单号'],
  ['method', '方式'],
  ['materialName', '材料'],
];

const CLOCK_STATUS_WORDS: Readonly<Record<string, string>> = {
  running: '计时中',
  paused: '已暂停',
  met: '按时完成',
  late: '超时完成',
  withdrawn: '撤回终止',
};

const TRANSFER_WORDS: Readonly<Record<string, string>> = {
  forward: '材料转递',
  result: '结果送达',
  courier: '寄递',
  scan: '扫描件传送',
  mail: '邮寄',
  online: '网络送达',
  in_transit: '途中',
  delivered: '已送达',
  failed: '失败',
  cancelled: '已取消',
};

const PARCEL_STATUS_WORDS: Readonly<Record<string, string>> = {
  open: '装包中',
  sealed: '已封包寄出',
  delivered: '已送达',
  checkedIn: '已签收',
  failed: '寄递失败',
  packed: '已装包',
  received: '已签收',
  discrepancy: '签收有差异',
  returned: '已退回',
  removed: '已移出',
};

const words = (table: Readonly<Record<string, string>>, value: string): string => table[value] ?? value;

/** `who，2026-12-01 14:05` of a 原件核验, or '' when none was made. */
function checkWords(by: string | null, at: Date | null, minute: (d: Date) => string): string {
  return by && at ? `已核验原件（${by}，${minute(at)}）` : '';
}

/** One history row in words. */
function historyLine(row: HistoryRow): HistoryLine {
  const payload = row.payload ?? {};
  const detail = DETAIL_FIELDS.flatMap(([key, label]) => {
    const v = payload[key];
    if (Array.isArray(v) && v.length > 0) return [`${label}：${v.join('、')}`];
    if (key === 'method' && typeof v === 'string') {
      return [`${label}：${IDENTITY_METHODS.find((m) => m.value === v)?.label ?? v}`];
    }
    if (typeof v === 'string' && v !== '') return [`${label}：${v}`];
    return [];
  });
  const result = payload.result as { documentNumber?: string } | undefined;
  if (result?.documentNumber) detail.push(`文书编号：${result.documentNumber}`);
  const record = RECORD_LABELS[row.type];
  return {
    at: row.occurredAt,
    what: record ?? EVENT_LABELS[row.type] ?? row.type,
    by: row.actorId,
    stateAfter: record ? '' : (stateLabel(row.toState)?.label ?? row.toState),
    detail: detail.join('；'),
  };
}

/** One clock in words (a warning or an overdue mark always in words, never colour alone). */
export function clockLine(clock: ClockView, now: Date): ClockLine {
  const running = clock.status === 'running';
  const overdue = running && (clock.overdueAt !== null || (clock.dueAt !== null && clock.dueAt <= now));
  const dueState = !running ? '' : overdue ? 'overdue' : clock.warnedAt ? 'warned' : 'running';
  const left = clock.workingDaysLeft;
  const days =
    left !== null
      ? left >= 0
        ? `剩余 ${left} 个工作日`
        : `已超过 ${-left} 个工作日`
      : clock.usedWorkingDays !== null
        ? `用时 ${clock.usedWorkingDays} 个工作日`
        : '';
  const open = clock.pauses.find((p) => p.to === null);
  const extended = clock.extendedWorkingDays > 0 ? `，延长 ${clock.extendedWorkingDays} 个工作日` : '';
  return {
    stage: clockStageLabel(clock.stage),
    party: partyLabel(clock.party),
    status: words(CLOCK_STATUS_WORDS, clock.status),
    dueDate: clock.dueDate ?? '',
    days,
    dueWords: dueState ? `${DUE_STATE_WORDS[dueState]}${clock.provisional ? '（按暂定日历）' : ''}` : '',
    dueState,
    pausedFor: open ? open.reason || open.cause : '',
    budget: `${clock.budgetWorkingDays} 个工作日${extended}`,
  };
}

/**
 * The staff case page of `view` (CaseQueryService.getCase for the reader: allowed events, applicant
 * masked or not by the policy) with its `history` (oldest first), the catalogue's names and
 * checklist, as of `now`; `minute` writes Beijing times. The forms are those of the allowed events
 * (formsFor); the documents those the history issued (documentsIssued), linked under `base`.
 */
export function staffCasePage(
  view: CaseView,
  history: readonly HistoryRow[],
  catalogue: CaseCatalogue,
  now: Date,
  minute: (d: Date) => string,
): StaffCasePage {
  const labels = stateLabel(view.state);
  const href = `/console/staff/cases/${view.caseNumber}`;
  const choices: FormChoices = {
    checklist: catalogue.item.checklist,
    requested: view.requestedSupplement,
  };
  return {
    view,
    catalogue,
    href,
    stateLabel: view.needsManualHandling ? '人工处理中' : (labels?.label ?? view.state),
    stateNext: view.needsManualHandling ? '此件的状态记录与当前流程不符，需人工处理' : (labels?.next ?? ''),
    materials: view.materials.map((m) => ({
      name: m.name,
      form: words(MATERIAL_FORM_LABELS, m.form),
      pages: m.pages === null ? '—' : String(m.pages),
      receivedAt: m.receivedAt,
      check: checkWords(m.originalCheckedBy, m.originalCheckedAt, minute),
    })),
    scans: view.scans.map((s) => ({
      materialName: s.materialName,
      kind: s.contentType === 'application/pdf' ? 'PDF' : s.contentType.replace('image/', '').toUpperCase(),
      size:
        s.bytes >= 1024 * 1024
          ? `${(s.bytes / 1024 / 1024).toFixed(1)} MB`
          : `${Math.ceil(s.bytes / 1024)} KB`,
      uploadedAt: s.uploadedAt,
      digest: s.sha256.slice(0, 12),
      check: checkWords(s.originalCheckedBy, s.originalCheckedAt, minute),
    })),
    history: history.map(historyLine),
    clocks: view.clocks.map((c) => clockLine(c, now)),
    parcels: view.parcels.map((p) => ({
      leg: PARCEL_LEG_LABELS[p.leg],
      parcelNumber: p.parcelNumber,
      waybillNumber: p.waybillNumber ?? '',
      carrier: p.carrier ?? '',
      status: words(PARCEL_STATUS_WORDS, p.status),
      line: words(PARCEL_STATUS_WORDS, p.line.status),
      legs: p.legs.map((l) => ({ at: l.at, status: TRACKING_LABELS[l.status], location: l.location })),
    })),
    transfers: view.transfers.map((t) => ({
      direction: words(TRANSFER_WORDS, t.direction),
      channel: words(TRANSFER_WORDS, t.channel),
      waybillNumber: t.waybillNumber ?? '',
      status: words(TRANSFER_WORDS, t.status) + (t.failureReason ? `（${t.failureReason}）` : ''),
      at: t.dispatchedAt,
    })),
    documents: documentsIssued(history.map((h) => h.type)).map((document) => ({
      document,
      label: DOCUMENT_LABELS[document],
      href: `${href}/documents/${document}.pdf`,
    })),
    actions: formsFor(view.allowedEvents, choices),
    choices,
  };
}
