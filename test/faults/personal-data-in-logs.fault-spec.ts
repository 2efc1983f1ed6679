import {
  CLERK as clerk,
  notarisationApplication,
  OFFICER as officer,
  TEST_STAFF_PASSWORD,
} from '../support/fixtures';
import { checkInCase } from '../support/parcels';
import { startStack, type ProcessStack } from '../support/stack';
import { eventually } from '../support/waiting';
import { say } from './support/report';

describe('personal data and the logs', () => {
  const logs: string[] = [];
  let s: ProcessStack;
  beforeAll(async () => {
    s = await startStack({
      mode: 'processes',
      workers: 1,
      env: { LOG_LEVEL: 'trace', COURIER_TRANSIT_MS: '0' },
      output: logs,
    });
  });
  afterAll(() => s.stop());

  it('never writes an ID number, a phone, a name, a password or a token to the logs, even at trace level', async () => {
    const body = notarisationApplication(8000);
    const { applicant } = body;
    const receipt = (await s.call('POST', '/applications', { ...clerk, body })).body;
    const events = [
      { type: 'PASS_FORM_CHECK' },
      { type: 'VERIFY_IDENTITY', method: 'face', passed: true },
      { type: 'FORWARD', channel: 'courier', waybillNumber: 'SF8800000001' },
    ];
    for (const event of events)
      await s.call('POST', `/applications/${receipt.id}/events`, { ...clerk, body: event });
    await eventually(
      async () => (await s.call('GET', `/applications/${receipt.id}`, officer)).body.state,
      (st) => st === 'forwarded.awaitingCheckIn',
      { what: `case ${receipt.caseNumber}'s parcel delivered` },
    );
    await checkInCase(s.call, officer, receipt.id);
    await eventually(
      async () => (await s.call('GET', `/applications/${receipt.id}`, officer)).body.state,
      (st) => st === 'forwarded.awaitingAcceptance',
      { what: `case ${receipt.caseNumber} in the inbox` },
    );
    // Bad input that carries the personal data back in a 400, and a tracking read that masks it.
    await s.call('POST', '/applications', { ...clerk, body: { ...body, itemCode: 'KS1-999' } });
    await s.call('GET', `/track/${receipt.caseNumber}?code=${receipt.queryCode}`);
    // A mistyped password, then the right one: neither, nor the token, may reach a log line.
    const mistyped = `${TEST_STAFF_PASSWORD}-typo`;
    await s.call('POST', '/auth/token', { body: { username: clerk.as, password: mistyped } });
    const signedIn = await s.call('POST', '/auth/token', {
      body: { username: clerk.as, password: TEST_STAFF_PASSWORD },
    });
    await s.call('GET', '/inbox', { headers: { authorization: `Bearer ${signedIn.body.accessToken}` } });
    const text = logs.join('');
    say(
      `broke: a case received, checked, forwarded in a parcel, checked in and tracked with LOG_LEVEL=trace (${text.length} bytes of logs)`,
    );
    expect(text.length).toBeGreaterThan(1000);
    const secrets = [
      applicant.idNumber,
      applicant.phone,
      applicant.name,
      TEST_STAFF_PASSWORD,
      signedIn.body.accessToken,
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
    say('checked: ID number, phone, name, password and token appear nowhere in the api and worker logs');
  });
});
