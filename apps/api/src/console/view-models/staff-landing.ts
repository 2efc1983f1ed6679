import type { CasePage, DueMoment, DueState } from '@app/cases';
import { clockStageLabel, stateLabel } from '@app/workflow';

/** A due clock's state in words, so a warning never rests on colour alone. */
export const DUE_STATE_WORDS: Readonly<Record<DueState, string>> = {
  running: '正常',
  warned: '预警',
  overdue: '已逾期',
};

/** One row of a staff worklist as a page shows it. */
export interface WorklistRow {
  /** The case's id: its claim page is `/console/staff/cases/<id>/claim`. */
  caseId: string;
  caseNumber: string;
  itemName: string;
  applicantName: string;
  stateLabel: string;
  since: Date;
  /** What is due next, in words (`受理 2026-12-08 前`), or '' when nothing is. */
  dueWhat: string;
  /** The due day, `2026-12-08`; '' when nothing is due. */
  dueDate: string;
  /** `running`, `warned` or `overdue`, for the row's class; '' when nothing is due. */
  dueState: DueState | '';
  /** The due state in words (正常, 预警, 已逾期), with 暂定 when the calendar year is provisional. */
  dueWords: string;
  /** Who holds the case (认领) in words: the officer's username, or 未认领. */
  holderWords: string;
}

/** The rows of `page` (CaseQueryService.listCases), with state and due moment in Chinese words. */
export function worklistRows(page: CasePage): WorklistRow[] {
  return page.cases.map((c) => ({
    caseId: c.id,
    caseNumber: c.caseNumber,
    itemName: c.itemName,
    applicantName: c.applicantName,
    stateLabel: stateLabel(c.state)?.label ?? c.state,
    since: c.since,
    holderWords: c.holder ?? '未认领',
    ...dueColumns(c.due),
  }));
}

function dueColumns(
  due: DueMoment | null,
): Pick<WorklistRow, 'dueWhat' | 'dueDate' | 'dueState' | 'dueWords'> {
  if (!due) return { dueWhat: '', dueDate: '', dueState: '', dueWords: '无时限' };
  const provisional = due.provisional ? '（按暂定日历）' : '';
  return {
    dueWhat: clockStageLabel(due.stage),
    dueDate: due.dueDate,
    dueState: due.state,
    dueWords: `${DUE_STATE_WORDS[due.state]}${provisional}`,
  };
}
