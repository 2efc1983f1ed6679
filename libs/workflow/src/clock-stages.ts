import type { Party } from './parties';

/**
 * The stages of a case that the law or the plan gives a time limit, each a clock of its own
 * (DESIGN "Clocks"; budgets and their sources: libs/cases `CLOCK_BUDGETS`):
 * - `forward`: the window forwards the papers (the plan: 1 working day after receipt);
 * - `mailOriginals`: the window mails the originals when they must travel (the plan: 2 working days);
 * - `acceptance`: accept, refuse or ask for a supplement (行政许可法 art. 32: 5 working days, else deemed accepted);
 * - `decision`: decide (art. 42: 20 working days, or the item's shorter promise; extendable once by 10);
 * - `supplement`: the applicant's time to hand in what a one-time notice asked for;
 * - `resultDispatch`: send the decision out (art. 44: 10 working days);
 * - `rectification`: put right what an unsatisfied evaluation (差评) found.
 */
export const CLOCK_STAGES = [
  'forward',
  'mailOriginals',
  'acceptance',
  'decision',
  'supplement',
  'resultDispatch',
  'rectification',
] as const;
export type ClockStage = (typeof CLOCK_STAGES)[number];

/**
 * The party a stage's clock is charged to; a rectification clock is charged to the side the
 * evaluation found wanting (the window or the home jurisdiction), given when it starts.
 */
export const CLOCK_STAGE_PARTIES: Readonly<Record<Exclude<ClockStage, 'rectification'>, Party>> = {
  forward: 'window',
  mailOriginals: 'window',
  acceptance: 'homeJurisdiction',
  decision: 'homeJurisdiction',
  supplement: 'applicant',
  resultDispatch: 'homeJurisdiction',
};

/**
 * The event a clock starts on, for the acceptance clock, whose start is configuration: the window's
 * receipt (the default: the window receives on the home jurisdiction's behalf) or the papers'
 * arrival at the home jurisdiction. Other stages start on whatever event starts them (`transition`).
 */
export type ClockStartingEvent = 'receipt' | 'arrival' | 'transition';

/** Working days by which the decision period may be extended, once (行政许可法 art. 42: 可以延长十日). */
export const DECISION_EXTENSION_WORKING_DAYS = 10;

/** What each stage's clock reads as to people (notices, the demo, the console). */
export const CLOCK_STAGE_LABELS: Readonly<Record<ClockStage, string>> = {
  forward: '窗口转递',
  mailOriginals: '原件寄递',
  acceptance: '受理',
  decision: '审查决定',
  supplement: '申请人补正',
  resultDispatch: '结果送达',
  rectification: '差评整改',
};

/** A stored stage's label; the stage itself for a value this release does not know. */
export function clockStageLabel(stage: string): string {
  return (CLOCK_STAGE_LABELS as Readonly<Record<string, string>>)[stage] ?? stage;
}
