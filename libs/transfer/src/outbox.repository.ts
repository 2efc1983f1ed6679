import type { EntityManager } from 'typeorm';
import { OutboxEntity } from '@app/db';
import { JOBS_NO_CASE_WAITS_ON, type PlannedJob } from './jobs';

/** An outbox row a relay holds: the job to add and the time left of its delay. */
export interface ClaimedJob {
  /** The row's id (bigint, as text). */
  id: string;
  /** Makes the BullMQ job id (`jobIdForOutbox`). */
  jobId: string;
  /** The job's name in the job map (the `queue` column; see OutboxEntity). */
  name: string;
  payload: Record<string, unknown>;
  /** What is left of the row's delay, counted from the row's creation, ms; negative when past. */
  remainingMs: number;
}

/** A published outbox row: the job a case waits on. */
export interface PublishedJob {
  id: string;
  jobId: string;
  name: string;
}

/**
 * The `outbox` table: jobs written in the transaction of the state change that planned them and
 * published to BullMQ by the worker's relay after commit (DESIGN: never add a job inside an open
 * transaction). Works through `m`, the caller's transaction manager or the data source's.
 */
export class OutboxRepository {
  constructor(private readonly m: EntityManager) {}

  /** Writes `job` for its case (`data.applicationId`) or parcel (`data.parcelId`), unpublished, to be added after commit. */
  async add(job: PlannedJob): Promise<void> {
    const { name, data, delayMs } = job;
    const row = this.m.create(OutboxEntity, {
      caseId: 'applicationId' in data ? data.applicationId : null,
      parcelId: 'parcelId' in data ? data.parcelId : null,
      queue: name,
      payload: data,
      delayMs,
    });
    await this.m.insert(OutboxEntity, row);
  }

  /**
   * Claims up to `limit` unpublished rows that no live claim holds, oldest first, for `seconds`:
   * one statement (`FOR UPDATE SKIP LOCKED`), so several relays share the rows and a relay that
   * dies lets its claim lapse.
   */
  async claim(seconds: number, limit: number): Promise<ClaimedJob[]> {
    const rows: {
      id: string;
      job_id: string;
      queue: string;
      payload: Record<string, unknown>;
      remaining_ms: string;
    }[] = await this.m.query(
      `WITH claimed AS (
           UPDATE outbox o SET claimed_until = now() + make_interval(secs => $1)
            WHERE o.id IN (SELECT id FROM outbox
                            WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                            ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING o.id, o.job_id, o.queue, o.payload, o.created_at, o.delay_ms)
         SELECT id::text AS id, job_id, queue, payload,
                (extract(epoch FROM (created_at + make_interval(secs => delay_ms / 1000.0) - now())) * 1000)::bigint::text
                  AS remaining_ms
           FROM claimed ORDER BY id`,
      [seconds, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      jobId: r.job_id,
      name: r.queue,
      payload: r.payload,
      remainingMs: Number(r.remaining_ms),
    }));
  }

  /**
   * Ends the claim on rows `claimed`: those in `published` are marked published now, the others
   * are handed back at once (unpublished, unclaimed) instead of after the claim lapses.
   */
  async release(claimed: string[], published: string[]): Promise<void> {
    await this.m.query(
      `UPDATE outbox SET published_at = CASE WHEN id = ANY($1::bigint[]) THEN now() END, claimed_until = NULL
        WHERE id = ANY($2::bigint[])`,
      [published, claimed],
    );
  }

  /**
   * For each case in one of `states`, its newest published outbox row of a job a case can wait on:
   * the job the case waits on (the transition into a waiting state writes exactly one such row;
   * `notify` rows written beside it are passed by, JOBS_NO_CASE_WAITS_ON).
   */
  async newestPublishedOfCasesIn(states: readonly string[]): Promise<PublishedJob[]> {
    const rows: { id: string; job_id: string; queue: string }[] = await this.m.query(
      `SELECT DISTINCT ON (o.application_id) o.id::text AS id, o.job_id, o.queue
         FROM outbox o JOIN applications a ON a.id = o.application_id
        WHERE a.state = ANY($1) AND o.published_at IS NOT NULL AND o.queue <> ALL($2)
        ORDER BY o.application_id, o.id DESC`,
      [states, JOBS_NO_CASE_WAITS_ON],
    );
    return rows.map((r) => ({ id: r.id, jobId: r.job_id, name: r.queue }));
  }

  /**
   * For every parcel with its carrier (sealed), its newest published outbox row: the tracking job
   * it waits on (each look plans the next, so the newest is the live one).
   */
  async newestPublishedOfParcelsInTransit(): Promise<PublishedJob[]> {
    const rows: { id: string; job_id: string; queue: string }[] = await this.m.query(
      `SELECT DISTINCT ON (o.parcel_id) o.id::text AS id, o.job_id, o.queue
         FROM outbox o JOIN parcels p ON p.id = o.parcel_id
        WHERE p.status = 'sealed' AND o.published_at IS NOT NULL
        ORDER BY o.parcel_id, o.id DESC`,
    );
    return rows.map((r) => ({ id: r.id, jobId: r.job_id, name: r.queue }));
  }

  /**
   * Marks published row `id` unpublished, so the relay adds its job again under the same job id.
   * False when it was not published (another worker did it first).
   */
  async unpublish(id: string): Promise<boolean> {
    const [, changed] = await this.m.query<[unknown[], number]>(
      `UPDATE outbox SET published_at = NULL, claimed_until = NULL WHERE id = $1 AND published_at IS NOT NULL`,
      [id],
    );
    return changed === 1;
  }
}
