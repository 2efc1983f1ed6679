import type { DataSource } from 'typeorm';
import type { ServiceItemEntity } from '@app/db';
import { CatalogueRepository, type CatalogueCounts } from './catalogue.repository';
import type { CatalogueSeeds } from './catalogue.types';

/** Row counts after an import. */
export type CatalogueImportResult = CatalogueCounts;

/**
 * Loads the catalogue, windows and jurisdictions into the database in one transaction. Idempotent:
 * rows are upserted by code, so a second run leaves the same rows (and picks up edited seeds).
 * Rows that cases refer to are never deleted.
 */
export async function importCatalogue(
  dataSource: DataSource,
  seeds: CatalogueSeeds,
): Promise<CatalogueImportResult> {
  const items = seeds.items.map((item): Partial<ServiceItemEntity> => {
    const rules = seeds.rules[item.code];
    const checklist = seeds.checklists[item.code];
    return {
      ...item,
      handlingModes: rules.handlingModes,
      originalsMustTravel: rules.originalsMustTravel,
      negativeList: rules.negativeList,
      timeLimitWorkingDays: rules.statutoryTimeLimitWorkingDays,
      resultDeliveryMethods: rules.resultDeliveryMethods,
      checklist: checklist.materials,
      checklistIsDefault: checklist.isDefault,
    };
  });
  return dataSource.transaction(async (m) => {
    const catalogue = new CatalogueRepository(m);
    await catalogue.upsert(items, seeds.windows, seeds.jurisdictions);
    return catalogue.counts();
  });
}
