import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { importCatalogue, loadCatalogueSeeds } from '@app/catalogue';
import { loadConfig } from '@app/common';
import { dataSourceOptions, ensureDatabase } from '@app/db';

/**
 * Operations commands: `setup` creates the database when missing, runs pending migrations and
 * loads the catalogue (idempotent: run it as often as you like). `migrate` runs migrations only.
 * Exit code 0 on success, 1 with the error on stderr otherwise.
 */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'setup' && command !== 'migrate') {
    throw new Error('usage: cli setup | migrate');
  }
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const dataSource = await new DataSource(dataSourceOptions(config.DATABASE_URL, 2)).initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(`migrations: ${ran.length} applied\n`);
    if (command === 'setup') {
      const counts = await importCatalogue(dataSource, loadCatalogueSeeds());
      process.stdout.write(
        `catalogue: ${counts.items} items, ${counts.windows} windows, ${counts.jurisdictions} jurisdictions\n`,
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
