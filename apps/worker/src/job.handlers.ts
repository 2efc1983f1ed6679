import { Injectable } from '@nestjs/common';
import { NoticeDelivery, ParcelTracking } from '@app/cases';
import {
  describeScanMismatch,
  firstScanMismatch,
  type CourierJobData,
  type NotifyJobData,
  type ParcelTrackingJobData,
  type ResultDeliveryJobData,
  type ScanJobData,
} from '@app/transfer';
import type { CaseEvent } from '@app/workflow';
import { HandlesJob, type CaseEventJobHandler, type WorkJobHandler } from './job-handler-table';
import { LocalScanChannel } from './local-scan-channel';

/**
 * 邮件快递 planned before machine version 7 (one case's originals, no parcel): delivered after its
 * transit time, as it was then. Nothing plans this job now; it runs out with the upgrade.
 */
@Injectable()
@HandlesJob('courier')
export class CourierJobHandler implements CaseEventJobHandler<'courier'> {
  eventFor({ transferId }: CourierJobData): CaseEvent {
    return { type: 'TRANSFER_DELIVERED', transferId };
  }
}

/** 物流轨迹: one look at a sealed parcel's carrier (ParcelTracking.follow), which plans the next. */
@Injectable()
@HandlesJob('parcel-tracking')
export class ParcelTrackingJobHandler implements WorkJobHandler<'parcel-tracking'> {
  constructor(private readonly tracking: ParcelTracking) {}
  run({ parcelId }: ParcelTrackingJobData): Promise<'applied' | 'duplicate'> {
    return this.tracking.follow(parcelId);
  }
}

/** 扫描传送: the scans have reached the home jurisdiction, which re-hashes every page. */
@Injectable()
@HandlesJob('scan')
export class ScanJobHandler implements CaseEventJobHandler<'scan'> {
  constructor(private readonly channel: LocalScanChannel) {}

  eventFor({ transferId, scanDigests = [] }: ScanJobData): CaseEvent {
    const mismatch = firstScanMismatch(scanDigests, this.channel.receivedDigests(scanDigests));
    return mismatch
      ? { type: 'TRANSFER_FAILED', transferId, reason: describeScanMismatch(mismatch) }
      : { type: 'TRANSFER_DELIVERED', transferId };
  }
}

/** 寄递 / 网络送达: the result or the refusal notice has reached the applicant. */
@Injectable()
@HandlesJob('result-delivery')
export class ResultDeliveryJobHandler implements CaseEventJobHandler<'result-delivery'> {
  eventFor({ transferId }: ResultDeliveryJobData): CaseEvent {
    return { type: 'RESULT_DELIVERED', transferId };
  }
}

/**
 * 通知: hands a recorded notice to the notification transport and marks it sent (NoticeDelivery);
 * a notice sent before (the job delivered twice) is not sent again.
 */
@Injectable()
@HandlesJob('notify')
export class NotifyJobHandler implements WorkJobHandler<'notify'> {
  constructor(private readonly notices: NoticeDelivery) {}

  async run({ noticeId }: NotifyJobData): Promise<'applied' | 'duplicate'> {
    return (await this.notices.deliver(noticeId)) === 'sent' ? 'applied' : 'duplicate';
  }
}

/** The worker's job handlers, one per job of the map (checked at start: `jobHandlerTable`). */
export const JOB_HANDLERS = [
  CourierJobHandler,
  ParcelTrackingJobHandler,
  ScanJobHandler,
  ResultDeliveryJobHandler,
  NotifyJobHandler,
];
