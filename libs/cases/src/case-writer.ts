import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { staleVersion } from './case-errors';
import { CaseRepository, type CaseHead, type HistoryEntry } from './case.repository';
import { once, type AnswerCodec, type IdempotencyRequest } from './idempotency';
import { recordCaseNotices } from './notices/record-notices';

/** One transaction of the write path: the case repository bound to it, and `append`. */
export class CaseWrite {
  constructor(
    /** The transaction's manager, for what lies outside the case aggregate (transfers, outbox, catalogue, key ring). */
    readonly m: EntityManager,
    /** The case repository inside this transaction. */
    readonly cases: CaseRepository,
  ) {}

  /**
   * Appends `entry` to the history of case `head` (chained to its last row, signed under
   * AUDIT_KEY) and moves the case to its next version, in one statement (CaseRepository.append);
   * then records the notice the row calls for (NOTICE_RULES: the applicant's SMS, the home
   * jurisdiction's e-mail) and its `notify` job, in the same transaction (recordCaseNotices).
   * @returns the case's head after it
   * @throws Conflict (409 stale_version) the case is no longer at `head.version`: another command
   *   changed it since it was read (the whole transaction rolls back)
   */
  async append(head: CaseHead, entry: HistoryEntry): Promise<CaseHead> {
    const hash = await this.cases.append(head, entry);
    if (hash === null) {
      const now = await this.cases.headOf(head.id);
      throw staleVersion(head.version, now.version, now.state);
    }
    const moved = {
      ...head,
      state: entry.toState,
      snapshot: entry.snapshot ?? head.snapshot,
      version: head.version + 1,
      lastHash: hash,
    };
    await recordCaseNotices(this.m, this.cases, moved, entry);
    return moved;
  }
}

/**
 * The one write path of a case (DESIGN invariants 1–4): receiving it, an event, a scan uploaded,
 * an evaluation given. Each is ONE transaction that first inserts its Idempotency-Key row (`once`:
 * a retry gets the stored answer and writes nothing), then runs the command, which reads the case
 * through the transaction's CaseRepository, writes its own rows and appends exactly one row to
 * the case's hash-chained history with `CaseWrite.append`. Nothing touches Redis inside: jobs
 * leave through the outbox after commit.
 */
@Injectable()
export class CaseWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  /** The data source's manager, for reads outside a write (catalogue names for a printed document). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Runs `command` in one transaction, once per `idempotency` key (`codec`: how its answer is kept
   * for a retry, see AnswerCodec).
   * @throws RequestMismatch (422) the Idempotency-Key was used with another request; and whatever
   *   `command` throws (the transaction rolls back)
   */
  write<T>(
    command: (tx: CaseWrite) => Promise<T>,
    idempotency?: IdempotencyRequest,
    codec?: AnswerCodec<T>,
  ): Promise<T> {
    return this.dataSource.transaction((m) =>
      once(m, idempotency, () => command(new CaseWrite(m, this.cases.within(m))), codec),
    );
  }
}
