import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { CaseService } from '@app/cases';
import { Conflict, NotFound } from '@app/common';
import type { TransferJobData } from '@app/transfer';
import { sendJobEvent } from './send-job-event';

/** A CaseService whose apply refuses with `error`: only sendJobEvent's reading of it is under test. */
const refusing = (error: Error) => ({ apply: () => Promise.reject(error) }) as unknown as CaseService;
const job = { id: 'job-1', queueName: 'courier', data: { applicationId: 'case-1' } } as Job<TransferJobData>;
const logger = new Logger('test');
const send = (error: Error) => sendJobEvent(refusing(error), job, { type: 'DISPATCHED' } as never, logger);

describe('sendJobEvent', () => {
  beforeAll(() => jest.spyOn(logger, 'log').mockImplementation(() => undefined));

  it.each(['event_not_allowed', 'transfer_not_in_transit', 'stale_deadline', 'manual_handling'] as const)(
    'treats a Conflict for %s (the case moved on) as done',
    async (reason) => {
      await expect(send(new Conflict(reason, 'refused'))).resolves.toBe('ignored');
    },
  );

  it('rethrows any other Conflict (a stale version is retried)', async () => {
    const stale = new Conflict('stale_version', 'case was changed meanwhile');
    await expect(send(stale)).rejects.toBe(stale);
  });

  it('matches by class, not by text: an error that only says event_not_allowed is rethrown', async () => {
    const other = new Error('event_not_allowed');
    await expect(send(other)).rejects.toBe(other);
    const notFound = new NotFound('case', 'event_not_allowed');
    await expect(send(notFound)).rejects.toBe(notFound);
  });
});
