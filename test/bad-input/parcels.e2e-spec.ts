import { randomUUID } from 'node:crypto';
import { verifyAtWindow } from '../support/cases';
import {
  CLERK,
  OFFICER,
  PUTUO_CLERK,
  SUPERVISOR,
  nextWaybill,
  notarisationApplication,
} from '../support/fixtures';
import { startStack, type InProcessStack } from '../support/stack';

/**
 * Bad input and wrong callers of the parcel routes (issue 13): each refused with the status and the
 * field or reason named, and nothing written (the rows of parcels, their lines and legs, and the
 * case's state are the same after).
 */
describe('parcel routes refuse bad input and wrong callers, writing nothing', () => {
  let stack: InProcessStack;
  let caseId: string;
  let parcelId: string;
  const OTHER_OFFICER = { as: 'officer-j310115-rsj' };

  beforeAll(async () => {
    stack = await startStack();
    const res = await stack.call('POST', '/applications', {
      ...CLERK,
      body: notarisationApplication(15_001),
    });
    caseId = res.body.id;
    await verifyAtWindow(stack.call, CLERK, caseId);
    const open = await stack.call('POST', '/parcels', {
      ...CLERK,
      body: { leg: 'materials', jurisdictionCode: 'J310115-SFJ' },
    });
    parcelId = open.body.parcel.id;
  });
  afterAll(() => stack.stop());

  const counts = async () =>
    (
      await stack.dataSource.query(
        `SELECT (SELECT count(*) FROM parcels)::int AS parcels, (SELECT count(*) FROM parcel_items)::int AS lines,
                (SELECT count(*) FROM parcel_legs)::int AS legs,
                (SELECT state || ':' || version FROM applications WHERE id = $1) AS kase`,
        [caseId],
      )
    )[0];

  const field = (name: string) => ({ details: [expect.objectContaining({ field: name })] });
  const reason = (name: string) => ({ details: expect.objectContaining({ reason: name }) });
  const notFound = { statusCode: 404, message: 'parcel not found' };
  const role = { statusCode: 403, details: expect.objectContaining({ role: expect.any(String) }) };
  const checkedIn = (outcome: string) => () => ({
    cases: [{ caseId, originals: [{ name: '学历证书', outcome }] }],
  });

  /** What the caller does wrong; method; path; caller (null: nobody); body; status; what the answer names. */
  type Row = [string, string, () => string, { as: string } | null, (() => unknown) | null, number, object];
  const rows: Row[] = [
    ['a parcel id that is not a UUID', 'GET', () => '/parcels/42', CLERK, null, 400, field('id')],
    ['an unknown parcel', 'GET', () => `/parcels/${randomUUID()}`, CLERK, null, 404, notFound],
    ['a parcel of another window', 'GET', () => `/parcels/${parcelId}`, PUTUO_CLERK, null, 404, notFound],
    [
      'a parcel of another jurisdiction',
      'GET',
      () => `/parcels/${parcelId}`,
      OTHER_OFFICER,
      null,
      404,
      notFound,
    ],
    ['a supervisor reading a parcel', 'GET', () => `/parcels/${parcelId}`, SUPERVISOR, null, 403, role],
    ['nobody signed in', 'GET', () => `/parcels/${parcelId}`, null, null, 401, { statusCode: 401 }],
    [
      'a parcel of a leg a window does not open',
      'POST',
      () => '/parcels',
      CLERK,
      () => ({ leg: 'result', jurisdictionCode: 'J310115-SFJ' }),
      400,
      field('leg'),
    ],
    [
      'a parcel for an unknown jurisdiction',
      'POST',
      () => '/parcels',
      CLERK,
      () => ({ leg: 'materials', jurisdictionCode: 'J999999-XXJ' }),
      400,
      field('jurisdictionCode'),
    ],
    [
      'an officer opening a parcel',
      'POST',
      () => '/parcels',
      OFFICER,
      () => ({ leg: 'materials', jurisdictionCode: 'J310115-SFJ' }),
      403,
      role,
    ],
    [
      'packing an unknown case number',
      'POST',
      () => `/parcels/${parcelId}/cases`,
      CLERK,
      () => ({ caseId: '330902-20261201-999999' }),
      404,
      { message: 'case not found' },
    ],
    [
      'packing without a case',
      'POST',
      () => `/parcels/${parcelId}/cases`,
      CLERK,
      () => ({}),
      400,
      field('caseId'),
    ],
    [
      'an officer packing',
      'POST',
      () => `/parcels/${parcelId}/cases`,
      OFFICER,
      () => ({ caseId }),
      403,
      role,
    ],
    [
      'taking out a case not in the parcel',
      'DELETE',
      () => `/parcels/${parcelId}/cases/${caseId}`,
      CLERK,
      null,
      400,
      field('caseId'),
    ],
    [
      'sealing with a malformed waybill',
      'POST',
      () => `/parcels/${parcelId}/seal`,
      CLERK,
      () => ({ waybillNumber: 'sf 12' }),
      400,
      field('waybillNumber'),
    ],
    [
      'sealing an empty parcel',
      'POST',
      () => `/parcels/${parcelId}/seal`,
      CLERK,
      () => ({ waybillNumber: nextWaybill() }),
      409,
      reason('parcel_empty'),
    ],
    [
      'a clerk checking in',
      'POST',
      () => `/parcels/${parcelId}/check-in`,
      CLERK,
      checkedIn('received'),
      403,
      role,
    ],
    [
      'a check-in of no case',
      'POST',
      () => `/parcels/${parcelId}/check-in`,
      OFFICER,
      () => ({ cases: [] }),
      400,
      field('cases'),
    ],
    [
      'a check-in of an open parcel',
      'POST',
      () => `/parcels/${parcelId}/check-in`,
      OFFICER,
      checkedIn('received'),
      409,
      reason('parcel_not_in_transit'),
    ],
    [
      'a check-in outcome that is not one',
      'POST',
      () => `/parcels/${parcelId}/check-in`,
      OFFICER,
      checkedIn('lost'),
      400,
      field('cases.0.originals.0.outcome'),
    ],
  ];

  it.each(rows)('refuses %s', async (_what, method, path, caller, body, status, answer) => {
    const before = await counts();
    const res = await stack.call(method, path(), { ...(caller ?? {}), ...(body ? { body: body() } : {}) });
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject(answer);
    expect(await counts()).toEqual(before);
  });
});
