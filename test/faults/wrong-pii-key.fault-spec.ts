import { randomBytes } from 'node:crypto';
import { runToExit } from '../support/stack';
import { FAULT_ENV } from './support/fault-env';
import { say } from './support/report';

describe('a PII_KEY that cannot read the stored data', () => {
  it('stops the built api and worker at start, with a message naming PII_KEY', async () => {
    // The fault database was migrated under the development key: that key is registered in pii_keys.
    const env = { ...FAULT_ENV, PII_KEY: randomBytes(32).toString('base64') };
    say('broke: api and worker started with a PII_KEY other than the one the data was written under');
    for (const name of ['api', 'worker'] as const) {
      const { code, stderr } = await runToExit(name, env);
      expect(code).toBe(1);
      expect(stderr).toMatch(
        new RegExp(
          `^${name} not started: PII_KEY: the stored personal data is encrypted under key [0-9a-f]{8}`,
        ),
      );
    }
    say('checked: both exit 1 at once, naming PII_KEY and the key id the data needs');
  });
});
