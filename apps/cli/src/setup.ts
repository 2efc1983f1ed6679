import { seedDemoAccounts } from '@app/accounts';
import { importCatalogue, loadCatalogueSeeds, type CatalogueImportResult } from '@app/catalogue';
import { ensureDatabase, withDataSource } from '@app/db';

/** What `setup` should load besides the migrations. */
export interface SetupOptions {
  /** Upsert the catalogue (items, windows, jurisdictions) from `seeds/`. */
  catalogue: boolean;
  /** Create the missing demo staff accounts with this password (DEMO_STAFF_PASSWORD); none when absent. */
  demoStaffPassword?: string;
  /** Also reset the existing demo accounts to `demoStaffPassword`, active (the demo alone does). */
  resetDemoAccounts?: boolean;
  /** bcrypt cost of the demo accounts' hash (BCRYPT_COST). */
  bcryptCost?: number;
}

/**
 * What `setup` did: migrations applied now, catalogue row counts, and demo accounts created (or
 * reset) (null when not loaded).
 */
export interface SetupResult {
  migrationsApplied: number;
  catalogue: CatalogueImportResult | null;
  demoAccounts: number | null;
}

/**
 * Creates the database at `databaseUrl` when missing, runs pending migrations and loads what
 * `options` asks for. Idempotent.
 * @throws Error when the demo password breaks the password rule (12+ characters, at most 72 bytes)
 */
export async function setupDatabase(databaseUrl: string, options: SetupOptions): Promise<SetupResult> {
  await ensureDatabase(databaseUrl);
  return withDataSource(databaseUrl, async (dataSource) => {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    const catalogue = options.catalogue ? await importCatalogue(dataSource, loadCatalogueSeeds()) : null;
    const demoAccounts =
      options.catalogue && options.demoStaffPassword
        ? await seedDemoAccounts(dataSource, options.demoStaffPassword, options.bcryptCost ?? 10, {
            reset: options.resetDemoAccounts,
          })
        : null;
    return { migrationsApplied: ran.length, catalogue, demoAccounts };
  });
}
