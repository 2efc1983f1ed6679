import type { ResultDeliveryMethod, TransferChannel } from '@app/workflow';
import { QUEUES, type QueueName } from './queues';

/** Transit times, ms of wall-clock time (AppConfig's *_TRANSIT_MS). */
export interface TransitTimes {
  COURIER_TRANSIT_MS: number;
  SCAN_TRANSIT_MS: number;
  RESULT_MAIL_TRANSIT_MS: number;
}

/** Which queue carries a movement of papers and after how many ms the job may run. */
export interface TransferPlan {
  queue: QueueName;
  delayMs: number;
}

/** Plans a forward transfer: courier waits the courier transit time, scan the scan time. */
export function planForward(channel: TransferChannel, times: TransitTimes): TransferPlan {
  return channel === 'courier'
    ? { queue: QUEUES.courier, delayMs: times.COURIER_TRANSIT_MS }
    : { queue: QUEUES.scan, delayMs: times.SCAN_TRANSIT_MS };
}

/** Plans a result delivery: mail waits the mail transit time, online the scan time. */
export function planResultDelivery(method: ResultDeliveryMethod, times: TransitTimes): TransferPlan {
  return {
    queue: QUEUES.resultDelivery,
    delayMs: method === 'mail' ? times.RESULT_MAIL_TRANSIT_MS : times.SCAN_TRANSIT_MS,
  };
}
