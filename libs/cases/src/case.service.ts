import { Injectable } from '@nestjs/common';
import { AppConfig, assertHolderActs, assertMay } from '@app/common';
import {
  allowedEvents,
  explainRefusal,
  persistSnapshot,
  restoreSnapshot,
  stepCase,
  takesEvent,
  UnknownSnapshotError,
  type CaseEvent,
  type CaseEventType,
  type CaseSnapshot,
} from '@app/workflow';
import type { Actor } from './actor';
import { caseNotFound, eventNotAllowed, needsManualHandling, staleVersion } from './case-errors';
import { carryOutEffects } from './case-effect.handlers';
import { ClockKeeper } from './clocks/clock-keeper';
import { Custody } from './custody/custody';
import type { CaseHead } from './case.repository';
import { CaseWriter, type CaseWrite } from './case-writer';
import type { IdempotencyRequest } from './idempotency';
import { completeEvent, isScanTransfer } from './scan.service';

/** Options of one command on a case. */
export interface ApplyOptions {
  /** Unique per case; a second event with the same id is a duplicate and changes nothing. */
  eventId?: string;
  /** The version the caller saw; when given and not current, 409 stale_version. */
  expectedVersion?: number;
  /** A client's Idempotency-Key: a retry gets the first answer and writes nothing. */
  idempotency?: IdempotencyRequest;
}

/**
 * An event as a caller hands it to `CaseService.apply`: the event itself (jobs, tracking), or a
 * request body's event type with the function that reads the rest of the body as that event,
 * called only once the actor may send the type: a body is refused for its sender (403) before its
 * payload is judged (400).
 */
export type EventToApply = CaseEvent | { type: CaseEventType; read: () => CaseEvent };

/** What a command answers: the case's state after it and what the caller may do next. */
export interface ApplyResult {
  id: string;
  caseNumber: string;
  state: string;
  version: number;
  allowedEvents: CaseEventType[];
  /** True when the event id had been applied before: nothing was written this time. */
  duplicate: boolean;
}

/**
 * The events of a case (DESIGN invariants 1–3), for HTTP commands and queue jobs alike, through
 * the one write path (CaseWriter): in ONE transaction, load the case with its last history hash →
 * complete the event from stored rows (the scans a scan transfer carries) → step the machine →
 * append its history row and move the case to the new state and version (one statement, only
 * when the version still matches) → carry out the transition's effects (materials handed in,
 * transfers settled or started, outbox rows). Queue jobs are published by the worker's outbox relay after commit, never from inside
 * this transaction.
 */
@Injectable()
export class CaseService {
  constructor(
    private readonly writer: CaseWriter,
    private readonly config: AppConfig,
    private readonly clocks: ClockKeeper,
    private readonly custody: Custody,
  ) {}

  /**
   * Applies `event` to case `caseId` on behalf of `actor`, within the actor's scope. The role
   * is checked first (the policy, `assertMay`), before the event's payload is read: a role that may
   * not send the event (a supervisor sends none) gets the same 403 for every case id, so the answer
   * tells nothing about the case.
   * @throws NotAllowed (403) the actor's role may not send this event type
   * @throws what `event.read` throws before anything else is read (the api: 400 naming each wrong field)
   * @throws NotFound (404) unknown case, or a case outside the actor's scope (the same answer)
   * @throws Conflict (409) the machine refuses the event (details.allowedEvents), the case
   *   changed meanwhile (stale_version), another officer holds it (claimed_by_other, naming the
   *   holder: a claimed case's actions are its holder's), its snapshot needs manual handling, or its waybill names
   *   another transfer (waybill_in_use)
   * @throws RequestMismatch (422) the Idempotency-Key was used with another request
   */
  async apply(
    caseId: string,
    event: EventToApply,
    actor: Actor,
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    assertMay(actor, event.type);
    const sent = 'read' in event ? event.read() : event;
    return this.writer.write((tx) => this.applyIn(tx, caseId, sent, actor, options), options.idempotency);
  }

  /**
   * Applies `event` to case `caseId` inside the caller's write `tx` (one transaction for several
   * cases: a parcel sealed or checked in), as `apply` does but for the Idempotency-Key, which is
   * the caller's. Throws what `apply` throws; the caller's transaction must then end, unless it
   * rolled back to a savepoint taken before.
   */
  async applyWithin(
    tx: CaseWrite,
    caseId: string,
    event: CaseEvent,
    actor: Actor,
    options: Omit<ApplyOptions, 'idempotency'> = {},
  ): Promise<ApplyResult> {
    assertMay(actor, event.type);
    return this.applyIn(tx, caseId, event, actor, options);
  }

  private async applyIn(
    tx: CaseWrite,
    caseId: string,
    sent: CaseEvent,
    actor: Actor,
    options: ApplyOptions,
  ): Promise<ApplyResult> {
    const app = await tx.cases.loadCase(caseId, actor.scope, { eventId: options.eventId });
    if (!app) throw caseNotFound();
    if (app.seen) return this.result(app, this.restore(app), actor, true);
    if (options.expectedVersion !== undefined && options.expectedVersion !== app.version) {
      throw staleVersion(options.expectedVersion, app.version, app.state);
    }
    assertHolderActs(actor, app.holding);
    const snapshot = this.restore(app);
    // Completed before the machine sees it, so its effects carry what the audit row records (the
    // scans a scan transfer names); only when the machine takes it, so a refusal is answered first.
    // (takesEvent is asked for a scan transfer only: every other event goes to stepCase as sent.)
    const event =
      isScanTransfer(sent) && takesEvent(snapshot, sent) ? await completeEvent(tx.cases, app.id, sent) : sent;
    const step = stepCase(snapshot, event);
    if (!step) {
      const rule = explainRefusal(snapshot, sent);
      throw eventNotAllowed(sent.type, app.state, allowedEvents(snapshot, actor.role), rule);
    }
    const { type, ...payload } = event;
    const at = new Date();
    const moved = await tx.append(app, {
      type,
      toState: step.state,
      snapshot: persistSnapshot(step.snapshot),
      payload,
      actor,
      eventId: options.eventId ?? null,
      occurredAt: at,
    });
    await carryOutEffects(tx, app.id, step.effects, {
      at,
      actor,
      times: this.config,
      clocks: this.clocks,
      custody: this.custody,
    });
    return this.result(moved, step.snapshot, actor, false);
  }

  private restore(app: Pick<CaseHead, 'snapshot' | 'state'>): CaseSnapshot {
    try {
      return restoreSnapshot(app.snapshot);
    } catch (e) {
      if (e instanceof UnknownSnapshotError) throw needsManualHandling(app.state);
      throw e;
    }
  }

  private result(
    app: Pick<CaseHead, 'id' | 'caseNumber' | 'state' | 'version'>,
    snapshot: CaseSnapshot,
    actor: Actor,
    duplicate: boolean,
  ): ApplyResult {
    return {
      id: app.id,
      caseNumber: app.caseNumber,
      state: app.state,
      version: app.version,
      allowedEvents: allowedEvents(snapshot, actor.role),
      duplicate,
    };
  }
}
