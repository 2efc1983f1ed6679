import { createAccount } from '@app/accounts';
import type { AppConfig } from '@app/common';
import { withDataSource } from '@app/db';

/**
 * `create-admin <username>`: creates an admin account, e.g. a deployment's first, who then makes
 * the other accounts over HTTP. The password comes from NEW_ADMIN_PASSWORD, never from the
 * command line, so it does not show in the process list or the shell history. Returns the
 * username as stored (lowercase).
 * @throws Error without a username or NEW_ADMIN_PASSWORD, or with the reason the account was
 *   refused (taken username, weak password)
 */
export async function createAdmin(config: AppConfig, username: string | undefined): Promise<string> {
  const password = process.env.NEW_ADMIN_PASSWORD;
  if (!username || !password) {
    throw new Error('usage: NEW_ADMIN_PASSWORD=… node dist/apps/cli/main.js create-admin <username>');
  }
  const account = await withDataSource(config.DATABASE_URL, (dataSource) =>
    createAccount(dataSource, { username, password, role: 'admin' }, config.BCRYPT_COST),
  );
  return account.username;
}
