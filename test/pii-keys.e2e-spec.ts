import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_PII_KEY, loadConfig, piiCipherFrom } from '@app/common';
import { rotatePiiKeyCommand } from '../apps/cli/src/rotate-pii-key';
import {
  AGENT,
  CLERK,
  COMPANY_APPLICANT,
  MAILING_ADDRESS,
  notarisationApplication,
} from './support/fixtures';
import { backToDevelopmentKey } from './support/pii-keys';
import { rowCounts } from './support/row-counts';
import { startStack, type InProcessStack } from './support/stack';

/**
 * Issue 10 item 3: a PII_KEY that cannot read what is stored stops api and worker at start with a
 * message naming it; a rotation keeps every case readable before, during and after, and the old
 * key can be dropped once `rotate-pii-key` has run.
 */
describe('PII keys: the start check and a rotation', () => {
  const clerk = CLERK;
  const saved = { PII_KEY: process.env.PII_KEY, PII_PREVIOUS_KEYS: process.env.PII_PREVIOUS_KEYS };
  const useKeys = (current: string, previous: string[] = []) => {
    process.env.PII_KEY = current;
    process.env.PII_PREVIOUS_KEYS = previous.join(',');
  };
  /** Silences the run's stdout (the rotation command prints its report). */
  const quietly = async <T>(work: () => Promise<T>): Promise<T> => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      return await work();
    } finally {
      write.mockRestore();
    }
  };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('refuses to start the api and the worker under a key that cannot read the stored data, naming PII_KEY', async () => {
    const api = await startStack(); // the development key: registered as the key data is written under
    const receipt = await api.call('POST', '/applications', { ...clerk, body: notarisationApplication(730) });
    expect(receipt.status).toBe(201);
    await api.stop();

    useKeys(randomBytes(32).toString('base64'));
    const message =
      /^PII_KEY: the stored personal data is encrypted under key [0-9a-f]{8}, which neither PII_KEY nor PII_PREVIOUS_KEYS holds/;
    await expect(startStack()).rejects.toThrow(message);
    await expect(startStack({ apis: 0, workers: 1 })).rejects.toThrow(message);
  });

  it('rotates to a new key: readable before, during and after; the old key dropped after rotate-pii-key', async () => {
    const oldKey = DEVELOPMENT_PII_KEY;
    const newKey = randomBytes(32).toString('base64');
    const oldId = piiCipherFrom({ PII_KEY: oldKey }).currentKeyId;
    const newId = piiCipherFrom({ PII_KEY: newKey }).currentKeyId;
    let api: InProcessStack = await startStack();
    let stale: InProcessStack | undefined;
    const receive = async (n: number, over: Record<string, unknown> = {}) => {
      const res = await api.call('POST', '/applications', {
        ...clerk,
        body: { ...notarisationApplication(n), ...over },
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; caseNumber: string; queryCode: string };
    };
    const idNumberOf = async (id: string) =>
      (await api.call('GET', `/applications/${id}`, clerk)).body.applicant.idNumber as string;
    const track = async (c: { caseNumber: string; queryCode: string }) =>
      (await api.call('GET', `/track/${c.caseNumber}?code=${c.queryCode}`)).status;
    const codeKeyOf = async (id: string) =>
      (
        await api.dataSource.query(`SELECT query_code_hash FROM applications WHERE id = $1`, [id])
      )[0].query_code_hash.split(':')[0];
    try {
      // Before: two cases under the old key.
      const tracked = await receive(731);
      const untracked = await receive(732);
      // A company sent by an agent, its result to go by mail (issue 13): every applicant value under the old key.
      const company = COMPANY_APPLICANT;
      const agent = { ...AGENT, idType: 'passport', idNumber: 'X1234567', nationality: 'DEU' };
      const mailingAddress = MAILING_ADDRESS;
      const represented = await receive(735, { applicant: company, agent, mailingAddress });
      expect(await idNumberOf(tracked.id)).toBe(notarisationApplication(731).applicant.idNumber);
      // This api is not restarted during the rotation (a rolling restart not yet done): it keeps
      // PII_KEY = the old key.
      stale = api;

      // During: the new key is PII_KEY, the old one still readable.
      useKeys(newKey, [oldKey]);
      api = await startStack();
      expect(await idNumberOf(tracked.id)).toBe(notarisationApplication(731).applicant.idNumber);
      expect(await track(tracked)).toBe(200);
      expect(await codeKeyOf(tracked.id)).toBe(newId); // re-hashed on its correct use
      const during = await receive(733);
      expect(await idNumberOf(during.id)).toBe(notarisationApplication(733).applicant.idNumber);

      // A receipt never used since holds a code hashed under the old key: the key stays needed.
      const kept = await quietly(() => rotatePiiKeyCommand(loadConfig()));
      expect(kept.reencrypted).toBeGreaterThanOrEqual(2);
      // The ID number's lookup hash is remade under the new key with the number.
      const [{ applicant_id_lookup: lookup }] = await api.dataSource.query(
        `SELECT applicant_id_lookup FROM applications WHERE id = $1`,
        [tracked.id],
      );
      expect(lookup).toBe(
        piiCipherFrom({ PII_KEY: newKey }).idNumberLookup(notarisationApplication(731).applicant.idNumber),
      );
      expect(kept.retired).toEqual([]);
      expect(kept.queryCodesUnderOldKeys[oldId]).toBeGreaterThanOrEqual(1);
      useKeys(newKey);
      await expect(startStack()).rejects.toThrow(new RegExp(`^PII_KEY: .*key ${oldId}`));
      useKeys(newKey, [oldKey]);
      // The api not restarted lacks the new key: it says so (503), it does not fail with a 500.
      expect(await stale.call('GET', `/applications/${tracked.id}`, clerk)).toMatchObject({
        status: 503,
        body: { details: { reason: 'pii_key_missing' } },
      });
      // Retiring it anyway is an explicit choice: those receipts give up tracking.
      const result = await quietly(() => rotatePiiKeyCommand(loadConfig(), { abandonQueryCodes: true }));
      expect(result.retired).toEqual([oldId]);
      expect(result.queryCodesUnderOldKeys[oldId]).toBeGreaterThanOrEqual(1);
      // The api still running with only the old key may no longer write under it: nothing it
      // wrote would be readable by the others, nor after its restart.
      const before = await rowCounts(api.dataSource);
      const refused = await stale.call('POST', '/applications', {
        ...clerk,
        body: notarisationApplication(734),
      });
      expect(refused).toMatchObject({ status: 503, body: { details: { reason: 'pii_key_retired' } } });
      expect(await rowCounts(api.dataSource)).toEqual(before);
      await stale.stop();
      stale = undefined;
      // Nor does a retired key come back as PII_KEY (say, a container restarted with old settings).
      useKeys(oldKey, [newKey]);
      await expect(startStack()).rejects.toThrow(new RegExp(`^PII_KEY: key ${oldId} was retired`));
      useKeys(newKey, [oldKey]);
      const [{ n }] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM applications
          WHERE applicant_id_number NOT LIKE $1 OR applicant_phone NOT LIKE $1 OR applicant_details NOT LIKE $1
             OR agent NOT LIKE $1 OR mailing_address NOT LIKE $1`,
        [`v2:${newId}:%`],
      );
      expect(n).toBe(0);
      await api.stop();

      // After: the old key dropped; the api and worker start, every case reads.
      useKeys(newKey);
      api = await startStack();
      await api.withWorker(() => Promise.resolve()); // the worker starts
      for (const [c, n] of [
        [tracked, 731],
        [untracked, 732],
        [during, 733],
      ] as const) {
        expect(await idNumberOf(c.id)).toBe(notarisationApplication(n).applicant.idNumber);
      }
      expect(await track(tracked)).toBe(200);
      expect(await track(during)).toBe(200);
      expect((await api.call('GET', `/applications/${represented.id}`, clerk)).body.applicant).toMatchObject({
        ...company,
        agent,
        mailingAddress,
      });
      // A code never used during the rotation was hashed under the abandoned key: it no longer opens.
      expect(await track(untracked)).toBe(404);
    } finally {
      await stale?.stop();
      await backToDevelopmentKey(api.dataSource, newKey);
      await api.stop();
    }
  });
});
