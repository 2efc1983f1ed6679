import { CLERK, notarisationApplication, OFFICER } from '../../support/fixtures';
import type { Call } from '../../support/http';
import { TEST_STAFF_PASSWORD } from '../../support/test-env';

export const clerk = CLERK;
export const officer = OFFICER;

/**
 * `count` more officer accounts of J310115-SFJ (notarisationApplication's home jurisdiction),
 * created by the seeded admin; their usernames.
 * @throws Error when an account cannot be created
 */
export async function moreOfficers(call: Call, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const username = `officer-j310115-sfj-${String(i + 1).padStart(2, '0')}`;
      const { status, body } = await call('POST', '/accounts', {
        as: 'admin',
        body: { username, password: TEST_STAFF_PASSWORD, role: 'officer', jurisdictionCode: 'J310115-SFJ' },
      });
      if (status !== 201) throw new Error(`creating ${username} answered ${status}: ${JSON.stringify(body)}`);
      return username;
    }),
  );
}

/**
 * Receives `count` cases through the api and brings each to identityVerified (ready to forward).
 * Applicant numbers start at `from` so every case has its own invented applicant.
 */
export async function verifiedCases(call: Call, count: number, from: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { status, body } = await call('POST', '/applications', {
        ...clerk,
        body: notarisationApplication(from + i),
      });
      if (status !== 201) throw new Error(`receive answered ${status}: ${JSON.stringify(body)}`);
      await call('POST', `/applications/${body.id}/events`, { ...clerk, body: { type: 'PASS_FORM_CHECK' } });
      await call('POST', `/applications/${body.id}/events`, {
        ...clerk,
        body: { type: 'VERIFY_IDENTITY', method: 'face', passed: true },
      });
      return body.id as string;
    }),
  );
}

/** Forwards each case by courier with its own waybill. */
export async function forwardAll(call: Call, ids: string[]): Promise<void> {
  await Promise.all(
    ids.map((id, i) =>
      call('POST', `/applications/${id}/events`, {
        ...clerk,
        body: {
          type: 'FORWARD',
          channel: 'courier',
          waybillNumber: `SF8${String(Date.now()).slice(-7)}${i}`,
        },
      }),
    ),
  );
}
