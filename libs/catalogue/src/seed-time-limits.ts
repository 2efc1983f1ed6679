import { CLOCK_STAGES, type ClockStage } from '@app/workflow';
import { CatalogueSeedError } from './catalogue-seed-error';
import type { ClockBudgets, ItemRules } from './catalogue.types';

/** The time-limit fields of `item-rules.json`, read by `timeLimitFields`. */
export type TimeLimitRules = Pick<
  ItemRules,
  'statutoryTimeLimitWorkingDays' | 'promisedTimeLimitWorkingDays' | 'clockBudgets'
>;

/** The keys a rules entry may leave out; the default entry's values when it does. */
export const OPTIONAL_TIME_LIMIT_RULES: Pick<ItemRules, 'promisedTimeLimitWorkingDays' | 'clockBudgets'> = {
  promisedTimeLimitWorkingDays: null,
  clockBudgets: {},
};

/**
 * The time-limit fields present in the rules entry `raw` at `at` (`default` or `overrides.<code>`),
 * each checked: `statutoryTimeLimitWorkingDays` and `promisedTimeLimitWorkingDays` (or null: no promise)
 * positive integers of statutory working days; `clockBudgets` an object of clock stages
 * (libs/workflow `CLOCK_STAGES`) to positive integers of statutory working days.
 * @throws CatalogueSeedError naming `file`, the entry and the field, for a wrong value or an unknown stage
 */
export function timeLimitFields(
  file: string,
  raw: Record<string, unknown>,
  at: string,
): Partial<TimeLimitRules> {
  const rules: Partial<TimeLimitRules> = {};
  if ('statutoryTimeLimitWorkingDays' in raw) {
    const where = `${at}.statutoryTimeLimitWorkingDays`;
    rules.statutoryTimeLimitWorkingDays = workingDays(file, raw.statutoryTimeLimitWorkingDays, where);
  }
  if ('promisedTimeLimitWorkingDays' in raw) {
    const promised = raw.promisedTimeLimitWorkingDays;
    const where = `${at}.promisedTimeLimitWorkingDays`;
    rules.promisedTimeLimitWorkingDays = promised === null ? null : workingDays(file, promised, where);
  }
  if ('clockBudgets' in raw) rules.clockBudgets = clockBudgets(file, raw.clockBudgets, `${at}.clockBudgets`);
  return rules;
}

/**
 * Checks item `code`'s merged rules: a promise (承诺时限) is never longer than the law's limit.
 * `from` names the entry the promise came from (the item's override or `default`).
 * @throws CatalogueSeedError naming `file`, the item and `promisedTimeLimitWorkingDays`
 */
export function checkPromise(file: string, code: string, rules: TimeLimitRules, from: string): void {
  const promised = rules.promisedTimeLimitWorkingDays;
  if (promised !== null && promised > rules.statutoryTimeLimitWorkingDays) {
    throw new CatalogueSeedError(
      file,
      `${code} (${from}).promisedTimeLimitWorkingDays: ${promised} working days is above the item's ` +
        `statutoryTimeLimitWorkingDays ${rules.statutoryTimeLimitWorkingDays}`,
    );
  }
}

function clockBudgets(file: string, raw: unknown, at: string): ClockBudgets {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CatalogueSeedError(file, `${at}: expected an object of clock stages to working days`);
  }
  const budgets: ClockBudgets = {};
  for (const [stage, days] of Object.entries(raw)) {
    if (!(CLOCK_STAGES as readonly string[]).includes(stage)) {
      throw new CatalogueSeedError(
        file,
        `${at}: unknown clock stage "${stage}" (one of ${CLOCK_STAGES.join(', ')})`,
      );
    }
    budgets[stage as ClockStage] = workingDays(file, days, `${at}.${stage}`);
  }
  return budgets;
}

function workingDays(file: string, raw: unknown, at: string): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) {
    throw new CatalogueSeedError(file, `${at}: must be a positive integer of working days`);
  }
  return raw;
}
