import * as path from 'node:path';

import { serviceItemRows } from './catalogue-import';
import { loadCatalogueSeeds } from './catalogue-seeds';

const SEEDS_DIR = path.resolve(__dirname, '../../../seeds');

describe('serviceItemRows (what importCatalogue writes to service_items)', () => {
  const rows = new Map(serviceItemRows(loadCatalogueSeeds(SEEDS_DIR)).map((row) => [row.code, row]));

  it("keeps each item's statutory and promised decision limits and its agreed clock budgets", () => {
    expect(rows.get('KS1-005')).toMatchObject({
      timeLimitWorkingDays: 20,
      promisedLimitWorkingDays: 5,
      clockBudgets: {},
    });
    expect(rows.get('KS2-070')).toMatchObject({
      timeLimitWorkingDays: 20,
      promisedLimitWorkingDays: null,
      clockBudgets: { forward: 2 },
    });
    expect(rows.get('KS1-001')).toMatchObject({
      timeLimitWorkingDays: 15,
      promisedLimitWorkingDays: null,
      clockBudgets: {},
    });
  });
});
