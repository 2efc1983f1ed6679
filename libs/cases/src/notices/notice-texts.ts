import { beijingTime } from '@app/common';
import { clockStageLabel, partyLabel } from '@app/workflow';

/**
 * The Chinese texts of the notices (issue 12 item 5), one pure builder per kind. A text names the
 * case by its number and holds no personal data: no name, no ID or phone number, never the query
 * code (only where to find it: the receipt). Times are Beijing time, written `2026-12-01 14:05`.
 */

/** Who signs every text, as an SMS gateway requires a bracketed signature first. */
export const NOTICE_SIGNATURE = '【政务服务】';

/** `at` as a person reads it in a notice: `2026-12-01 14:05（北京时间）`. */
export function noticeTime(at: Date): string {
  return `${beijingTime(at).slice(0, 16).replace('T', ' ')}（北京时间）`;
}

const toApplicant = (caseNumber: string, text: string) =>
  `${NOTICE_SIGNATURE}您的办件（编号${caseNumber}）${text}`;

/** 收件 (RECEIVE): received at the window; where to find the query code, never the code itself. */
export function receivedText(caseNumber: string, at: Date): string {
  return toApplicant(
    caseNumber,
    `已于${noticeTime(at)}在窗口收件。可凭办件编号和受理回执上的查询码查询办理进度，请勿将查询码告知他人。`,
  );
}

/** 转递 (FORWARD, REDISPATCH): the papers are on their way to the home jurisdiction. */
export function forwardedText(caseNumber: string, at: Date): string {
  return toApplicant(caseNumber, `已于${noticeTime(at)}转递至属地审批部门。`);
}

/** 受理 (ACCEPT) or 视为受理 (DEEM_ACCEPTED: no answer within the period, 行政许可法 art. 32). */
export function acceptedText(caseNumber: string, at: Date, deemed: boolean): string {
  return toApplicant(
    caseNumber,
    deemed
      ? `因属地审批部门未在法定期限内作出受理决定，依照《中华人民共和国行政许可法》第三十二条，自${noticeTime(at)}起视为受理。`
      : `已于${noticeTime(at)}由属地审批部门受理。`,
  );
}

/**
 * 一次性告知补正 (REQUEST_SUPPLEMENT): every item asked for, numbered, and the officer's note.
 * `items` are material names as the checklist writes them (no personal data).
 */
export function supplementText(
  caseNumber: string,
  at: Date,
  items: readonly string[],
  note?: string,
): string {
  const list = items.map((item, i) => `${i + 1}.${item}`).join('；');
  const why = note ? `说明：${note}。` : '';
  return toApplicant(
    caseNumber,
    `需补正材料（${noticeTime(at)}一次性告知）：${list}。${why}请持上述材料到收件窗口一次性补齐。`,
  );
}

/**
 * 中止计时 (SUSPEND_CLOCK, 行政许可法 art. 45): hearing, inspection, testing or expert review; the
 * time it takes is not counted in the decision's time limit.
 */
export function suspendedText(caseNumber: string, at: Date, reason: string): string {
  return toApplicant(
    caseNumber,
    `因${reason}，自${noticeTime(at)}起暂停计算办理时限，所需时间不计入办理期限（《中华人民共和国行政许可法》第四十五条）。`,
  );
}

/** 延长期限 (EXTEND_TIME_LIMIT): the decision period is ten working days longer, and why (行政许可法 art. 42). */
export function extendedText(caseNumber: string, at: Date, reason: string): string {
  return toApplicant(
    caseNumber,
    `因${reason}，经本机关负责人批准，办理期限自${noticeTime(at)}起延长十个工作日（《中华人民共和国行政许可法》第四十二条）。`,
  );
}

/** What was decided: 准予许可 (APPROVE), 不予许可 (DENY) or 不予受理 (REFUSE), with its reason. */
export type Decision =
  { outcome: 'approved' } | { outcome: 'denied' | 'refused'; reason: string; legalBasis?: string };

