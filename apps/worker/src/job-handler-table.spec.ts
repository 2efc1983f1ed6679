import type { CaseEvent } from '@app/workflow';
import { HandlesJob, jobHandlerTable, type CaseEventJobHandler } from './job-handler-table';
import {
  CourierJobHandler,
  JOB_HANDLERS,
  NotifyJobHandler,
  ParcelTrackingJobHandler,
  ResultDeliveryJobHandler,
  ScanJobHandler,
} from './job.handlers';

@HandlesJob('scan')
class SecondScanHandler implements CaseEventJobHandler<'scan'> {
  eventFor({ transferId }: { transferId: string }): CaseEvent {
    return { type: 'TRANSFER_DELIVERED', transferId };
  }
}

class UndeclaredHandler implements CaseEventJobHandler<'courier'> {
  eventFor({ transferId }: { transferId: string }): CaseEvent {
    return { type: 'TRANSFER_DELIVERED', transferId };
  }
}

describe('jobHandlerTable (the worker refuses to start unless every job has exactly one handler)', () => {
  it("pairs each job of the map with the worker's one handler for it", () => {
    expect(jobHandlerTable(JOB_HANDLERS)).toEqual({
      courier: CourierJobHandler,
      'parcel-tracking': ParcelTrackingJobHandler,
      scan: ScanJobHandler,
      'result-delivery': ResultDeliveryJobHandler,
      notify: NotifyJobHandler,
    });
  });

  it('refuses a job with no handler, naming the job', () => {
    expect(() =>
      jobHandlerTable([
        CourierJobHandler,
        ParcelTrackingJobHandler,
        ResultDeliveryJobHandler,
        NotifyJobHandler,
      ]),
    ).toThrow(/^job handlers: job scan has no handler$/);
  });

  it('refuses a job with two handlers, naming the job and both handlers', () => {
    expect(() => jobHandlerTable([...JOB_HANDLERS, SecondScanHandler])).toThrow(
      'job handlers: job scan has 2 handlers (ScanJobHandler, SecondScanHandler)',
    );
  });

  it('refuses a listed handler that declares no job, and names every problem at once', () => {
    expect(() =>
      jobHandlerTable([UndeclaredHandler, CourierJobHandler, ScanJobHandler, ScanJobHandler]),
    ).toThrow(
      'job handlers: UndeclaredHandler handles no job of the job map (no @HandlesJob); ' +
        'job parcel-tracking has no handler; ' +
        'job scan has 2 handlers (ScanJobHandler, ScanJobHandler); ' +
        'job result-delivery has no handler; job notify has no handler',
    );
  });

  it('reads the job from handler instances as from classes', () => {
    const scan = new SecondScanHandler();
    const table = jobHandlerTable([
      new ResultDeliveryJobHandler(),
      scan,
      Object.create(CourierJobHandler.prototype) as CourierJobHandler,
      Object.create(ParcelTrackingJobHandler.prototype) as ParcelTrackingJobHandler,
      Object.create(NotifyJobHandler.prototype) as NotifyJobHandler,
    ]);
    expect(table.scan).toBe(scan);
  });
});
