import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { HandoverSigner, handoverReceiptFile, type HandoverInput } from '@app/cases';
import {
  generateSigningKey,
  HandoverRoot,
  receiptFileText,
  signReceiptBody,
  type HandoverReceiptFile,
} from '@app/transfer';
import { loadConfig } from '@app/common';
import { exportReceiptTrust, UsageError, verifyReceiptCommand } from '../apps/cli/src/receipts';
import { caseDriver, type ReceivedCase } from './support/case-driver';
import { CLERK, PUTUO_CLERK, SUPERVISOR, TEST_STAFF_PASSWORD } from './support/fixtures';
import { signIn } from './support/http';
import { startStack, type InProcessStack } from './support/stack';
import { eventually } from './support/waiting';

/** Runs the cli's entry (apps/cli/src/main.ts, through ts-node) with `args`: its exit code and output. */
function cli(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'apps/cli/src/main.ts',
        ...args,
      ],
      { cwd: join(__dirname, '..'), env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
    );
  });
}

/**
 * Issue 13 item 7: each hand-over yields a receipt signed by the handing party's key, stored with
 * the case, served as a file, and verifiable by the cli without the database; a forged or re-signed
 * receipt fails. Receipts are made here by HandoverSigner directly, in a transaction as the parcel
 * and check-in code will make them.
 */
