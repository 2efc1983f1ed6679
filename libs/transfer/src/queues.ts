/**
 * BullMQ queue names (the jobs on them, with their payloads: `jobs.ts`). Job ids are built here only: `outbox-<outbox job_id>`,
 * never all digits and never containing ':' (BullMQ rejects both), and never keyed by case alone,
 * so a second transfer of the same case is a new job.
 */
export const QUEUES = {
  /**
   * 邮件快递 before parcels (machine version 6): one case's originals by courier, the job delayed by
   * the transit time. Kept for the jobs planned before the upgrade; nothing plans one now.
   */
  courier: 'courier',
  /** 物流轨迹: one sealed parcel followed at its carrier, leg by leg, until delivered or lost. */
  parcelTracking: 'parcel-tracking',
  /** 扫描传送: scans sent electronically; fast. */
  scan: 'scan',
  /** 寄递纸质结果 / 网络送达: the result or refusal notice on its way to the applicant. */
  resultDelivery: 'result-delivery',
  /** Notices (issue 12 item 5): one recorded notice handed to the notification transport. */
  notify: 'notify',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const QUEUE_NAMES: readonly QueueName[] = Object.values(QUEUES);

/** The BullMQ job id for an outbox row, from its `job_id` (a UUID). */
export function jobIdForOutbox(outboxJobId: string): string {
  return `outbox-${outboxJobId}`;
}
