/**
 * The parties a case's time is charged to (issue 12: delay attribution, and the party each clock is
 * charged to, DESIGN.md "Clocks"):
 * - `window`: the receiving window (收件窗口), from receipt until the papers leave, and when they come back;
 * - `courier`: the carrier (寄递) while papers or a result are on their way;
 * - `homeJurisdiction`: the home jurisdiction (业务属地部门) from arrival until the result leaves;
 * - `applicant`: the applicant while a one-time notice (一次性告知) is open.
 */
export const PARTIES = ['window', 'courier', 'homeJurisdiction', 'applicant'] as const;

/** A party a case's time is charged to; see PARTIES. */
export type Party = (typeof PARTIES)[number];

/** Who each party is to people (notices, the demo, the console). */
export const PARTY_LABELS: Readonly<Record<Party, string>> = {
  window: '收件窗口',
  courier: '寄递企业',
  homeJurisdiction: '业务属地部门',
  applicant: '申请人',
};

/** A stored party's label; the value itself for one this release does not know. */
export function partyLabel(party: string): string {
  return (PARTY_LABELS as Readonly<Record<string, string>>)[party] ?? party;
}
