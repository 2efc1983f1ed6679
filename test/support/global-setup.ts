import 'tsconfig-paths/register'; // globalSetup runs outside jest's moduleNameMapper
import { seedDemoAccounts } from '@app/accounts';
import { importCatalogue, loadCatalogueSeeds } from '@app/catalogue';
import { ensureDatabase, withDataSource } from '@app/db';
import { deleteRedisKeys } from './redis-keys';
import { TEST_ENV } from './test-env';

/**
 * Once per `jest` run: a fresh test database built by the real migrations and seeded with the real
 * catalogue and the demo staff accounts (TEST_STAFF_PASSWORD), and no leftover test jobs in Redis.
 */
export default async function globalSetup(): Promise<void> {
  await ensureDatabase(TEST_ENV.DATABASE_URL);
  await withDataSource(TEST_ENV.DATABASE_URL, async (dataSource) => {
    await dataSource.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await dataSource.runMigrations({ transaction: 'each' });
    await importCatalogue(dataSource, loadCatalogueSeeds());
    await seedDemoAccounts(dataSource, TEST_ENV.DEMO_STAFF_PASSWORD, Number(TEST_ENV.BCRYPT_COST));
  });
  await deleteRedisKeys(TEST_ENV.REDIS_URL, `${TEST_ENV.QUEUE_PREFIX}:*`);
}
