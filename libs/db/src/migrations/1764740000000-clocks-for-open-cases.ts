import type { MigrationInterface, QueryRunner } from 'typeorm';
import { clockPeriod, WorkingDayCalendar, type ClockPauseInterval } from '@app/calendar';

/** An open case as this migration reads it: its state, receipt, item limits and the moments of its last steps. */
interface OpenCase {
  id: string;
  state: string;
  received_at: Date;
  decision_working_days: number;
  /** The latest event of each type that started what the case waits for now. */
  accepted_at: Date | null;
  decided_at: Date | null;
  supplement_requested_at: Date | null;
  supplement_items: string | null;
  correction_requested_at: Date | null;
  correction_missing: string | null;
}

/** A clock to insert: running, or paused since `pausedSince`. */
interface Backfill {
  stage: string;
  party: string;
  startedAt: Date;
  workingDays: number;
  paused?: { since: Date; cause: string; reason: string };
}

/**
 * Issue 12: cases already open when the clocks arrive get the clocks their state implies, counted
 * from the history's moments on the law's calendar (official years stored, then `chinese-days`, then
 * the provisional rules), so none is left without a time limit (and a case awaiting acceptance is still
 * deemed accepted, as the removed deadline job did). The budgets and states are those of this release
 * (machine version 6), frozen here: the window's forwarding 1 and acceptance 5 working days from
 * receipt (行政许可法 art. 32), the applicant's supplement 20, the decision the item's promise or
 * statutory limit from acceptance (art. 42), the dispatch 10 from the decision (art. 44). A case
 * waiting on the applicant (a correction or a supplement) gets the clocks it waits with paused since
 * that request. Cases that already have a clock (the acceptance clocks the previous migration
 * converted) are left alone.
 */
export class ClocksForOpenCases1764740000000 implements MigrationInterface {
  name = 'ClocksForOpenCases1764740000000';

  async up(q: QueryRunner): Promise<void> {
    const official: { year: number; holidays: string[]; adjusted: string[] }[] = await q.query(
      `SELECT year,
              ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) d) AS holidays,
              ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(adjusted_working_days) d) AS adjusted
         FROM calendar_years`,
    );
    const calendar = new WorkingDayCalendar({
      official: official.map((y) => ({
        year: y.year,
        holidays: y.holidays,
        adjustedWorkingDays: y.adjusted,
        source: 'official' as const,
      })),
    });
    const last = (types: string) =>
      `(SELECT max(e.occurred_at) FROM case_events e WHERE e.application_id = a.id AND e.type IN (${types}))`;
    const lastPayload = (type: string, field: string) =>
      `(SELECT e.payload->>'${field}' FROM case_events e WHERE e.application_id = a.id AND e.type = '${type}'
         ORDER BY e.seq DESC LIMIT 1)`;
    const cases: OpenCase[] = await q.query(
      `SELECT a.id, a.state, a.created_at AS received_at,
              coalesce(i.promised_limit_working_days, i.time_limit_working_days) AS decision_working_days,
              ${last(`'ACCEPT', 'DEEM_ACCEPTED'`)} AS accepted_at,
              ${last(`'APPROVE', 'DENY', 'REFUSE'`)} AS decided_at,
              ${last(`'REQUEST_SUPPLEMENT'`)} AS supplement_requested_at,
              ${lastPayload('REQUEST_SUPPLEMENT', 'items')} AS supplement_items,
              ${last(`'FAIL_FORM_CHECK'`)} AS correction_requested_at,
              ${lastPayload('FAIL_FORM_CHECK', 'missing')} AS correction_missing
         FROM applications a JOIN service_items i ON i.code = a.item_code
        WHERE a.state NOT IN ('resultDispatched', 'resultDelivered', 'withdrawn')
          AND NOT EXISTS (SELECT 1 FROM clocks c WHERE c.application_id = a.id)`,
    );
    for (const c of cases) {
      for (const clock of clocksFor(c)) await insert(q, calendar, c.id, clock);
    }
  }

  down(): Promise<void> {
    // The clocks started here cannot be told from those the cases started since; they go with the
    // table when the previous migration is reverted.
    return Promise.resolve();
  }
}

/** The clocks an open case of `c.state` waits with (machine version 6's states before v6 added any). */
function clocksFor(c: OpenCase): Backfill[] {
  const window = (workingDays: number, stage: string): Backfill => ({
    stage,
    party: stage === 'acceptance' ? 'homeJurisdiction' : 'window',
    startedAt: c.received_at,
    workingDays,
  });
  switch (c.state) {
    case 'received':
    case 'formChecked':
    case 'identityVerified':
    case 'transferException':
      return [window(1, 'forward'), window(5, 'acceptance')];
    case 'forwarded.inTransit':
    case 'forwarded.awaitingAcceptance':
      return [window(5, 'acceptance')];
    case 'returnedForCorrection': {
      const paused = {
        since: c.correction_requested_at!,
        cause: 'correction',
        reason: c.correction_missing ?? '',
      };
      return [
        { ...window(1, 'forward'), paused },
        { ...window(5, 'acceptance'), paused },
      ];
    }
    case 'supplementRequested':
      return [
        {
          ...window(5, 'acceptance'),
          paused: {
            since: c.supplement_requested_at!,
            cause: 'supplement',
            reason: c.supplement_items ?? '',
          },
        },
        { stage: 'supplement', party: 'applicant', startedAt: c.supplement_requested_at!, workingDays: 20 },
      ];
    case 'accepted.processing':
      return [
        {
          stage: 'decision',
          party: 'homeJurisdiction',
          startedAt: c.accepted_at!,
          workingDays: c.decision_working_days,
        },
      ];
    case 'accepted.concluded':
    case 'refused':
      return [
        { stage: 'resultDispatch', party: 'homeJurisdiction', startedAt: c.decided_at!, workingDays: 10 },
      ];
    default:
      return [];
  }
}

/** Inserts clock `b` of case `caseId`, its schedule computed on `calendar` (none while paused). */
async function insert(
  q: QueryRunner,
  calendar: WorkingDayCalendar,
  caseId: string,
  b: Backfill,
): Promise<void> {
  if (!b.startedAt) return;
  const pauses: (ClockPauseInterval & { cause: string; reason: string })[] = b.paused
    ? [{ from: b.paused.since, to: null, cause: b.paused.cause, reason: b.paused.reason }]
    : [];
  const running = clockPeriod(calendar, { startedAt: b.startedAt, workingDays: b.workingDays, pauses: [] })!;
  const period = b.paused ? null : running;
  await q.query(
    `INSERT INTO clocks (application_id, stage, party, status, started_at, budget_working_days, pauses,
                         counted_from, due_date, due_at, warn_at, provisional)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      caseId,
      b.stage,
      b.party,
      b.paused ? 'paused' : 'running',
      b.startedAt,
      b.workingDays,
      JSON.stringify(pauses),
      running.countedFrom,
      period?.dueDate ?? null,
      period?.dueAt ?? null,
      period?.warnAt ?? null,
      running.provisional,
    ],
  );
}
