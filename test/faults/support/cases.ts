import { notarisationApplication } from '../../support/fixtures';
import type { Call } from '../../support/http';

export const clerk = { role: 'clerk', actorId: 'clerk-fault-01' };
export const officer = { role: 'officer', actorId: 'officer-fault-01' };

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
