import { JOB_NAMES, JOBS, jobDefinition, planJob, publishOptions, QUEUE_NAMES, type TransitTimes } from '.';

const times: TransitTimes = {
  COURIER_TRANSIT_MS: 1000,
  SCAN_TRANSIT_MS: 20,
  RESULT_MAIL_TRANSIT_MS: 300,
};
const transfer = { applicationId: 'a', transferId: 't' };

describe('the job map', () => {
  it('names each job as its key, on a queue that exists', () => {
    for (const name of JOB_NAMES) {
      expect(JOBS[name].name).toBe(name);
      expect(QUEUE_NAMES).toContain(JOBS[name].queue);
    }
  });

  it("takes each job's delay from its transit time setting", () => {
    expect(planJob('courier', { ...transfer, waybillNumber: 'SF1' }, times).delayMs).toBe(1000);
    // A parcel's next look at its carrier: when the carrier said its next leg is due, not a fixed time.
    expect(planJob('parcel-tracking', { parcelId: 'p', waitMs: 250 }, times).delayMs).toBe(250);
    expect(planJob('scan', transfer, times).delayMs).toBe(20);
    expect(planJob('result-delivery', { ...transfer, method: 'mail' }, times).delayMs).toBe(300);
    expect(planJob('result-delivery', { ...transfer, method: 'online' }, times).delayMs).toBe(20);
    expect(planJob('notify', { applicationId: 'a', noticeId: 'n' }, times).delayMs).toBe(0);
  });

  it('publishes with the outbox job id, the time left, and the attempts and backoff of the map', () => {
    expect(publishOptions(JOBS.courier, 'outbox-x', -5)).toMatchObject({
      jobId: 'outbox-x',
      delay: 0,
      attempts: 8,
      backoff: { type: 'exponential', delay: 500 },
    });
  });

  it('refuses a job name it does not know', () => {
    expect(() => jobDefinition('fax')).toThrow('unknown job fax');
  });
});
