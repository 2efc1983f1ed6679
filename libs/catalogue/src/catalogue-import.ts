import type { DataSource } from 'typeorm';
import type { ServiceItemEntity } from '@app/db';
import { CatalogueRepository, type CatalogueCounts } from './catalogue.repository';
import type { CatalogueSeeds } from './catalogue.types';

/** Row counts after an import. */
export type CatalogueImportResult = CatalogueCounts;

/**
 * Loads the catalogue, windows and jurisdictions into the database in one transaction. Idempotent:
 * rows are upserted by code, so a second run leaves the same rows (and picks up edited seeds).
 * Rows that cases refer to are never deleted. An item's time limits land in `time_limit_working_days`
 * (statutory), `promised_limit_working_days` (承诺时限, null: none) and `clock_budgets` (agreed per-stage
 * budgets), all in statutory working days, which the clocks read (libs/cases `clockBudget`).
 */
export async function importCatalogue(
  dataSource: DataSource,
  seeds: CatalogueSeeds,
): Promise<CatalogueImportResult> {
  const items = serviceItemRows(seeds);
  return dataSource.transaction(async (m) => {
    const catalogue = new CatalogueRepository(m);
    await catalogue.upsert(items, seeds.windows, seeds.jurisdictions);
    return catalogue.counts();
  });
}

/**
 * The `service_items` rows of `seeds`: each annex row with its merged rules and checklist; time limits
 * in statutory working days (`timeLimitWorkingDays` statutory, `promisedLimitWorkingDays` the 承诺时限 or
 * null, `clockBudgets` the agreed per-stage budgets).
 */
export function serviceItemRows(seeds: CatalogueSeeds): Partial<ServiceItemEntity>[] {
  return seeds.items.map((item): Partial<ServiceItemEntity> => {
    const rules = seeds.rules[item.code];
    const checklist = seeds.checklists[item.code];
    return {
      ...item,
      handlingModes: rules.handlingModes,
      originalsMustTravel: rules.originalsMustTravel,
      negativeList: rules.negativeList,
      timeLimitWorkingDays: rules.statutoryTimeLimitWorkingDays,
      promisedLimitWorkingDays: rules.promisedTimeLimitWorkingDays,
      clockBudgets: rules.clockBudgets,
      resultDeliveryMethods: rules.resultDeliveryMethods,
      postagePaidBy: rules.postagePaidBy,
      checklist: checklist.materials,
      checklistIsDefault: checklist.isDefault,
    };
  });
}
