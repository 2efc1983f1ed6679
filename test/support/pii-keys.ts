import type { DataSource } from 'typeorm';
import { rotatePiiKeyCommand } from '../../apps/cli/src/rotate-pii-key';
import { DEVELOPMENT_PII_KEY, loadConfig, piiCipherFrom } from '@app/common';
import { withEnv } from './env';

/**
 * After a test rotated the test database to `rotatedTo`, brings every value back under the
 * development key (PII_KEY of the test files that follow) and leaves `PII_KEY`/`PII_PREVIOUS_KEYS`
 * as they were. An operator cannot take a retired key back; a test may, by reinstating its row in
 * `pii_keys` first. The command's report is not printed.
 */
export async function backToDevelopmentKey(dataSource: DataSource, rotatedTo: string): Promise<void> {
  const developmentKeyId = piiCipherFrom({ PII_KEY: DEVELOPMENT_PII_KEY }).currentKeyId;
  await dataSource.query(`UPDATE pii_keys SET retired_at = NULL WHERE key_id = $1`, [developmentKeyId]);
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await withEnv({ PII_KEY: DEVELOPMENT_PII_KEY, PII_PREVIOUS_KEYS: rotatedTo }, () =>
      rotatePiiKeyCommand(loadConfig(), { abandonQueryCodes: true }),
    );
  } finally {
    write.mockRestore();
  }
}
