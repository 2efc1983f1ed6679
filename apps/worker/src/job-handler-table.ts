import { JOB_NAMES, type JobName, type JobPayloads } from '@app/transfer';
import type { CaseEvent } from '@app/workflow';

/**
 * The worker's half of a job's contract: what a job of the map (`JOBS` of @app/transfer) means
 * for its case. Most jobs stand for a case event: their handler only says which one; sending it
 * (once, through CaseService) is the same for every job.
 */
export interface CaseEventJobHandler<N extends JobName = JobName> {
  /** The case event a job with payload `data` stands for; may look at the outside world (courier, scans). */
  eventFor(data: JobPayloads[N]): CaseEvent;
}

/**
 * A job that changes no case (a notice to send): its handler does the work itself, and must be
 * safe when the job is delivered twice (BullMQ is at least once).
 * @returns 'applied' when it did the work now, 'duplicate' when it had been done
 */
export interface WorkJobHandler<N extends JobName = JobName> {
  run(data: JobPayloads[N]): Promise<'applied' | 'duplicate'>;
}

/** The handler of one job: a case event's, or a job's that does its own work. */
export type JobHandler<N extends JobName = JobName> = CaseEventJobHandler<N> | WorkJobHandler<N>;

/** A handler class (constructor arguments come from Nest). */
export type JobHandlerClass<N extends JobName = JobName> = new (...args: never[]) => JobHandler<N>;

const handledJobs = new WeakMap<object, JobName>();

/** Declares its class the handler of job `name`; the class must take that job's payload type. */
export function HandlesJob<N extends JobName>(name: N): (target: JobHandlerClass<N>) => void {
  return (target) => {
    handledJobs.set(target, name);
  };
}

/** The job a handler (class or instance) declared with `@HandlesJob`, if any. */
export function handledJob(handler: object): JobName | undefined {
  return handledJobs.get(typeof handler === 'function' ? handler : handler.constructor);
}

function nameOf(handler: object): string {
  return (typeof handler === 'function' ? handler : handler.constructor).name;
}

/**
 * Pairs every job of the map with its one handler, from a list of handler classes or instances.
 * The worker checks its handlers with this before it starts, and routes jobs with its result.
 * @throws Error naming every job with no handler, every job with two or more (and which), and
 *   every listed class that declares no job; the worker then refuses to start
 */
export function jobHandlerTable<T extends object>(handlers: readonly T[]): Record<JobName, T> {
  const problems: string[] = [];
  const byJob = new Map<JobName, T[]>(JOB_NAMES.map((name) => [name, []]));
  for (const handler of handlers) {
    const job = handledJob(handler);
    if (job && byJob.has(job)) byJob.get(job)!.push(handler);
    else problems.push(`${nameOf(handler)} handles no job of the job map (no @HandlesJob)`);
  }
  for (const [job, found] of byJob) {
    if (found.length === 0) problems.push(`job ${job} has no handler`);
    if (found.length > 1)
      problems.push(`job ${job} has ${found.length} handlers (${found.map(nameOf).join(', ')})`);
  }
  if (problems.length > 0) throw new Error(`job handlers: ${problems.join('; ')}`);
  return Object.fromEntries([...byJob].map(([job, [handler]]) => [job, handler])) as Record<JobName, T>;
}
