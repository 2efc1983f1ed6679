import { randomUUID } from 'node:crypto';
import { eventually } from '../support/waiting';
import { notarisationApplication } from '../support/fixtures';
import { checkInCase } from '../support/parcels';
import {
  badInputSuite,
  clerk,
  officer,
  otherOfficer,
  eventsOf,
  title,
  type BadRequest,
} from '../support/bad-input';

/**
 * Bad input of events the home jurisdiction sends (POST /applications/:id/events):
 * each refused with the error naming it, nothing written. The set-up and the checks every row
 * gets: test/support/bad-input.ts.
 */
describe('bad input is refused with the error naming it, and nothing is written', () => {
  const suite = badInputSuite();
  const { cases, receive, send, stateOf, toIdentityVerified, expectRefused } = suite;

  /** Officer-side events need a case that has arrived: the officer checks each case's parcel in. */
  describe('POST /applications/:id/events at the home jurisdiction', () => {
    beforeAll(async () => {
      const ids = {
        awaiting: await receive('awaiting', notarisationApplication(21)),
        processing: await receive('processing', notarisationApplication(22)),
        concluded: await receive('concluded', notarisationApplication(23)),
        paperResult: await receive('paperResult', notarisationApplication(24)),
      };
      let waybill = 1000000021;
      for (const id of Object.values(ids)) {
        await toIdentityVerified(id);
        await send(
          clerk,
          id,
          { type: 'FORWARD', channel: 'courier', waybillNumber: `SF${waybill++}` },
          'forwarded.inParcel',
        );
        // The officer checks the parcel in (签收): the case arrives.
        await checkInCase(suite.api.call, officer, id);
      }
      await suite.api.withWorker(async () => {
        for (const id of Object.values(ids)) {
          await eventually(
            () => stateOf(id),
            (s) => s === 'forwarded.awaitingAcceptance',
            { what: `case ${id} in the inbox` },
          );
        }
      });
      // Without a worker no deadline job can deem it accepted: it waits in the inbox for the tests.
      expect(await stateOf(ids.awaiting)).toBe('forwarded.awaitingAcceptance');
      await send(officer, ids.processing, { type: 'ACCEPT' }, 'accepted.processing');
      let documentNumber = 2023;
      for (const id of [ids.concluded, ids.paperResult]) {
        await send(officer, id, { type: 'ACCEPT' }, 'accepted.processing');
        await send(
          officer,
          id,
          {
            type: 'APPROVE',
            result: { documentType: '公证书', documentNumber: `(2026)沪浦证字第${documentNumber++}号` },
          },
          'accepted.concluded',
        );
      }
    });

    // The acceptance-deadline job of the case left in the inbox may still be queued: withdrawn, the
    // case makes it a no-op for whichever worker runs it later (another suite's).
    afterAll(async () => {
      await send(clerk, cases.awaiting.id, { type: 'WITHDRAW', reason: '测试结束' }, 'withdrawn');
    });

    const rows: BadRequest[] = [
      {
        what: 'APPROVE before the case is accepted',
        path: eventsOf('awaiting'),
        caller: officer,
        body: { type: 'APPROVE', result: { documentType: '公证书', documentNumber: '(2026)沪浦证字第1号' } },
        status: 409,
        conflict: {
          reason: 'event_not_allowed',
          state: 'forwarded.awaitingAcceptance',
          allowedEvents: ['ACCEPT', 'REQUEST_SUPPLEMENT', 'REFUSE'],
        },
      },
      {
        what: 'CHECK_IN over the events endpoint (a parcel is checked in at POST /parcels/:id/check-in)',
        path: eventsOf('awaiting'),
        caller: officer,
        body: {
          type: 'CHECK_IN',
          parcelId: randomUUID(),
          transferId: randomUUID(),
          originals: [{ name: '学历证书', outcome: 'received' }],
        },
        status: 400,
        field: 'type',
      },
      {
        what: 'a clerk sending ACCEPT to a case in the inbox',
        path: eventsOf('awaiting'),
        body: { type: 'ACCEPT' },
        status: 403,
        forbidden: { role: 'clerk', type: 'ACCEPT' },
      },
      {
        what: 'the officer of 市人社局 accepting a case of 市司法局 (another jurisdiction): not found',
        path: eventsOf('awaiting'),
        caller: otherOfficer,
        body: { type: 'ACCEPT' },
        status: 404,
        message: 'case not found',
      },
      {
        what: 'the officer of 合肥市 市司法局 (same department, another city) accepting it',
        path: eventsOf('awaiting'),
        caller: { as: 'officer-j340100-sfj' },
        body: { type: 'ACCEPT' },
        status: 404,
        message: 'case not found',
      },
      {
        what: 'the supervisor of 浦东新区, who sees the case, accepting it',
        path: eventsOf('awaiting'),
        caller: { as: 'supervisor-310115' },
        body: { type: 'ACCEPT' },
        status: 403,
        forbidden: { role: 'supervisor', type: 'ACCEPT' },
      },
      {
        what: 'REQUEST_SUPPLEMENT asking for nothing',
        path: eventsOf('awaiting'),
        caller: officer,
        body: { type: 'REQUEST_SUPPLEMENT', items: [], note: '请补正' },
        status: 400,
        field: 'items',
      },
      {
        what: 'REQUEST_SUPPLEMENT without a note',
        path: eventsOf('awaiting'),
        caller: officer,
        body: { type: 'REQUEST_SUPPLEMENT', items: ['学历证书认证报告'] },
        status: 400,
        field: 'note',
      },
      {
        what: 'REFUSE without its legal basis',
        path: eventsOf('awaiting'),
        caller: officer,
        body: { type: 'REFUSE', reason: '不属于本机关职权范围' },
        status: 400,
        field: 'legalBasis',
      },
      {
        what: 'APPROVE without a result document',
        path: eventsOf('processing'),
        caller: officer,
        body: { type: 'APPROVE' },
        status: 400,
        field: 'result',
      },
      {
        what: 'APPROVE with a result document without a number',
        path: eventsOf('processing'),
        caller: officer,
        body: { type: 'APPROVE', result: { documentType: '公证书' } },
        status: 400,
        field: 'result.documentNumber',
      },
      {
        what: 'DENY without a reason',
        path: eventsOf('processing'),
        caller: officer,
        body: { type: 'DENY', legalBasis: '《公证程序规则》第四十八条' },
        status: 400,
        field: 'reason',
      },
      {
        what: 'DISPATCH_RESULT by mail without a waybill: required for mail',
        path: eventsOf('concluded'),
        caller: officer,
        body: { type: 'DISPATCH_RESULT', method: 'mail' },
        status: 400,
        details: [{ field: 'waybillNumber', message: 'waybillNumber is required for mail' }],
      },
      {
        what: 'DISPATCH_RESULT online with a waybill: a waybill belongs to mail only',
        path: eventsOf('concluded'),
        caller: officer,
        body: { type: 'DISPATCH_RESULT', method: 'online', waybillNumber: 'EMS9000000001' },
        status: 400,
        details: [{ field: 'waybillNumber', message: 'waybillNumber is for mail only' }],
      },
      {
        what: 'DISPATCH_RESULT by mail under the waybill of a forward parcel (one waybill, one parcel)',
        path: eventsOf('concluded'),
        caller: officer,
        body: { type: 'DISPATCH_RESULT', method: 'mail', waybillNumber: 'SF1000000021' },
        status: 409,
        message:
          "waybillNumber: SF1000000021 is already used for another parcel; use the new parcel's waybill",
        conflict: { reason: 'waybill_in_use', field: 'waybillNumber', waybillNumber: 'SF1000000021' },
      },
      {
        what: 'DISPATCH_RESULT online for a paper-only result (KS1-001 公证书: mail only)',
        path: eventsOf('paperResult'),
        caller: officer,
        body: { type: 'DISPATCH_RESULT', method: 'online' },
        status: 409,
        conflict: {
          reason: 'event_not_allowed',
          state: 'accepted.concluded',
          allowedEvents: ['DISPATCH_RESULT'],
          rule: 'the result of this item goes only by mail',
        },
      },
      {
        what: 'an officer sending RESULT_DELIVERED (a delivery job event)',
        path: eventsOf('concluded'),
        caller: officer,
        body: { type: 'RESULT_DELIVERED', transferId: randomUUID() },
        status: 403,
        forbidden: { role: 'officer', type: 'RESULT_DELIVERED' },
      },
      {
        what: 'the clerk withdrawing after the decision',
        path: eventsOf('concluded'),
        body: { type: 'WITHDRAW', reason: '不需要了' },
        status: 409,
        conflict: { reason: 'event_not_allowed', state: 'accepted.concluded', allowedEvents: [] },
      },
      {
        what: 'WITHDRAW without a reason',
        path: eventsOf('processing'),
        body: { type: 'WITHDRAW' },
        status: 400,
        field: 'reason',
      },
    ];

    it.each(rows.map((r) => [title(r), r] as const))('%s', async (_title, r) => {
      await expectRefused(r);
    });
  });
});
