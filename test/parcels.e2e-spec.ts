import { DEVELOPMENT_HANDOVER_ROOT_KEY } from '@app/common';
import { pdfText } from '@app/documents/__tests__/pdf-probe';
import { HandoverRoot, verifyReceiptFile } from '@app/transfer';
import {
  CLERK,
  OFFICER,
  TEST_STAFF_PASSWORD,
  nextWaybill,
  notarisationApplication,
} from './support/fixtures';
import { signIn } from './support/http';
import { verifyAtWindow } from './support/cases';
import { checkIn, parcelOf } from './support/parcels';
import { startStack, type InProcessStack } from './support/stack';
import { eventually } from './support/waiting';

/**
 * Issue 13 items 3–5: a clerk packs forwarded cases bound for one home jurisdiction into one parcel,
 * seals it under one waybill; one courier job follows the parcel at the (simulated) carrier, whose
 * legs show on each case's timeline; an officer checks it in against its manifest, case by case and
 * original by original. Real PostgreSQL, Redis and BullMQ; the test environment's carrier loses
 * waybills starting LOST (COURIER_LOST_WAYBILL_PATTERN).
 */
describe('parcels of papers, packed, sealed, tracked and checked in', () => {
  let stack: InProcessStack;
  let n = 13_000;

  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
  });
  afterAll(() => stack.stop());

  const call = (...args: Parameters<InProcessStack['call']>) => stack.call(...args);
  const send = (id: string, actor: object, body: object) =>
    call('POST', `/applications/${id}/events`, { ...actor, body });
  const view = async (id: string, actor: object = CLERK) =>
    (await call('GET', `/applications/${id}`, actor)).body;
  const reach = (id: string, state: string) =>
    eventually(
      async () => (await view(id)).state as string,
      (s) => s === state,
      { what: `case ${id} in ${state}` },
    );

  /** Received and verified at CLERK's window for OFFICER's jurisdiction, ready to be forwarded: its receipt. */
  const verifiedReceipt = async (): Promise<{ id: string; caseNumber: string; queryCode: string }> => {
    const res = await call('POST', '/applications', { ...CLERK, body: notarisationApplication(++n) });
    expect(res.status).toBe(201);
    await verifyAtWindow(call, CLERK, res.body.id);
    return res.body;
  };
  const verified = async (): Promise<string> => (await verifiedReceipt()).id;
  const openParcel = async (leg = 'materials') => {
    const res = await call('POST', '/parcels', { ...CLERK, body: { leg, jurisdictionCode: 'J310115-SFJ' } });
    expect(res.status).toBe(201);
    return res.body.parcel.id as string;
  };
  const pack = (parcelId: string, caseRef: string) =>
    call('POST', `/parcels/${parcelId}/cases`, { ...CLERK, body: { caseId: caseRef } });
  const seal = (parcelId: string, waybillNumber = nextWaybill()) =>
    call('POST', `/parcels/${parcelId}/seal`, { ...CLERK, body: { waybillNumber } });

  it('moves four cases of a parcel of five to the inbox, and keeps the one missing an original out', async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5].map(() => verified()));
    const parcelId = await openParcel();
    for (const id of ids) expect((await pack(parcelId, id)).status).toBe(200);
    const sealed = await seal(parcelId);
    expect(sealed.status).toBe(200);
    expect(sealed.body.parcel).toMatchObject({ status: 'sealed', carrier: '模拟快递（SIM）' });
    expect(sealed.body.parcel.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sealed.body.lines.map((l: { status: string }) => l.status)).toEqual(Array(5).fill('sealed'));
    for (const id of ids) expect((await view(id)).state).toBe('forwarded.inParcel');
    // One courier job for the parcel, none per case.
    const jobs: { queue: string }[] = await stack.dataSource.query(
      `SELECT queue FROM outbox WHERE parcel_id = $1`,
      [parcelId],
    );
    // The parcel's one tracking job, re-planned after each look: never a job of another kind.
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(new Set(jobs.map((j) => j.queue))).toEqual(new Set(['parcel-tracking']));
    const perCase = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE application_id = ANY($1) AND queue IN ('courier', 'parcel-tracking')`,
      [ids],
    );
    expect(perCase[0].n).toBe(0);

    // The carrier delivers: the cases wait at the door for the officer, not in the acceptance queue.
    for (const id of ids) await reach(id, 'forwarded.awaitingCheckIn');
    const delivered = await parcelOf(call, OFFICER, parcelId);
    expect(delivered.parcel.status).toBe('delivered');
    expect(delivered.legs.map((l) => l.status)).toEqual([
      'collected',
      'inTransit',
      'outForDelivery',
      'delivered',
    ]);

    const short = ids[2];
    const res = await checkIn(call, OFFICER, parcelId, { [short]: { 学历证书: 'missing' } });
    expect(res.status).toBe(200);
    expect(res.body.parcel.status).toBe('checkedIn');
    for (const id of ids.filter((x) => x !== short)) {
      expect((await view(id, OFFICER)).state).toBe('forwarded.awaitingAcceptance');
    }
    const kept = await view(short);
    expect(kept.state).toBe('transferException');
    expect(kept.transfers.at(-1).failureReason).toBe(
      '签收时原件不符（窗口→业务属地部门寄递段）：学历证书 缺失',
    );
    const line = kept.parcels.at(-1).line;
    expect(line.status).toBe('discrepancy');
    expect(line.originals.find((o: { name: string }) => o.name === '学历证书')).toMatchObject({
      outcome: 'missing',
    });

    // The exception's case goes again in a new parcel (REDISPATCH by the seal), and arrives whole.
    const again = await openParcel();
    expect((await pack(again, short)).status).toBe(200);
    expect((await seal(again)).status).toBe(200);
    await reach(short, 'forwarded.awaitingCheckIn');
    expect((await checkIn(call, OFFICER, again)).status).toBe(200);
    expect((await view(short)).state).toBe('forwarded.awaitingAcceptance');
    const history = (await call('GET', `/applications/${short}/history`, CLERK)).body.map(
      (e: { type: string }) => e.type,
    );
    expect(history).toEqual(expect.arrayContaining(['FORWARD', 'CHECK_IN', 'REDISPATCH']));
  });

  it('signs each hand-over over the manifest, and prints the manifest', async () => {
    const receipts0 = await Promise.all([1, 2].map(() => verifiedReceipt()));
    const ids = receipts0.map((r) => r.id);
    const parcelId = await openParcel();
    for (const id of ids) await pack(parcelId, id);
    const sealed = (await seal(parcelId)).body;
    const res = await checkIn(call, OFFICER, parcelId, { [ids[1]]: { 学历证书: 'damaged' } });
    expect(res.status).toBe(200);

    const receipts = (await call('GET', `/applications/${ids[0]}/handovers`, CLERK)).body;
    expect(receipts.map((r: { kind: string }) => r.kind)).toEqual([
      'windowToCourier',
      'courierToJurisdiction',
    ]);
    const [handedOver, checkedIn] = receipts;
    expect(handedOver).toMatchObject({
      parcelNumber: sealed.parcel.parcelNumber,
      waybillNumber: sealed.parcel.waybillNumber,
      manifestSha256: sealed.parcel.manifestSha256,
      signer: expect.objectContaining({ kind: 'window', code: 'W330902' }),
    });
    expect(checkedIn.signer).toMatchObject({ kind: 'jurisdiction', code: 'J310115-SFJ' });
    expect([...handedOver.caseNumbers].sort()).toEqual(
      res.body.lines.map((l: { caseNumber: string }) => l.caseNumber).sort(),
    );
    const officerToken = await signIn(stack.baseUrl, OFFICER.as, TEST_STAFF_PASSWORD);
    const file = await fetch(`${stack.baseUrl}/handovers/${checkedIn.id}/receipt`, {
      headers: { authorization: `Bearer ${officerToken}` },
    });
    const text = await file.text();
    const root = HandoverRoot.fromSeed(DEVELOPMENT_HANDOVER_ROOT_KEY);
    expect(verifyReceiptFile(text, root)).toMatchObject({ intact: true });
    const changed = text.replace('courierToJurisdiction', 'windowToCourier');
    expect(verifyReceiptFile(changed, root)).toMatchObject({ intact: false });
    // A receipt of a parcel shared with other cases names them: it stays with the offices.
    const { caseNumber, queryCode } = receipts0[0];
    const applicantView = await call('GET', `/track/${caseNumber}/handovers?code=${queryCode}`);
    expect(applicantView).toEqual({ status: 200, body: [] });
    const shared = await call('GET', `/track/${caseNumber}/handovers/${handedOver.id}?code=${queryCode}`);
    expect(shared.status).toBe(404);

    const clerkToken = await signIn(stack.baseUrl, CLERK.as, TEST_STAFF_PASSWORD);
    const manifest = await fetch(`${stack.baseUrl}/parcels/${parcelId}/manifest.pdf`, {
      headers: { authorization: `Bearer ${clerkToken}` },
    });
    expect(manifest.headers.get('content-type')).toBe('application/pdf');
    const printed = pdfText(Buffer.from(await manifest.arrayBuffer()));
    expect(printed).toContain(sealed.parcel.parcelNumber);
    expect(printed).toContain(sealed.parcel.manifestSha256);
    for (const line of sealed.lines) expect(printed).toContain(line.caseNumber);
    expect(printed).toContain('学历证书');
  });

  it('fails every case of a lost parcel, which go again in a new one', async () => {
    const ids = await Promise.all([1, 2].map(() => verified()));
    const parcelId = await openParcel();
    for (const id of ids) await pack(parcelId, id);
    expect((await seal(parcelId, `LOST${Date.now()}`)).status).toBe(200);
    for (const id of ids) await reach(id, 'transferException');
    const lost = await parcelOf(call, CLERK, parcelId);
    expect(lost.parcel.status).toBe('failed');
    expect(lost.legs.at(-1)?.status).toBe('lost');
    expect((await view(ids[0])).transfers.at(-1).failureReason).toMatch(/^快递丢失/);

    const again = await openParcel();
    for (const id of ids) expect((await pack(again, id)).status).toBe(200);
    expect((await seal(again)).status).toBe(200);
    for (const id of ids) await reach(id, 'forwarded.awaitingCheckIn');
    expect((await checkIn(call, OFFICER, again)).status).toBe(200);
    for (const id of ids) expect((await view(id)).state).toBe('forwarded.awaitingAcceptance');
  });

  it('takes a case withdrawn before sealing out of the parcel; one withdrawn after travels and is returned', async () => {
    const [before, after, stays] = await Promise.all([1, 2, 3].map(() => verified()));
    const parcelId = await openParcel();
    for (const id of [before, after, stays]) await pack(parcelId, id);
    expect((await send(before, CLERK, { type: 'WITHDRAW', reason: '申请人主动撤回' })).status).toBe(200);
    const packed = await parcelOf(call, CLERK, parcelId);
    expect(packed.lines.find((l) => l.caseId === before)!.status).toBe('removed');

    expect((await seal(parcelId)).status).toBe(200);
    expect((await seal(parcelId)).status).toBe(409);
    const out = await call('DELETE', `/parcels/${parcelId}/cases/${after}`, CLERK);
    expect(out.status).toBe(409);
    expect(out.body.details.reason).toBe('parcel_not_open');
    expect((await send(after, CLERK, { type: 'WITHDRAW', reason: '申请人主动撤回' })).status).toBe(200);

    await reach(stays, 'forwarded.awaitingCheckIn');
    const res = await checkIn(call, OFFICER, parcelId);
    expect(res.status).toBe(200);
    const lines = new Map(
      res.body.lines.map((l: { caseId: string; status: string }) => [l.caseId, l.status]),
    );
    expect(lines.get(before)).toBe('removed');
    expect(lines.get(after)).toBe('returned');
    expect(lines.get(stays)).toBe('received');
    expect((await view(after)).state).toBe('withdrawn');
  });

  it('refuses to send alone, or to pack twice, a case already packed in an open parcel', async () => {
    const id = await verified();
    const parcelId = await openParcel();
    expect((await pack(parcelId, id)).status).toBe(200);
    const other = await openParcel();
    const twice = await pack(other, id);
    expect(twice.status).toBe(409);
    expect(twice.body.details.reason).toBe('packed_elsewhere');
    const alone = await send(id, CLERK, {
      type: 'FORWARD',
      channel: 'courier',
      waybillNumber: nextWaybill(),
    });
    expect(alone.status).toBe(409);
    expect(alone.body.details.reason).toBe('packed_elsewhere');
    expect((await view(id)).state).toBe('identityVerified');
    expect((await call('DELETE', `/parcels/${parcelId}/cases/${id}`, CLERK)).status).toBe(200);
    expect((await pack(other, id)).status).toBe(200);
  });

  it('refuses a check-in that leaves a case or an original out, and checks in once', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => verified()));
    const parcelId = await openParcel();
    await pack(parcelId, a);
    await pack(parcelId, b);
    await seal(parcelId);
    const { lines } = await parcelOf(call, OFFICER, parcelId);
    const all = lines.map((l) => ({
      caseId: l.caseId,
      originals: l.originals.map((o) => ({ name: o.name, outcome: 'received' })),
    }));

    const oneCase = await call('POST', `/parcels/${parcelId}/check-in`, {
      ...OFFICER,
      body: { cases: all.slice(0, 1) },
    });
    expect(oneCase.status).toBe(400);
    expect(oneCase.body.details).toEqual([expect.objectContaining({ field: 'cases' })]);
    const fewer = [{ ...all[0], originals: all[0].originals.slice(1) }, all[1]];
    const oneOriginal = await call('POST', `/parcels/${parcelId}/check-in`, {
      ...OFFICER,
      body: { cases: fewer },
    });
    expect(oneOriginal.status).toBe(400);
    expect(oneOriginal.body.details).toEqual([expect.objectContaining({ field: 'originals' })]);
    const officerSees = await view(a, OFFICER);
    expect(officerSees.state).toMatch(/^forwarded\.(inParcel|awaitingCheckIn)$/);

    expect(
      (await call('POST', `/parcels/${parcelId}/check-in`, { ...OFFICER, body: { cases: all } })).status,
    ).toBe(200);
    const twice = await call('POST', `/parcels/${parcelId}/check-in`, { ...OFFICER, body: { cases: all } });
    expect(twice.status).toBe(409);
    expect(twice.body.details.reason).toBe('parcel_not_in_transit');
    // CHECK_IN is recorded parcel by parcel, never over the events endpoint.
    const direct = await send(a, OFFICER, { type: 'CHECK_IN', parcelId, transferId: 'x', originals: [] });
    expect(direct.status).toBe(400);
    expect(direct.body.details).toEqual([expect.objectContaining({ field: 'type' })]);
  });

  it('shows the carrier legs on the applicant timeline and refuses a case of another jurisdiction', async () => {
    const res = await call('POST', '/applications', { ...CLERK, body: notarisationApplication(++n) });
    await verifyAtWindow(call, CLERK, res.body.id);
    const parcelId = await openParcel();
    await pack(parcelId, res.body.caseNumber);
    await seal(parcelId);
    await reach(res.body.id, 'forwarded.awaitingCheckIn');
    const tracking = await call('GET', `/track/${res.body.caseNumber}?code=${res.body.queryCode}`);
    expect(tracking.status).toBe(200);
    const labels = tracking.body.timeline.map((e: { label: string }) => e.label).join('\n');
    expect(labels).toContain('快递已揽收');
    expect(labels).toContain('快递已送达');

    const elsewhere = await call('POST', '/parcels', {
      ...CLERK,
      body: { leg: 'materials', jurisdictionCode: 'J320100-MZJ' },
    });
    expect(elsewhere.status).toBe(201);
    const refused = await pack(elsewhere.body.parcel.id, await verified());
    expect(refused.status).toBe(409);
    expect(refused.body.details.reason).toBe('not_packable');
  });
});
