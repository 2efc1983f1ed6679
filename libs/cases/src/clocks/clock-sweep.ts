import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Conflict, type ConflictReason } from '@app/common';
import { ClockRepository, type ClockMark, type StoredClock } from '@app/db';
import { statesTagged, type CaseEvent } from '@app/workflow';
import { systemActor } from '../actor';
import { CaseService } from '../case.service';
import { recordClockNotice, type Office } from '../notices';

/** What one sweep did. */
export interface SweepResult {
  /** Warnings raised (80 % of a clock's working days used). */
  warned: number;
  /** Overdue marks raised (a clock's due moment passed). */
  overdue: number;
  /** Cases deemed accepted (行政许可法 art. 32). */
  deemedAccepted: number;
  /** Cases deemed withdrawn for a supplement not handed in (SUPPLEMENT_EXPIRY `withdraw`). */
  withdrawn: number;
}

/** Clocks marked per transaction. */
const BATCH = 100;

/** Conflicts that mean the case moved on since the sweep read the clock: nothing to do. */
const MOVED_ON: ReadonlySet<ConflictReason> = new Set<ConflictReason>([
  'event_not_allowed',
  'stale_deadline',
  'stale_version',
  'manual_handling',
]);

/**
 * The periodic sweep over the clocks (DESIGN "Clocks"), safe when several workers run it at the same
 * moment:
 * - warnings and overdue marks are raised once each: clocks are taken with FOR UPDATE SKIP LOCKED and
 *   each mark is set only where it is not (ClockRepository.markRaised); the office it concerns is told
 *   by a notice in the same transaction (recordClockNotice, once per clock, mark and due moment: a mark
 *   cleared by a later due moment and raised again is told again);
 * - a case whose running acceptance clock is due while it awaits acceptance is deemed accepted
 *   (DEEM_ACCEPTED, 行政许可法 art. 32: 逾期不告知的，自收到申请材料之日起即为受理) through the write path,
 *   as the system, with the event id `deem-accepted:<clock id>`: two sweeps sending it at once apply it
 *   once (the second finds the event id seen, or the case moved on);
 * - with SUPPLEMENT_EXPIRY `withdraw`, a case whose applicant's supplement clock is due is withdrawn
 *   (视为撤回申请), once, likewise.
 */
@Injectable()
export class ClockSweep {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseService,
    private readonly config: AppConfig,
  ) {}

  /**
   * One pass. Marks are raised as of `asOf` (default now: a later moment shows what would be raised
   * then, as the demo does); deemed acceptance and withdrawal only for clocks due by now, since the
   * write path checks the clock against the moment it applies the event.
   */
  async sweep(asOf: Date = new Date()): Promise<SweepResult> {
    const marks = await this.raiseMarks(asOf);
    const now = new Date();
    const deemedAccepted = await this.sendForDue(
      'acceptance',
      statesTagged('acceptancePending'),
      now,
      (clock) => ({
        event: { type: 'DEEM_ACCEPTED', clockId: clock.id },
        eventId: `deem-accepted:${clock.id}`,
      }),
    );
    const withdrawn =
      this.config.SUPPLEMENT_EXPIRY === 'withdraw'
        ? await this.sendForDue('supplement', statesTagged('supplementOpen'), now, (clock) => ({
            event: { type: 'WITHDRAW', reason: '逾期未补正材料，视为撤回申请' },
            eventId: `supplement-expired:${clock.id}`,
          }))
        : 0;
    return { ...marks, deemedAccepted, withdrawn };
  }

  /** Raises the warnings and overdue marks due at `asOf`, a batch per transaction. */
  private async raiseMarks(asOf: Date): Promise<Pick<SweepResult, 'warned' | 'overdue'>> {
    const raised = { warned: 0, overdue: 0 };
    for (;;) {
      const found = await this.dataSource.transaction(async (m) => {
        const clocks = new ClockRepository(m);
        const due = await clocks.marksDue(asOf, BATCH);
        for (const mark of due) {
          if (!(await clocks.markRaised(mark.clock.id, mark.kind, asOf))) continue;
          raised[mark.kind]++;
          await recordClockNotice(m, {
            clockId: mark.clock.id,
            caseId: mark.clock.caseId,
            kind: mark.kind,
            stage: mark.clock.stage,
            party: mark.clock.party,
            dueAt: mark.clock.dueAt!,
            provisional: mark.clock.provisional,
            office: officeTold(mark),
          });
        }
        return new Set(due.map(({ clock }) => clock.id)).size;
      });
      if (found < BATCH) return raised;
    }
  }

  /** Sends each due clock's event through the write path as the system; answers how many applied. */
  private async sendForDue(
    stage: string,
    states: readonly string[],
    now: Date,
    eventOf: (clock: StoredClock) => { event: CaseEvent; eventId: string },
  ): Promise<number> {
    const due = await new ClockRepository(this.dataSource.manager).dueInStates(stage, states, now);
    let applied = 0;
    for (const clock of due) {
      const { event, eventId } = eventOf(clock);
      try {
        const result = await this.cases.apply(clock.caseId, event, systemActor('clock-sweep'), { eventId });
        if (!result.duplicate) applied++;
      } catch (e) {
        if (!(e instanceof Conflict && MOVED_ON.has(e.reason))) throw e;
      }
    }
    return applied;
  }
}

/**
 * Who is told of a clock's warning or overdue mark: the home jurisdiction for its own clocks, the
 * window for the window's and for the applicant's supplement (the window takes the supplement in).
 */
function officeTold(mark: ClockMark): Office {
  return mark.clock.party === 'homeJurisdiction'
    ? { kind: 'jurisdiction', code: mark.jurisdictionCode }
    : { kind: 'window', code: mark.windowCode };
}
