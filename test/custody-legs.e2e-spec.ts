import { maskName } from '@app/cases';
import {
  CLERK,
  OFFICER,
  PUTUO_CLERK,
  nextWaybill,
  notarisationApplication,
  scanPage,
} from './support/fixtures';
import { scanItemApplication, verifyAtWindow } from './support/cases';
import { signIn, uploadScan } from './support/http';
import { checkIn, checkInCase, parcelOf } from './support/parcels';
import { startStack, type InProcessStack } from './support/stack';
import { TEST_STAFF_PASSWORD } from './support/test-env';
import { eventually } from './support/waiting';

/**
 * Issue 13 items 4 and 6: three legs, not one. The result goes to the applicant by mail in a parcel
 * of its own, delivered on the recipient's signature (or lost, then sent again); after conclusion the
 * originals a window kept (a case forwarded by scan) go to the home jurisdiction's archive with their
 * own manifest and check-in; a parcel the carrier has not delivered within its working days fails.
 */
describe('the result leg, the archive leg and a parcel not delivered in time', () => {
  let stack: InProcessStack;
  let n = 14_000;
  const HEFEI_OFFICER = { as: 'officer-j340100-rsj' };

  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
  });
  afterAll(() => stack.stop());

  const call = (...args: Parameters<InProcessStack['call']>) => stack.call(...args);
  /** Sends `body` to case `id` as `actor`; it must be taken (200). */
  const send = async (id: string, actor: object, body: object) => {
    const res = await call('POST', `/applications/${id}/events`, { ...actor, body });
    expect(res.status).toBe(200);
    return res.body;
  };
  const view = async (id: string, actor: object = CLERK) =>
    (await call('GET', `/applications/${id}`, actor)).body;
  const reach = (id: string, state: string, actor: object = CLERK) =>
    eventually(
      async () => (await view(id, actor)).state as string,
      (s) => s === state,
      {
        what: `case ${id} in ${state}`,
      },
    );

  /** A 学历公证 case accepted and approved at OFFICER's jurisdiction: its result ready to go by mail. */
  const concluded = async () => {
    const res = await call('POST', '/applications', { ...CLERK, body: notarisationApplication(++n) });
    const id = res.body.id as string;
    await verifyAtWindow(call, CLERK, id);
    await send(id, CLERK, { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() });
    await checkInCase(call, OFFICER, id);
    await send(id, OFFICER, { type: 'ACCEPT' });
    await send(id, OFFICER, {
      type: 'APPROVE',
      result: { documentType: '公证书', documentNumber: `(2026)沪浦证字第${n}号` },
    });
    return { id, n, caseNumber: res.body.caseNumber as string, queryCode: res.body.queryCode as string };
  };

  it('mails the result in a parcel of its own, delivered on the recipient signature', async () => {
    const c = await concluded();
    const waybill = nextWaybill('EMS');
    await send(c.id, OFFICER, { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: waybill });
    await reach(c.id, 'resultDelivered', OFFICER);
    const officerView = await view(c.id, OFFICER);
    const result = officerView.parcels.find((p: { leg: string }) => p.leg === 'result');
    expect(result).toMatchObject({
      waybillNumber: waybill,
      status: 'delivered',
      postagePaidBy: 'government',
    });
    // The applicant signed (no mailing address was given): their name, masked as outside the case's staff.
    const signedBy = maskName(notarisationApplication(c.n).applicant.name);
    expect(signedBy).toContain('*');
    expect(result.legs.at(-1)).toMatchObject({ status: 'delivered', signedBy });
    const delivered = (await call('GET', `/applications/${c.id}/history`, OFFICER)).body.at(-1);
    expect(delivered).toMatchObject({
      type: 'RESULT_DELIVERED',
      payload: expect.objectContaining({ signedBy }),
    });
    const tracking = (await call('GET', `/track/${c.caseNumber}?code=${c.queryCode}`)).body;
    expect(tracking.timeline.map((e: { label: string }) => e.label).join('\n')).toContain(
      '办理结果寄往申请人',
    );
  });

  it('sends a lost result again', async () => {
    const c = await concluded();
    await send(c.id, OFFICER, {
      type: 'DISPATCH_RESULT',
      method: 'mail',
      waybillNumber: `LOST${Date.now()}`,
    });
    await reach(c.id, 'resultReturned', OFFICER);
    const again = await send(c.id, OFFICER, {
      type: 'DISPATCH_RESULT',
      method: 'mail',
      waybillNumber: nextWaybill('EMS'),
    });
    expect(again.state).toBe('resultDispatched');
    await reach(c.id, 'resultDelivered', OFFICER);
  });

  it('archives the originals a window kept, with their own manifest and check-in', async () => {
    // 失业登记 at 普陀区 for 合肥市 市人社局, forwarded by scan: the paper stays at the window.
    const body = await scanItemApplication(call, ++n);
    const { body: c } = await call('POST', '/applications', { ...PUTUO_CLERK, body });
    await verifyAtWindow(call, PUTUO_CLERK, c.id);
    const token = await signIn(stack.baseUrl, PUTUO_CLERK.as, TEST_STAFF_PASSWORD);
    for (const m of body.materials) {
      expect(
        (await uploadScan(stack.baseUrl, token, c.id, m.name, scanPage(`${c.id} ${m.name}`))).status,
      ).toBe(201);
    }
    await send(c.id, PUTUO_CLERK, { type: 'FORWARD', channel: 'scan' });
    await reach(c.id, 'forwarded.awaitingAcceptance', PUTUO_CLERK);
    await send(c.id, HEFEI_OFFICER, { type: 'ACCEPT' });
    await send(c.id, HEFEI_OFFICER, {
      type: 'APPROVE',
      result: { documentType: '失业登记证明', documentNumber: `HF${n}` },
    });
    await send(c.id, HEFEI_OFFICER, { type: 'DISPATCH_RESULT', method: 'online' });
    await reach(c.id, 'resultDelivered', PUTUO_CLERK);

    const open = await call('POST', '/parcels', {
      ...PUTUO_CLERK,
      body: { leg: 'archive', jurisdictionCode: 'J340100-RSJ' },
    });
    expect(open.status).toBe(201);
    const parcelId = open.body.parcel.id;
    const packed = await call('POST', `/parcels/${parcelId}/cases`, {
      ...PUTUO_CLERK,
      body: { caseId: c.caseNumber },
    });
    expect(packed.status).toBe(200);
    expect(packed.body.lines[0].originals.map((o: { name: string }) => o.name)).toEqual(
      body.materials.map((m) => m.name),
    );
    expect(
      (
        await call('POST', `/parcels/${parcelId}/seal`, {
          ...PUTUO_CLERK,
          body: { waybillNumber: nextWaybill() },
        })
      ).status,
    ).toBe(200);
    await eventually(
      async () => (await parcelOf(call, HEFEI_OFFICER, parcelId)).parcel.status,
      (s) => s === 'delivered',
      {
        what: 'the archive parcel delivered',
      },
    );
    const res = await checkIn(call, HEFEI_OFFICER, parcelId, {
      [c.id]: { [body.materials[2].name]: 'damaged' },
    });
    expect(res.status).toBe(200);
    expect(res.body.lines[0].status).toBe('discrepancy');
    // The case itself is over; its archive leg is part of its custody record.
    const archived = await view(c.id, PUTUO_CLERK);
    expect(archived.state).toBe('resultDelivered');
    expect(archived.parcels.find((p: { leg: string }) => p.leg === 'archive').line.status).toBe(
      'discrepancy',
    );
    // A case still open cannot be archived.
    const other = await call('POST', '/applications', {
      ...PUTUO_CLERK,
      body: await scanItemApplication(call, ++n),
    });
    const next = await call('POST', '/parcels', {
      ...PUTUO_CLERK,
      body: { leg: 'archive', jurisdictionCode: 'J340100-RSJ' },
    });
    const refused = await call('POST', `/parcels/${next.body.parcel.id}/cases`, {
      ...PUTUO_CLERK,
      body: { caseId: other.body.id },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.details.reason).toBe('not_packable');
  });

  it('fails every case of a parcel not delivered within its working days', async () => {
    const slow = await startStack({ workers: 1, env: { COURIER_TRANSIT_MS: String(3_600_000) } });
    try {
      const res = await slow.call('POST', '/applications', { ...CLERK, body: notarisationApplication(++n) });
      await verifyAtWindow(slow.call, CLERK, res.body.id);
      const fwd = await slow.call('POST', `/applications/${res.body.id}/events`, {
        ...CLERK,
        body: { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() },
      });
      expect(fwd.body.state).toBe('forwarded.inParcel');
      const [{ parcel_id }] = await slow.dataSource.query(
        `SELECT parcel_id FROM transfers WHERE application_id = $1`,
        [res.body.id],
      );
      await slow.dataSource.query(`UPDATE parcels SET due_at = now() - interval '1 second' WHERE id = $1`, [
        parcel_id,
      ]);
      const failed = await eventually(
        async () => (await slow.call('GET', `/applications/${res.body.id}`, CLERK)).body,
        (v) => v.state === 'transferException',
        { what: 'the overdue parcel failed by the sweep' },
      );
      expect(failed.transfers.at(-1).failureReason).toMatch(/^快递逾期未送达/);
      expect(failed.parcels.at(-1).status).toBe('failed');
    } finally {
      await slow.stop();
    }
  });
});
