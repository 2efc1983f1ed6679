import type { ResultDeliveryMethod } from '@app/workflow';
import { QUEUES, type QueueName } from './queues';

/**
 * The job map: every BullMQ job the engine runs, with its queue, payload type and options. The
 * outbox rows name a job from here, the relay publishes with its options, and the worker holds
 * exactly one handler per job (checked at start). Adding a job means adding it to `JobPayloads`
 * and `JOBS`; the compiler then asks for the rest.
 */

/** Transit times, ms of wall-clock time (AppConfig): how long the simulated channels take. */
export interface TransitTimes {
  COURIER_TRANSIT_MS: number;
  SCAN_TRANSIT_MS: number;
  RESULT_MAIL_TRANSIT_MS: number;
}

/** What every job carries: which case, and which transfer row it concerns. */
export interface TransferJobData {
  applicationId: string;
  transferId: string;
}

/** 邮件快递 (planned before machine version 7 only): one case's paper originals, and its courier's waybill. */
export interface CourierJobData extends TransferJobData {
  waybillNumber?: string;
}

/** 扫描传送: the scans sent, by the SHA-256 of each page as captured at the window. */
export interface ScanJobData extends TransferJobData {
  scanDigests?: string[];
}

/**
 * 物流轨迹: sealed parcel `parcelId` followed at its carrier; the job runs after `waitMs` (ms, from its
 * outbox row's creation: when the carrier may next report a leg) and plans the next until the
 * parcel is delivered or lost.
 */
export interface ParcelTrackingJobData {
  parcelId: string;
  waitMs: number;
}

/** 寄递纸质结果 / 网络送达: the result on its way, how, and by mail its waybill. */
export interface ResultDeliveryJobData extends TransferJobData {
  method: ResultDeliveryMethod;
  waybillNumber?: string;
}

/**
 * 通知: one row of `notices` (recorded in the transaction of the change it tells of) to hand to the
 * notification transport; the job marks it sent. `noticeId` is the row's id (uuid).
 */
export interface NotifyJobData {
  applicationId: string;
  noticeId: string;
}

/**
 * Payload type of each job, by job name. Each name equals its queue's name, as BullMQ jobs and
 * outbox rows were named before the map existed, so jobs and rows written then still resolve.
 */
export interface JobPayloads {
  courier: CourierJobData;
  'parcel-tracking': ParcelTrackingJobData;
  scan: ScanJobData;
  'result-delivery': ResultDeliveryJobData;
  notify: NotifyJobData;
}

export type JobName = keyof JobPayloads;

/** A job's contract: where it runs, how often it is tried, and what it waits for before it may run. */
export interface JobDefinition<N extends JobName = JobName> {
  name: N;
  queue: QueueName;
  /** Tries before the job is left failed for the reconciler to retry. */
  attempts: number;
  /** Wait between tries: `delay` ms, doubled after each failure. */
  backoff: { type: 'exponential'; delay: number };
  /** The delay source: ms the job waits, counted from its outbox row's creation. */
  delayMs(times: TransitTimes, data: JobPayloads[N]): number;
}

/** Every job is tried 8 times, 0.5 s apart and doubling (about 1 min in all) before the reconciler's turn. */
const RETRIED = { attempts: 8, backoff: { type: 'exponential', delay: 500 } } as const;

/** The job map: each job's name, queue, options and delay source. */
export const JOBS: { readonly [N in JobName]: JobDefinition<N> } = {
  courier: { name: 'courier', queue: QUEUES.courier, ...RETRIED, delayMs: (t) => t.COURIER_TRANSIT_MS },
  'parcel-tracking': {
    name: 'parcel-tracking',
    queue: QUEUES.parcelTracking,
    ...RETRIED,
    delayMs: (_t, { waitMs }) => waitMs,
  },
  scan: { name: 'scan', queue: QUEUES.scan, ...RETRIED, delayMs: (t) => t.SCAN_TRANSIT_MS },
  'result-delivery': {
    name: 'result-delivery',
    queue: QUEUES.resultDelivery,
    ...RETRIED,
    delayMs: (t, { method }) => (method === 'mail' ? t.RESULT_MAIL_TRANSIT_MS : t.SCAN_TRANSIT_MS),
  },
  notify: { name: 'notify', queue: QUEUES.notify, ...RETRIED, delayMs: () => 0 },
};

/**
 * Jobs no single case waits on: a notice tells people of a change and never moves a case; a
 * parcel's tracking job concerns a parcel (the reconciler looks for it by parcel). The reconciler's
 * look for the job a case in a `waitingOnJob` state waits on passes their rows by.
 */
export const JOBS_NO_CASE_WAITS_ON: readonly JobName[] = ['notify', 'parcel-tracking'];

/** Plans a `notify` job for notice `noticeId` of case `applicationId`: sent at once (its delay source is 0). */
export function planNotify(applicationId: string, noticeId: string): PlannedJob<'notify'> {
  return { name: 'notify', data: { applicationId, noticeId }, delayMs: 0 };
}

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** Whether `name` (an outbox row's or a BullMQ job's) is a job of the map. */
export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

/**
 * The job's definition by name.
 * @throws Error for a name that is not in the map (an outbox row from a newer or older release)
 */
export function jobDefinition(name: string): JobDefinition {
  if (!isJobName(name)) throw new Error(`unknown job ${name}`);
  return JOBS[name];
}

/** A job to write to the outbox: its name, payload and the delay its definition gives. */
export interface PlannedJob<N extends JobName = JobName> {
  name: N;
  data: JobPayloads[N];
  delayMs: number;
}

/** Plans job `name` with payload `data`, its delay taken from the map's delay source. */
export function planJob<N extends JobName>(
  name: N,
  data: JobPayloads[N],
  times: TransitTimes,
): PlannedJob<N> {
  return { name, data, delayMs: (JOBS[name] as JobDefinition<N>).delayMs(times, data) };
}

/**
 * The BullMQ options of a job published from the outbox: its id (`outbox-<uuid>`, see
 * `jobIdForOutbox`), the delay left (ms), and the map's attempts and backoff. Completed jobs are
 * kept a week, failed ones until the reconciler retries them.
 */
export function publishOptions(def: JobDefinition, jobId: string, delayMs: number) {
  return {
    jobId,
    delay: Math.max(0, delayMs),
    attempts: def.attempts,
    backoff: def.backoff,
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: false,
  };
}
