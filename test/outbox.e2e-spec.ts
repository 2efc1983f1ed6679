import { OutboxRepository, type ClaimedJob } from '@app/transfer';
import { statesTagged } from '@app/workflow';
import { CLERK, nextWaybill, notarisationApplication } from './support/fixtures';
import { startStack, type InProcessStack } from './support/stack';
import { TEST_ENV } from './support/test-env';

/**
 * The outbox as relays and the reconciler share it (no worker runs here, so the rows stay as the
 * test leaves them): a row is published once however many relays poll, a job that did not reach
 * Redis is handed back at once, and a vanished job is put back for publishing once.
 */
describe('the outbox (OutboxRepository on PostgreSQL)', () => {
  let api: InProcessStack;
  let outbox: OutboxRepository;
  beforeAll(async () => {
    api = await startStack();
    outbox = new OutboxRepository(api.dataSource.manager);
  });
  afterAll(() => api.stop());

  /**
   * A case forwarded by courier, the id of its parcel: its FORWARD sealed a parcel of its own, which
   * wrote one parcel-tracking job (and the applicant's notice a notify job).
   */
  const forwarded = async (n: number): Promise<{ caseId: string; parcelId: string }> => {
    const { body: c } = await api.call('POST', '/applications', {
      ...CLERK,
      body: notarisationApplication(n),
    });
    for (const body of [
      { type: 'PASS_FORM_CHECK' },
      { type: 'VERIFY_IDENTITY', method: 'face', passed: true },
      { type: 'FORWARD', channel: 'courier', waybillNumber: nextWaybill() },
    ]) {
      expect((await api.call('POST', `/applications/${c.id}/events`, { ...CLERK, body })).status).toBe(200);
    }
    const [{ parcel_id: parcelId }] = await api.dataSource.query(
      `SELECT parcel_id FROM transfers WHERE application_id = $1`,
      [c.id],
    );
    return { caseId: c.id, parcelId };
  };
  /** Claims every row it can (rows other test files left unpublished too), for 60 s. */
  const claimAll = () => outbox.claim(60, 10_000);
  /** The tracking rows of parcel `parcelId` among `rows`. */
  const of = (parcelId: string, rows: ClaimedJob[]) =>
    rows.filter((r) => r.payload.parcelId === parcelId && r.name === 'parcel-tracking');

  it('lets one relay at a time hold a row, and takes back at once what it could not publish', async () => {
    const { caseId, parcelId } = await forwarded(4101);
    const first = await claimAll();
    const [job] = of(parcelId, first);
    expect(job).toMatchObject({ name: 'parcel-tracking', payload: { parcelId } });
    // One job for the parcel, none for the case itself.
    expect(first.filter((r) => r.payload.applicationId === caseId && r.name !== 'notify')).toEqual([]);
    // The first look at the carrier, due by its first leg within the transit time, counted from the
    // seal (the FORWARD), not from the claim.
    expect(job.remainingMs).toBeLessThanOrEqual(Number(TEST_ENV.COURIER_TRANSIT_MS));
    const second = await claimAll(); // a second relay meanwhile: not its row
    await outbox.release(
      second.map((r) => r.id),
      [],
    );
    expect(of(parcelId, second)).toEqual([]);

    // Redis refused the job: the row is handed back, not left until the claim lapses.
    await outbox.release(
      first.map((r) => r.id),
      [],
    );
    const again = await claimAll();
    expect(of(parcelId, again)).toEqual([expect.objectContaining({ id: job.id, jobId: job.jobId })]);

    // Published this time: no relay takes it again.
    await outbox.release(
      again.map((r) => r.id),
      [job.id],
    );
    const after = await claimAll();
    await outbox.release(
      after.map((r) => r.id),
      [],
    );
    expect(of(parcelId, after)).toEqual([]);
  });

  it('names the published job each parcel with its carrier waits on, and puts a vanished one back once', async () => {
    const { caseId, parcelId } = await forwarded(4102);
    const claimed = await claimAll();
    const [job] = of(parcelId, claimed);
    // Its notices' notify rows, published with it, are never what the case waits on.
    const notify = claimed.filter((r) => r.payload.applicationId === caseId && r.name === 'notify');
    expect(notify.length).toBeGreaterThan(0);
    await outbox.release(
      claimed.map((r) => r.id),
      [job.id, ...notify.map((r) => r.id)],
    );
    // The case in its parcel waits on no job of its own: the parcel does.
    const waitingCases = await outbox.newestPublishedOfCasesIn(statesTagged('waitingOnJob'));
    expect(waitingCases.map((r) => r.id)).not.toContain(job.id);
    const waiting = await outbox.newestPublishedOfParcelsInTransit();
    expect(waiting).toContainEqual({ id: job.id, jobId: job.jobId, name: 'parcel-tracking' });

    // Two reconcilers find the job gone at once: one of them republishes it.
    expect(await Promise.all([outbox.unpublish(job.id), outbox.unpublish(job.id)])).toEqual(
      expect.arrayContaining([true, false]),
    );
    const republished = await claimAll();
    await outbox.release(
      republished.map((r) => r.id),
      [],
    );
    expect(of(parcelId, republished)).toEqual([expect.objectContaining({ id: job.id, jobId: job.jobId })]);
  });
});