/** 决定 (APPROVE, DENY, REFUSE): the outcome, and for a denial or refusal its reason and legal basis. */
export function decidedText(caseNumber: string, at: Date, decision: Decision): string {
  if (decision.outcome === 'approved') {
    return toApplicant(caseNumber, `已于${noticeTime(at)}作出准予许可决定，办理结果将按您选择的方式送达。`);
  }
  const what = decision.outcome === 'denied' ? '作出不予许可决定' : '作出不予受理决定';
  const basis = decision.legalBasis ? `依据：${decision.legalBasis}。` : '';
  return toApplicant(
    caseNumber,
    `已于${noticeTime(at)}${what}。理由：${decision.reason}。${basis}书面决定书将送达您。`,
  );
}

/** 送达 (DISPATCH_RESULT): by mail with the courier's waybill, or online. */
export function dispatchedText(
  caseNumber: string,
  at: Date,
  dispatch: { method: 'mail' | 'online'; waybillNumber?: string },
): string {
  return toApplicant(
    caseNumber,
    dispatch.method === 'mail'
      ? `的办理结果已于${noticeTime(at)}寄出，快递运单号${dispatch.waybillNumber ?? '（未填写）'}，请注意查收。`
      : `的办理结果已于${noticeTime(at)}通过网络送达，请登录办事平台查收。`,
  );
}

/**
 * 撤回 (WITHDRAW): the case is closed without a decision, and why: at the applicant's request
 * (at the window or online), or deemed withdrawn by the system when a supplement was not handed in
 * (SUPPLEMENT_EXPIRY `withdraw`: 逾期未补正材料，视为撤回申请).
 */
export function withdrawnText(caseNumber: string, at: Date, reason: string): string {
  return toApplicant(caseNumber, `已于${noticeTime(at)}撤回，办理终止。原因：${reason}。`);
}

/**
 * 材料送达 (TRANSFER_DELIVERED), to the home jurisdiction: the scans have arrived, or the carrier
 * delivered the parcel with the originals (to be checked in against its manifest).
 */
export function papersArrivedText(caseNumber: string, itemCode: string, at: Date): string {
  return (
    `${NOTICE_SIGNATURE}异地代收件办件（编号${caseNumber}，事项${itemCode}）的申请材料已于${noticeTime(at)}送达贵单位，` +
    '原件请对照材料交接单逐件签收，并在法定期限内作出受理、不予受理或一次性告知补正的决定。'
  );
}

/** A clock's warning (80 % of its budget used) or overdue mark (100 %), to the office it charges. */
export interface ClockAlert {
  kind: 'warned' | 'overdue';
  /** The clock's stage, e.g. `acceptance` (CLOCK_STAGE_LABELS). */
  stage: string;
  /** The party the clock is charged to, e.g. `homeJurisdiction` (PARTY_LABELS). */
  party: string;
  /** The clock's due moment (the end of its due working day, Beijing time). */
  dueAt: Date;
  /**
   * Whether the due moment was counted over a year whose holidays the State Council has not yet
   * published (the clock's `provisional` flag): the text then says it may move.
   */
  provisional: boolean;
}

/** Said after a due moment counted over a provisional year's calendar. */
export const PROVISIONAL_DUE_NOTE = '（暂定，以国务院公布的节假日安排为准）';

/**
 * 时限预警 / 超期 (the clock sweep), to staff: which case, which stage, when it is or was due, and
 * whether that moment is provisional.
 */
export function clockAlertText(caseNumber: string, alert: ClockAlert): string {
  const stage = clockStageLabel(alert.stage);
  const party = partyLabel(alert.party);
  const due = noticeTime(alert.dueAt) + (alert.provisional ? PROVISIONAL_DUE_NOTE : '');
  return alert.kind === 'warned'
    ? `${NOTICE_SIGNATURE}时限预警：办件（编号${caseNumber}）的「${stage}」时限将于${due}届满，责任方：${party}，请及时办理。`
    : `${NOTICE_SIGNATURE}超期提醒：办件（编号${caseNumber}）的「${stage}」时限已于${due}届满，责任方：${party}，请立即办理并说明原因。`;
}
