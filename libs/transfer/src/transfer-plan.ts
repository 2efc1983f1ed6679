import type { ResultDeliveryMethod, TransferChannel } from '@app/workflow';
import { QUEUES, type QueueName } from './queues';

/** Transit times and the acceptance period, ms of wall-clock time (AppConfig). */
export interface TransitTimes {
  COURIER_TRANSIT_MS: number;
  SCAN_TRANSIT_MS: number;
  RESULT_MAIL_TRANSIT_MS: number;
  ACCEPTANCE_PERIOD_MS: number;
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

/** Plans the deemed-acceptance deadline: the acceptance period counted from arrival. */
export function planAcceptanceDeadline(times: TransitTimes): TransferPlan {
  return { queue: QUEUES.deadlines, delayMs: times.ACCEPTANCE_PERIOD_MS };
}
