/**
 * What a state means to the rest of the system, as tags on the machine's states
 * (case.machine.ts). Code outside libs/workflow asks a tag (`statesTagged`, `stateHasTag`,
 * `snapshot.hasTag`) instead of listing state names, so a state added or renamed in the machine
 * carries its meaning with it. Each key is a tag; its value says what a case in a state carrying
 * the tag is doing, in one line (the docstring says who relies on it).
 */
export const CASE_TAGS = {
  /**
   * The receiving window holds the papers: it may scan them (scan uploads are refused elsewhere),
   * and nothing has left for the home jurisdiction, or it came back (transfer failed, supplement).
   */
  atWindow: 'the receiving window holds the papers',
  /** The papers are on their way to the home jurisdiction (a courier or scan transfer job runs). */
  inTransit: 'the papers are on their way to the home jurisdiction',
  /**
   * The papers travel in a sealed parcel (材料交接单) or wait at the home jurisdiction's door: the
   * parcel's tracking job follows the carrier, and an officer checks the parcel in (签收) against its
   * manifest. No job sends the case's next event by itself.
   */
  inParcel: 'the papers travel in a sealed parcel, to be checked in by an officer',
  /**
   * In the home jurisdiction's inbox (`GET /inbox`): the officer has something to do (accept,
   * refuse or ask for a supplement; decide; dispatch the result or refusal notice).
   */
  inInbox: "in the home jurisdiction's inbox: the officer has something to do",
  /**
   * The papers arrived and the home jurisdiction has not yet accepted, refused or asked for a
   * supplement (行政许可法 art. 32: five working days, then deemed accepted). Only here does the
   * sweep's DEEM_ACCEPTED pass.
   */
  acceptancePending: 'arrived, awaiting acceptance within the statutory period',
  /** The transfer failed (parcel lost, scan digest mismatch): the window must redispatch. */
  transferFailed: 'the transfer failed and the window must redispatch',
  /**
   * A one-time notice (一次性告知) is open: the applicant must bring materials to the window
   * (a correction after the form check, or a supplement the home jurisdiction asked for).
   */
  waitingForApplicant: 'a one-time notice is open: the applicant must bring materials',
  /**
   * The home jurisdiction's supplement request is open: the context's `supplementItems` lists
   * what it asked for, and the supplement must answer exactly those.
   */
  supplementOpen: "the home jurisdiction's supplement request is open",
  /**
   * The case waits on a job that will send its next event (transfer, result delivery). The transition into the state wrote exactly one outbox row, so the case's newest
   * outbox row is the work it waits on; the reconciler republishes it when the job vanished.
   */
  waitingOnJob: 'a job will send the next event (its outbox row is the newest)',
  /**
   * The decision waits on a hearing, inspection, testing or expert review (行政许可法 art. 45): its
   * clock is paused until RESUME_CLOCK, and the officer may not decide meanwhile.
   */
  clockSuspended: 'the decision clock is suspended (art. 45)',
  /** The result or refusal notice reached the applicant: the service may be rated once (好差评). */
  evaluationOpen: 'the result reached the applicant; the service may be rated',
  /** The case is over (result delivered, or withdrawn): no event moves it any more. */
  final: 'the case is over',
} as const;

/** A tag a case state may carry; see CASE_TAGS for what each means. */
export type CaseTag = keyof typeof CASE_TAGS;
