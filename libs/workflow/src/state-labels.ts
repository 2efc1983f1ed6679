import { isCaseState, type CaseState } from './case-states';

/** How a state reads to an applicant: its name (进度) and what happens next. */
export interface StateLabel {
  label: string;
  next: string;
}

/**
 * What each state means to an applicant (进度查询), in the words a service centre uses, and what
 * happens next. Keyed by CaseState: a state the machine adds, renames or drops fails to compile here.
 */
export const STATE_LABELS: Readonly<Record<CaseState, StateLabel>> = {
  received: { label: '已收件', next: '窗口正在对申请材料进行形式审查' },
  returnedForCorrection: { label: '材料需补正', next: '请按一次性告知单补齐材料后到窗口重新提交' },
  formChecked: { label: '形式审查通过', next: '窗口正在核验申请人身份' },
  identityVerified: { label: '身份核验通过', next: '窗口将申请材料转递业务属地部门' },
  'forwarded.inTransit': { label: '材料转递中', next: '申请材料扫描件正在传送至业务属地部门' },
  'forwarded.inParcel': { label: '材料寄递中', next: '申请材料原件正在寄往业务属地部门' },
  'forwarded.awaitingCheckIn': { label: '材料已送达，待签收', next: '业务属地部门将逐件核对签收材料原件' },
  'forwarded.awaitingAcceptance': { label: '待受理', next: '业务属地部门已收到材料，将决定是否受理' },
  transferException: { label: '转递异常', next: '窗口将重新寄递或传送材料' },
  supplementRequested: { label: '待补正', next: '请按一次性告知单到收件窗口补交材料' },
  'accepted.processing': { label: '已受理，办理中', next: '业务属地部门正在审查办理' },
  'accepted.supplementRequested': { label: '审查中待补正', next: '请按一次性告知单到收件窗口补交材料' },
  'accepted.suspended': {
    label: '办理中（特别程序）',
    next: '听证、检验检测或专家评审等所需时间不计入办理时限',
  },
  'accepted.concluded': { label: '已办结', next: '办理结果即将寄递或网络送达' },
  refused: { label: '不予受理', next: '不予受理通知书即将送达' },
  resultDispatched: { label: '结果送达中', next: '办理结果正在寄递或网络送达' },
  resultReturned: { label: '结果寄递异常', next: '业务属地部门将重新寄递办理结果' },
  resultDelivered: { label: '已送达', next: '办理完毕，欢迎对本次服务进行评价' },
  withdrawn: { label: '已撤回', next: '申请已撤回，办理终止' },
};

/** The labels of a stored state value; undefined for a value the machine does not have. */
export function stateLabel(state: string): StateLabel | undefined {
  return isCaseState(state) ? STATE_LABELS[state] : undefined;
}

/** The event names as an applicant's timeline shows them. */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  RECEIVE: '窗口收件',
  PASS_FORM_CHECK: '形式审查通过',
  FAIL_FORM_CHECK: '一次性告知补正材料',
  RESUBMIT: '重新提交材料',
  VERIFY_IDENTITY: '身份核验',
  FORWARD: '材料转递',
  TRANSFER_DELIVERED: '材料送达业务属地部门',
  CHECK_IN: '业务属地部门签收材料',
  TRANSFER_FAILED: '转递异常',
  REDISPATCH: '重新转递',
  ACCEPT: '受理',
  DEEM_ACCEPTED: '逾期未作处理，视为受理',
  REQUEST_SUPPLEMENT: '一次性告知补正',
  SUPPLEMENT_RECEIVED: '补正材料已收',
  REFUSE: '不予受理',
  APPROVE: '准予许可，办结',
  DENY: '不予许可，办结',
  EXTEND_TIME_LIMIT: '延长办理时限',
  SUSPEND_CLOCK: '进入特别程序，时限中止',
  RESUME_CLOCK: '特别程序结束，时限恢复',
  DISPATCH_RESULT: '结果或通知书发出',
  RESULT_DELIVERED: '结果送达',
  WITHDRAW: '撤回申请',
};
