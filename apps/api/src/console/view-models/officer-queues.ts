import { INBOX_STATES } from '@app/cases';
import { statesTagged, statesTaking, type CaseState } from '@app/workflow';

/** One of the officer's queues: its address key, its name, and the states of the machine it holds. */
export interface OfficerQueue {
  key: string;
  label: string;
  /** What the officer does with a case in it. */
  duty: string;
  states: readonly CaseState[];
}

const both = (a: readonly CaseState[], b: readonly CaseState[]) => a.filter((s) => b.includes(s));

const awaitingCheckIn = both(INBOX_STATES, statesTagged('inParcel'));
const awaitingAcceptance = statesTagged('acceptancePending');
const supplement = statesTagged('supplementOpen');
const suspended = statesTagged('clockSuspended');
const readyToDispatch = both(INBOX_STATES, statesTaking('DISPATCH_RESULT'));
const elsewhere = [...awaitingCheckIn, ...awaitingAcceptance, ...suspended, ...readyToDispatch];

/**
 * The officer's queues (issue 14: arrived, awaiting acceptance, processing, supplement outstanding,
 * suspended, ready to dispatch), each read from the machine's tags and transitions, never a list of
 * state names: arrived = in the inbox with a parcel to check in; awaiting acceptance = the tag
 * `acceptancePending`; supplement = `supplementOpen` (the applicant's turn, followed by the
 * officer); suspended = `clockSuspended`; ready to dispatch = in the inbox and taking
 * DISPATCH_RESULT; processing = the rest of the inbox (under review, the decision to make).
 */
export const OFFICER_QUEUES: readonly OfficerQueue[] = [
  { key: 'arrived', label: '已送达待签收', duty: '核对材料原件并签收', states: awaitingCheckIn },
  {
    key: 'awaiting-acceptance',
    label: '待受理',
    duty: '受理、不予受理或一次性告知补正',
    states: awaitingAcceptance,
  },
  {
    key: 'processing',
    label: '已受理，办理中',
    duty: '审查并作出决定',
    states: INBOX_STATES.filter((s) => !elsewhere.includes(s)),
  },
  { key: 'supplement', label: '待申请人补正', duty: '等待申请人到窗口补交材料', states: supplement },
  { key: 'suspended', label: '特别程序中（时限中止）', duty: '特别程序结束后恢复计时', states: suspended },
  {
    key: 'ready-to-dispatch',
    label: '待送达结果',
    duty: '邮寄或网络送达结果、通知书',
    states: readyToDispatch,
  },
];

/** The queue with address key `key`, or undefined. */
export function officerQueue(key: string): OfficerQueue | undefined {
  return OFFICER_QUEUES.find((q) => q.key === key);
}
