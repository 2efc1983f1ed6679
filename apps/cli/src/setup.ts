import { DataSource } from 'typeorm';
import { importCatalogue, loadCatalogueSeeds, type CatalogueImportResult } from '@app/catalogue';
import { dataSourceOptions, ensureDatabase } from '@app/db';

/** What `setup` did: migrations applied now, and catalogue row counts (null when not loaded). */
export interface SetupResult {
  migrationsApplied: number;
  catalogue: CatalogueImportResult | null;
}

/**
 * Creates the database at `databaseUrl` when missing, runs pending migrations and, when
 * `loadCatalogue`, upserts the catalogue from `seeds/`. Idempotent.
 */
export async function setupDatabase(databaseUrl: string, loadCatalogue: boolean): Promise<SetupResult> {
  await ensureDatabase(databaseUrl);
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl, 2)).initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    const catalogue = loadCatalogue ? await importCatalogue(dataSource, loadCatalogueSeeds()) : null;
    return { migrationsApplied: ran.length, catalogue };
  } finally {
    await dataSource.destroy();
  }
}
