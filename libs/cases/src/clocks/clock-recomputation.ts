import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClockRepository, type StoredClock } from '@app/db';
import { CaseWriter } from '../case-writer';
import { ClockKeeper } from './clock-keeper';

/** How many open clocks and cases an official year moved. */
export interface RecomputedClocks {
  clocks: number;
  cases: number;
}

/** One clock's due moment before and after an official year was entered, as the case's history records it. */
interface ClockMove {
  clockId: string;
  stage: string;
  dueDateBefore: string | null;
  dueDateAfter: string | null;
  provisionalBefore: boolean;
  provisionalAfter: boolean;
}

/**
 * Recomputes the open clocks whose due moment was computed on a provisional year once an official
 * year arrangement is entered (issue 12 item 1): each moved clock is rewritten and the case's history
 * gets one `CLOCKS_RECOMPUTED` row (signed like every row) naming each clock's due date before and
 * after, by whom; one transaction per case through the write path, so a case is never half-recomputed.
 * A paused clock has no due moment: it is scheduled on the new calendar when it resumes.
 */
@Injectable()
export class ClockRecomputation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: CaseWriter,
    private readonly keeper: ClockKeeper,
  ) {}

  /** Recomputes after `year` was entered by `by` (an admin, or the cli as `cli:<os user>`). */
  async afterOfficialYear(year: number, by: { role: string; username: string }): Promise<RecomputedClocks> {
    const provisional = await new ClockRepository(this.dataSource.manager).openProvisional();
    const caseIds = [...new Set(provisional.map((clock) => clock.caseId))];
    let clocks = 0;
    let cases = 0;
    for (const caseId of caseIds) {
      const moved = await this.recomputeCase(caseId, year, { role: by.role, id: by.username });
      clocks += moved;
      if (moved > 0) cases++;
    }
    return { clocks, cases };
  }

  /** Recomputes case `caseId`'s provisional clocks in one transaction; answers how many moved. */
  private recomputeCase(caseId: string, year: number, actor: { role: string; id: string }): Promise<number> {
    return this.writer.write(async (tx) => {
      const head = await tx.cases.loadCase(caseId, { kind: 'all' }, { lock: true });
      if (!head) return 0;
      const clocks = new ClockRepository(tx.m);
      const at = new Date();
      const moves: ClockMove[] = [];
      for (const clock of await clocks.openOfCase(caseId, 'all')) {
        if (!clock.provisional) continue;
        const schedule = await this.keeper.recomputed(tx.m, clock);
        if (!schedule) continue;
        await clocks.update(clock.id, { ...clock, ...schedule }, at);
        moves.push(moveOf(clock, schedule));
      }
      if (moves.length > 0) {
        await tx.append(head, {
          type: 'CLOCKS_RECOMPUTED',
          toState: head.state,
          payload: { year, clocks: moves },
          actor,
          occurredAt: at,
        });
      }
      return moves.length;
    });
  }
}

function moveOf(before: StoredClock, after: { dueDate: string | null; provisional: boolean }): ClockMove {
  return {
    clockId: before.id,
    stage: before.stage,
    dueDateBefore: before.dueDate,
    dueDateAfter: after.dueDate,
    provisionalBefore: before.provisional,
    provisionalAfter: after.provisional,
  };
}
