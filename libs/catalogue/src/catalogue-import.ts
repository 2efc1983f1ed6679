import type { DataSource } from 'typeorm';
import { JurisdictionEntity, ServiceItemEntity, WindowEntity } from '@app/db';
import type { CatalogueSeeds } from './catalogue.types';

/** Row counts after an import. */
export interface CatalogueImportResult {
  items: number;
  windows: number;
  jurisdictions: number;
}

/**
 * Loads the catalogue, windows and jurisdictions into the database in one transaction. Idempotent:
 * rows are upserted by code, so a second run leaves the same rows (and picks up edited seeds).
 * Rows that cases refer to are never deleted.
 */
export async function importCatalogue(
  dataSource: DataSource,
  seeds: CatalogueSeeds,
): Promise<CatalogueImportResult> {
  return dataSource.transaction(async (m) => {
    const items = seeds.items.map((item) => {
      const rules = seeds.rules[item.code];
      const checklist = seeds.checklists[item.code];
      return m.create(ServiceItemEntity, {
        ...item,
        handlingModes: rules.handlingModes,
        originalsMustTravel: rules.originalsMustTravel,
        negativeList: rules.negativeList,
        timeLimitWorkingDays: rules.statutoryTimeLimitWorkingDays,
        resultDeliveryMethods: rules.resultDeliveryMethods,
        checklist: checklist.materials,
        checklistIsDefault: checklist.isDefault,
      });
    });
    await m.upsert(ServiceItemEntity, items, ['code']);
    await m.upsert(WindowEntity, seeds.windows, ['code']);
    await m.upsert(JurisdictionEntity, seeds.jurisdictions, ['code']);
    return {
      items: await m.count(ServiceItemEntity),
      windows: await m.count(WindowEntity),
      jurisdictions: await m.count(JurisdictionEntity),
    };
  });
}
