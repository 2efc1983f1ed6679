import { createHash } from 'node:crypto';
import { scanItemApplication, verifyAtWindow } from './support/cases';
import { PUTUO_CLERK, scanPage as page, scanPageWithDigest } from './support/fixtures';
import { signIn, uploadScan } from './support/http';
import { rowCounts } from './support/row-counts';
import { startStack, type InProcessStack } from './support/stack';
import { TEST_STAFF_PASSWORD } from './support/test-env';
import { eventually } from './support/waiting';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * 扫描传送 carries the scans uploaded for the case, nothing else: a FORWARD or REDISPATCH by scan
 * names uploaded scans of the case (or none, and then every uploaded scan of the case travels).
 */
describe('forwarding a case by scan', () => {
  let api: InProcessStack;
  let base: string;
  let token: string;
  let n = 6100;
  const clerk = PUTUO_CLERK;

  beforeAll(async () => {
    api = await startStack();
    base = api.baseUrl;
    token = await signIn(base, clerk.as, TEST_STAFF_PASSWORD);
  });
  afterAll(() => api.stop());

  /** 失业登记 (KS1-005, may travel as scans) received at 普陀区 for 合肥市 市人社局, form and identity checked. */
  const verified = async () => {
    const body = await scanItemApplication(api.call, ++n);
    const { body: c } = await api.call('POST', '/applications', { ...clerk, body });
    await verifyAtWindow(api.call, clerk, c.id);
    return {
      id: c.id as string,
      caseNumber: c.caseNumber as string,
      materials: body.materials.map((m) => m.name),
    };
  };
  const scan = async (caseId: string, material: string, bytes: Buffer) => {
    const res = await uploadScan(base, token, caseId, material, bytes);
    expect(res.status).toBe(201);
    return res.body.sha256 as string;
  };
  const forward = (caseId: string, scanDigests?: string[]) =>
    api.call('POST', `/applications/${caseId}/events`, {
      ...clerk,
      body: { type: 'FORWARD', channel: 'scan', ...(scanDigests ? { scanDigests } : {}) },
    });
  const stateOf = async (caseId: string) =>
    (await api.call('GET', `/applications/${caseId}`, clerk)).body.state as string;
  /** Runs the worker (outbox relay and transfer jobs) until case `caseId` is in `state`. */
  const reachWithWorker = (caseId: string, state: string) =>
    api.withWorker(() =>
      eventually(
        () => stateOf(caseId),
        (s) => s === state,
        { what: `case ${caseId} in ${state}` },
      ),
    );

  it('refuses digests that are not scans uploaded for the case, naming them, and writes nothing', async () => {
    const c = await verified();
    const other = await verified();
    const own = await scan(c.id, c.materials[0], page(`own ${c.id}`));
    const othersScan = await scan(other.id, other.materials[0], page(`other ${other.id}`));
    const invented = sha256(Buffer.from('never uploaded'));
    const before = await rowCounts(api.dataSource);

    const res = await forward(c.id, [own, othersScan, invented]);

    expect(res.status).toBe(409);
    expect(res.body.details).toEqual({ reason: 'scans_not_uploaded', digests: [othersScan, invented] });
    expect(res.body.message).toContain(othersScan);
    expect(await rowCounts(api.dataSource)).toEqual(before);
    expect(await stateOf(c.id)).toBe('identityVerified');
  });

  it('refuses a scan forward of a case with no scans, naming the materials not scanned', async () => {
    const c = await verified();
    const before = await rowCounts(api.dataSource);

    const res = await forward(c.id);

    expect(res.status).toBe(409);
    expect(res.body.details).toEqual({ reason: 'materials_not_scanned', unscannedMaterials: c.materials });
    expect(await rowCounts(api.dataSource)).toEqual(before);
  });

  it('refuses a scan forward that leaves a material handed in behind, named or not, and writes nothing', async () => {
    const c = await verified();
    expect(c.materials.length).toBeGreaterThan(1);
    const [first, ...rest] = c.materials;
    const firstScan = await scan(c.id, first, page(`${c.id} ${first}`));
    const before = await rowCounts(api.dataSource);

    const unnamed = await forward(c.id);
    expect(unnamed.status).toBe(409);
    expect(unnamed.body.details).toEqual({ reason: 'materials_not_scanned', unscannedMaterials: rest });
    expect(unnamed.body.message).toContain(rest.join(', '));

    // Every material scanned, but the clerk names only the first scan: the others would stay behind.
    for (const material of rest) await scan(c.id, material, page(`${c.id} ${material}`));
    const named = await forward(c.id, [firstScan]);
    expect(named.status).toBe(409);
    expect(named.body.details).toEqual({ reason: 'materials_not_scanned', unscannedMaterials: rest });
    // Only the uploads wrote: each a scan and its row in the case's history (SCAN_UPLOADED).
    expect(await rowCounts(api.dataSource)).toEqual({
      ...before,
      scans: before.scans + rest.length,
      case_events: before.case_events + rest.length,
    });
    expect(await stateOf(c.id)).toBe('identityVerified');
  });

  it('sends a material handed in again as a scan made since, not its old scan', async () => {
    const body = await scanItemApplication(api.call, ++n);
    const { materials } = body;
    const { body: c } = await api.call('POST', '/applications', { ...clerk, body });
    const event = async (e: object) =>
      expect((await api.call('POST', `/applications/${c.id}/events`, { ...clerk, body: e })).status).toBe(
        200,
      );
    const scans: string[] = [];
    for (const { name } of materials) scans.push(await scan(c.id, name, page(`${c.id} first ${name}`)));
    // The form check finds the last material wanting; the applicant brings a corrected one.
    const corrected = materials[materials.length - 1];
    await event({ type: 'FAIL_FORM_CHECK', missing: [corrected.name] });
    await event({ type: 'RESUBMIT', materials: [{ ...corrected, pages: 3 }] });
    await event({ type: 'PASS_FORM_CHECK' });
    await event({ type: 'VERIFY_IDENTITY', method: 'face', passed: true });

    const stale = await forward(c.id);
    expect(stale.status).toBe(409);
    expect(stale.body.details).toEqual({
      reason: 'materials_not_scanned',
      unscannedMaterials: [corrected.name],
    });
    // Naming the old scan does not help either.
    expect((await forward(c.id, scans)).body.details).toEqual({
      reason: 'materials_not_scanned',
      unscannedMaterials: [corrected.name],
    });

    const rescanned = await scan(c.id, corrected.name, page(`${c.id} corrected ${corrected.name}`));
    expect((await forward(c.id)).status).toBe(200);
    const [transfer] = await api.dataSource.query(
      `SELECT scan_digests FROM transfers WHERE application_id = $1`,
      [c.id],
    );
    expect(transfer.scan_digests).toEqual([...scans.slice(0, -1), rescanned]);
  });

  it('forwards the case’s uploaded scans when the clerk names none, and they arrive', async () => {
    const c = await verified();
    const digests: string[] = [];
    for (const material of c.materials) digests.push(await scan(c.id, material, page(`${c.id} ${material}`)));

    const res = await forward(c.id);

    expect(res).toMatchObject({ status: 200, body: { state: 'forwarded.inTransit' } });
    const [transfer] = await api.dataSource.query(
      `SELECT scan_digests FROM transfers WHERE application_id = $1`,
      [c.id],
    );
    expect(transfer.scan_digests).toEqual(digests);
    const [audit] = await api.dataSource.query(
      `SELECT payload FROM case_events WHERE application_id = $1 AND type = 'FORWARD'`,
      [c.id],
    );
    expect(audit.payload).toEqual({ channel: 'scan', scanDigests: digests });
    await reachWithWorker(c.id, 'forwarded.awaitingAcceptance');
    // The home jurisdiction sees the scans it received beside the materials.
    const seen = (await api.call('GET', `/applications/${c.caseNumber}`, { as: 'officer-j340100-rsj' })).body;
    expect(
      seen.scans.map((x: { materialName: string; sha256: string }) => [x.materialName, x.sha256]),
    ).toEqual(c.materials.map((material, i) => [material, digests[i]]));
    expect(seen.transfers).toEqual([
      expect.objectContaining({ channel: 'scan', status: 'delivered', scanDigests: digests }),
    ]);
  });

  it('refuses a scan REDISPATCH carrying a digest of no uploaded scan', async () => {
    const c = await verified();
    const own = await scan(c.id, c.materials[0], scanPageWithDigest('dead', `altered ${c.id}`));
    for (const material of c.materials.slice(1)) await scan(c.id, material, page(`${c.id} ${material}`));
    expect((await forward(c.id)).status).toBe(200);
    await reachWithWorker(c.id, 'transferException');
    const invented = sha256(Buffer.from('not a scan of this case'));
    const before = await rowCounts(api.dataSource);

    const res = await api.call('POST', `/applications/${c.id}/events`, {
      ...clerk,
      body: { type: 'REDISPATCH', channel: 'scan', scanDigests: [own, invented] },
    });

    expect(res.status).toBe(409);
    expect(res.body.details).toEqual({ reason: 'scans_not_uploaded', digests: [invented] });
    expect(await rowCounts(api.dataSource)).toEqual(before);
  });
});
