/**
 * Generates `seeds/service-items.json` from the seed document (the annex of 舟政办发〔2021〕40号).
 * Usage: `npm run seed:catalogue [-- <path to zhoushan-cross-region-plan-2021.txt>]`; by default the
 * copy kept in seeds/source/ (the same text as the project's shared/seed/ copy).
 * The output is checked in; a unit test fails when it differs from what the parser makes of the seed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import { parseAnnex } from '@app/catalogue/annex/annex-parser';
import { serializeServiceItems } from '@app/catalogue/annex/service-items-json';

const DEFAULT_SEED = path.resolve(__dirname, '../source/zhoushan-cross-region-plan-2021.txt');
const OUTPUT = path.resolve(__dirname, '../service-items.json');

function main(): void {
  const source = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_SEED;
  const items = parseAnnex(readFileSync(source, 'utf8'));
  writeFileSync(OUTPUT, serializeServiceItems(items), 'utf8');
  const perBatch = [1, 2, 3].map((batch) => items.filter((item) => item.batch === batch).length).join(' + ');
  process.stdout.write(`Wrote ${items.length} items (${perBatch}) from ${source} to ${OUTPUT}\n`);
}

main();