describe('signed hand-overs', () => {
  let api: InProcessStack;
  let signer: HandoverSigner;
  let kase: ReceivedCase;
  let dir: string;
  const config = loadConfig();

  beforeAll(async () => {
    api = await startStack();
    signer = api.app.get(HandoverSigner);
    kase = await caseDriver(api.call, 9130).verified();
    dir = await mkdtemp(join(tmpdir(), 'pa-handovers-'));
  });
  afterAll(async () => {
    await api.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const toCourier = (at = new Date()): HandoverInput => ({
    kind: 'windowToCourier',
    from: { kind: 'window', code: 'W330902', name: '定海区政务服务中心' },
    to: { kind: 'courier', code: 'SF' },
    signer: { kind: 'window', code: 'W330902' },
    caseIds: [kase.id],
    caseNumbers: [kase.caseNumber],
    parcelNumber: 'P-TEST-0001',
    waybillNumber: 'SF9130000001',
    manifest: { cases: [{ caseNumber: kase.caseNumber, originals: [{ name: '学历证书', pages: 2 }] }] },
    at,
  });
  const keysOf = (code: string): Promise<{ key_id: string; retired_at: Date | null }[]> =>
    api.dataSource.query(
      `SELECT key_id, retired_at FROM signing_keys WHERE party_code = $1 ORDER BY created_at`,
      [code],
    );
  /** The receipt file of `id` as the api serves it to `username`: status, headers and exact text. */
  const download = async (path: string, username?: string) => {
    const headers: Record<string, string> = {};
    if (username)
      headers.authorization = `Bearer ${await signIn(api.baseUrl, username, TEST_STAFF_PASSWORD)}`;
    const res = await fetch(api.baseUrl + path, { headers });
    return {
      status: res.status,
      disposition: res.headers.get('content-disposition'),
      text: await res.text(),
    };
  };

  it('signs in the caller’s transaction: two first hand-overs of a window at once make one key', async () => {
    // A window without an active key (other test files of the run may have sealed parcels there).
    await api.dataSource.query(
      `UPDATE signing_keys SET retired_at = now() WHERE party_kind = 'window' AND party_code = 'W330902' AND retired_at IS NULL`,
    );
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstSigned!: () => void;
    const signed = new Promise<void>((resolve) => (firstSigned = resolve));
    const at = new Date();
    const first = api.dataSource.transaction(async (m: EntityManager) => {
      const receipt = await signer.sign(m, toCourier(at));
      firstSigned();
      await gate;
      return receipt;
    });
    await signed;
    const second = api.dataSource.transaction((m: EntityManager) => signer.sign(m, toCourier(at)));
    // The second waits on the first's uncommitted key (signing_keys_one_active) until it commits.
    await eventually(
      async () =>
        (
          await api.dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO signing_keys%'`,
          )
        )[0].n as number,
      (n) => n === 1,
      { what: 'the second transaction waiting on the first key' },
    );
    release();
    const [a, b] = await Promise.all([first, second]);
    const keys = (await keysOf('W330902')).filter((k) => k.retired_at === null);
    expect(keys).toHaveLength(1);
    expect([a.body.signer.keyId, b.body.signer.keyId]).toEqual([keys[0].key_id, keys[0].key_id]);
    expect(a.id).not.toBe(b.id);
  });

  it('a receipt exists only if the hand-over’s transaction commits', async () => {
    const before = (await api.call('GET', `/applications/${kase.id}/handovers`, CLERK)).body.length;
    await expect(
      api.dataSource.transaction(async (m: EntityManager) => {
        await signer.sign(m, toCourier());
        throw new Error('the parcel could not be sealed');
      }),
    ).rejects.toThrow('the parcel could not be sealed');
    expect((await api.call('GET', `/applications/${kase.id}/handovers`, CLERK)).body).toHaveLength(before);
  });

  it('lists the case’s receipts to staff in scope, serves each as a file, and to the applicant with the receipt', async () => {
    const list = await api.call('GET', `/applications/${kase.caseNumber}/handovers`, CLERK);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    expect(list.body[0]).toMatchObject({
      kind: 'windowToCourier',
      label: '收件窗口交寄',
      caseNumbers: [kase.caseNumber],
      waybillNumber: 'SF9130000001',
      signer: { kind: 'window', code: 'W330902' },
    });
    expect(list.body[0].signedAt).toMatch(/\+08:00$/);
    expect((await api.call('GET', `/applications/${kase.id}/handovers`, SUPERVISOR)).status).toBe(200);
    expect((await api.call('GET', `/applications/${kase.id}/handovers`, PUTUO_CLERK)).status).toBe(404);

    const id = list.body[0].id as string;
    const file = await download(`/handovers/${id}/receipt`, CLERK.as);
    expect(file).toMatchObject({ status: 200, disposition: `attachment; filename=${id}.json` });
    expect(JSON.parse(file.text).body.receiptId).toBe(id);
    expect((await download(`/handovers/${id}/receipt`, PUTUO_CLERK.as)).status).toBe(404);
    expect((await download(`/handovers/${id}/receipt`)).status).toBe(401);
    expect((await download(`/handovers/not-a-uuid/receipt`, CLERK.as)).status).toBe(400);

    const code = `code=${kase.queryCode}`;
    const mine = await api.call('GET', `/track/${kase.caseNumber}/handovers?${code}`);
    expect(mine.body.map((h: { id: string }) => h.id)).toEqual(list.body.map((h: { id: string }) => h.id));
    expect((await download(`/track/${kase.caseNumber}/handovers/${id}?${code}`)).text).toBe(file.text);
    expect((await api.call('GET', `/track/${kase.caseNumber}/handovers?code=000000`)).status).toBe(404);
  });

  it('rotates a window’s key: new receipts under the new key, the old ones still verify (cli, without the database)', async () => {
    const [old] = (await api.call('GET', `/applications/${kase.id}/handovers`, CLERK)).body;
    const rotated = await api.dataSource.transaction((m: EntityManager) =>
      signer.rotate(m, 'window', 'W330902'),
    );
    expect(rotated.retiredKeyId).toBe(old.signer.keyId);
    // The key the old receipts name, retired; the new one active (earlier keys of the run retired before).
    const keys = await keysOf('W330902');
    expect(keys.slice(-2).map((k) => [k.key_id, k.retired_at === null])).toEqual([
      [old.signer.keyId, false],
      [rotated.key.keyId, true],
    ]);
    const fresh = await api.dataSource.transaction((m: EntityManager) => signer.sign(m, toCourier()));
    expect(fresh.body.signer.keyId).toBe(rotated.key.keyId);

    const oldFile = join(dir, 'old.json');
    const freshFile = join(dir, 'fresh.json');
    await writeFile(oldFile, (await download(`/handovers/${old.id}/receipt`, CLERK.as)).text);
    await writeFile(freshFile, receiptFileText(handoverReceiptFile(fresh)));

    // A forged file: one byte of the waybill changed. A re-signed one: the body changed and signed
    // again by a key certified by another root. A third: re-signed by a real, certified key of
    // another party (the jurisdiction's), the signer left as it was.
    const text = await readFile(freshFile, 'utf8');
    const forgedFile = join(dir, 'forged.json');
    await writeFile(forgedFile, text.replace('SF9130000001', 'SF9130000002'));
    const resigned = JSON.parse(text) as HandoverReceiptFile;
    resigned.body.caseNumbers = ['ZS20991231999999'];
    const rogue = generateSigningKey();
    const rogueRoot = HandoverRoot.fromSeed(Buffer.alloc(32, 1).toString('base64'));
    resigned.signature = signReceiptBody(resigned.body, rogue.privateKeySeed);
    resigned.signerKey = rogueRoot.certify({ kind: 'window', code: 'W330902' }, rogue.publicKey, new Date(0));
    const resignedFile = join(dir, 'resigned.json');
    await writeFile(resignedFile, receiptFileText(resigned));
    const officerReceipt = await api.dataSource.transaction((m: EntityManager) =>
      signer.sign(m, {
        ...toCourier(),
        kind: 'courierToJurisdiction',
        from: { kind: 'courier', code: 'SF' },
        to: { kind: 'jurisdiction', code: 'J310115-SFJ' },
        signer: { kind: 'jurisdiction', code: 'J310115-SFJ' },
      }),
    );
    const swapped = JSON.parse(text) as HandoverReceiptFile;
    const jurisdictionKey = (
      await api.dataSource.query(`SELECT key_id FROM signing_keys WHERE party_code = 'J310115-SFJ'`)
    )[0].key_id;
    expect(officerReceipt.body.signer.keyId).toBe(jurisdictionKey);
    swapped.signature = officerReceipt.signature;
    swapped.signerKey = officerReceipt.signerKey;
    const swappedFile = join(dir, 'swapped.json');
    await writeFile(swappedFile, receiptFileText(swapped));

    const trustFile = join(dir, 'root.pem');
    await writeFile(trustFile, exportReceiptTrust(config));
    expect(exportReceiptTrust(config)).toBe(signer.rootPublicKeyPem);
    // The cli itself, cold through ts-node (slow on a busy machine, hence the timeout), on the three
    // that matter most; the others through the function its `verify-receipt` calls.
    const [oldRun, forged, resign] = await Promise.all([
      cli(['verify-receipt', oldFile, '--trust', trustFile]),
      cli(['verify-receipt', forgedFile]),
      cli(['verify-receipt', resignedFile, '--trust', trustFile]),
    ]);
    expect(oldRun).toEqual({
      code: 0,
      out: expect.stringMatching(new RegExp(`^INTACT ${old.id}: 收件窗口交寄`)),
    });
    expect(forged).toEqual({
      code: 1,
      out: expect.stringContaining('the signature does not match the receipt'),
    });
    expect(resign).toEqual({ code: 1, out: expect.stringContaining('not the trusted root') });
    expect(verifyReceiptCommand([freshFile], config)).toEqual({
      code: 0,
      line: expect.stringContaining(`(key ${rotated.key.keyId})`),
    });
    expect(verifyReceiptCommand([swappedFile, '--trust', trustFile], config)).toEqual({
      code: 1,
      line: expect.stringContaining('with the key of jurisdiction J310115-SFJ'),
    });
    expect(() => verifyReceiptCommand([], config)).toThrow(UsageError);
    expect(() => verifyReceiptCommand([freshFile, '--trust', join(dir, 'none.pem')], config)).toThrow(
      'cannot read the trust file',
    );
  }, 300_000);
});
