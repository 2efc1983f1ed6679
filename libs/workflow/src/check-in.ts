import type { CheckInOutcome, OriginalCheckedIn } from './case.events';

/** How a check-in outcome reads in a transfer's failure reason. */
const CHECK_IN_OUTCOME_WORDS: Readonly<Record<Exclude<CheckInOutcome, 'received'>, string>> = {
  missing: '缺失',
  damaged: '破损',
};

/** True when every original of a check-in was received as the manifest lists it. */
export function allReceived(originals: readonly OriginalCheckedIn[]): boolean {
  return originals.every((o) => o.outcome === 'received');
}

/**
 * The failure reason of a check-in (签收) that found originals missing or damaged, naming each and
 * the leg it happened on: `签收时原件不符（窗口→业务属地部门寄递段）：营业执照 缺失；授权委托书 破损（水渍）`.
 * Empty when every original was received.
 */
export function checkInDiscrepancy(originals: readonly OriginalCheckedIn[]): string {
  const wrong = originals
    .filter((o): o is OriginalCheckedIn & { outcome: 'missing' | 'damaged' } => o.outcome !== 'received')
    .map((o) => `${o.name} ${CHECK_IN_OUTCOME_WORDS[o.outcome]}${o.note ? `（${o.note}）` : ''}`);
  return wrong.length ? `签收时原件不符（窗口→业务属地部门寄递段）：${wrong.join('；')}` : '';
}
