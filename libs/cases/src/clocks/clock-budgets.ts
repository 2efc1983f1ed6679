import type { AppConfig } from '@app/common';
import type { ServiceItemEntity } from '@app/db';
import type { ClockStage } from '@app/workflow';

/** An item's time-limit terms, as the catalogue keeps them (`CatalogueRepository.itemTermsOfCase`). */
export type ItemClockTerms = Pick<
  ServiceItemEntity,
  'timeLimitWorkingDays' | 'promisedLimitWorkingDays' | 'clockBudgets'
>;

/** The configuration the budgets read. */
export type ClockSettings = Pick<AppConfig, 'SUPPLEMENT_PERIOD_WORKING_DAYS' | 'RECTIFICATION_WORKING_DAYS'>;

/**
 * Default budgets in statutory working days, with their sources; an item's agreement may set others
 * (`service_items.clock_budgets`), never above the law where the law sets one (STATUTORY_CEILINGS).
 * - forward 1, mailOriginals 2: the window's own time (issue 12, agreed between the windows and the
 *   home jurisdictions; 舟政办发〔2021〕40号 二(二)2 sets no number);
 * - acceptance 5: 行政许可法 art. 32 (逾期不告知的，自收到申请材料之日起即为受理);
 * - resultDispatch 10: art. 44 (作出准予行政许可的决定，应当自作出决定之日起十日内 … 送达);
 * - decision: the item's promised limit, else its statutory one (art. 42: 20 working days);
 * - supplement, rectification: configuration (SUPPLEMENT_PERIOD_WORKING_DAYS; RECTIFICATION_WORKING_DAYS,
 *   国办发〔2019〕51号 好差评: 差评 put right within 15 working days).
 */
export const DEFAULT_CLOCK_BUDGETS = {
  forward: 1,
  mailOriginals: 2,
  acceptance: 5,
  resultDispatch: 10,
} as const;

/**
 * The law's ceiling per stage: an agreement may shorten these, never lengthen them. Acceptance's
 * and result dispatch's defaults are the law's own periods (art. 32, art. 44), so they are the ceilings.
 */
const STATUTORY_CEILINGS: Partial<Record<ClockStage, (item: ItemClockTerms) => number>> = {
  acceptance: () => DEFAULT_CLOCK_BUDGETS.acceptance,
  decision: (item) => item.timeLimitWorkingDays,
  resultDispatch: () => DEFAULT_CLOCK_BUDGETS.resultDispatch,
};

/**
 * The budget of a clock of `stage` for an item with `item`'s terms, in statutory working days: the
 * item's agreed budget when it sets one, else the default; the decision's is the promised limit
 * (承诺时限) or, without one, the statutory limit; never above the statutory ceiling.
 */
export function clockBudget(stage: ClockStage, item: ItemClockTerms, settings: ClockSettings): number {
  const agreed = item.clockBudgets[stage];
  const byDefault = {
    ...DEFAULT_CLOCK_BUDGETS,
    decision: item.promisedLimitWorkingDays ?? item.timeLimitWorkingDays,
    supplement: settings.SUPPLEMENT_PERIOD_WORKING_DAYS,
    rectification: settings.RECTIFICATION_WORKING_DAYS,
  }[stage];
  const budget = Number.isInteger(agreed) && agreed > 0 ? agreed : byDefault;
  const ceiling = STATUTORY_CEILINGS[stage]?.(item);
  return ceiling === undefined ? budget : Math.min(budget, ceiling);
}
