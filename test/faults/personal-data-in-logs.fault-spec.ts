import { notarisationApplication } from '../support/fixtures';
import { clerk, officer } from './support/cases';
import { eventually, say, startStack, type Stack } from './support/stack';

describe('personal data and the logs', () => {
  const logs: string[] = [];
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ LOG_LEVEL: 'trace', COURIER_TRANSIT_MS: '0' }, logs);
  });
  afterAll(() => s.stop());

  it('never writes an ID number, a phone number or a name to the api or worker log, even at trace level', async () => {
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
      (st) => st === 'forwarded.awaitingAcceptance',
    );
    // Bad input that carries the personal data back in a 400, and a tracking read that masks it.
    await s.call('POST', '/applications', { ...clerk, body: { ...body, itemCode: 'KS1-999' } });
    await s.call('GET', `/track/${receipt.caseNumber}?code=${receipt.queryCode}`);
    const text = logs.join('');
    say(
      `broke: a case received, checked, forwarded and tracked with LOG_LEVEL=trace (${text.length} bytes of logs)`,
    );
    expect(text.length).toBeGreaterThan(1000);
    for (const secret of [applicant.idNumber, applicant.phone, applicant.name])
      expect(text).not.toContain(secret);
    say('checked: the ID number, phone number and name appear nowhere in the api and worker logs');
  });
});
